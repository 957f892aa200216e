import { createServer } from "node:http";
import createClient from "openapi-fetch";
import { createDeepsetCloud } from "./dist/index.js";
import { PlainRequest } from "./dist/internal/plain-request.js";
import { runAttempt } from "./dist/internal/attempt.js";
import { validateRequest } from "./dist/internal/validate.js";
import { createTransportFetch } from "./dist/internal/transport-fetch.js";
const server = createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(201, { "content-type": "application/json", "content-length": "2" }); res.end("{}"); }); });
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const url = `${base}/api/v1/organization/x/invitation`;
const obj = { email: "a@b.c", given_name: "A", family_name: "B", role: "M", workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"] };
const headers = { Authorization: "Bearer k", Accept: "application/json", "Content-Type": "application/json", "User-Agent": "x" };
const api = createClient({ baseUrl: base });
const plainFetch = (req) => { req.headers.set("Authorization", "Bearer k"); req.headers.set("Accept", "application/json"); req.headers.set("User-Agent", "x"); return fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: req.signal ?? null }); };
const tf = createTransportFetch({ fetch: (i, n) => globalThis.fetch(i, n), apiKey: "k" });
const dc = createDeepsetCloud({ apiKey: "k", baseUrl: base });
const OP = "invite_user_to_organization_api_v1_organization__organization_id__invitation_post";
const P = "/api/v1/organization/{organization_id}/invitation";
const variants = {
  A_bare: async () => { const r = await fetch(url, { method: "POST", headers, body: JSON.stringify(obj) }); await r.text(); },
  E: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); const json = JSON.stringify(obj); await api.POST(P, { params: { path: { organization_id: "x" } }, body: obj, bodySerializer: () => json, parseAs: "text", Request: PlainRequest, fetch: plainFetch, signal: c.signal }); clearTimeout(t); },
  E2_validate_runAttempt: async () => { validateRequest(OP, { path: { organization_id: "x" }, body: obj }); const json = JSON.stringify(obj); await runAttempt((signal) => api.POST(P, { params: { path: { organization_id: "x" } }, body: obj, bodySerializer: () => json, parseAs: "text", Request: PlainRequest, fetch: plainFetch, signal }), { timeoutMs: 30000, signal: undefined, target: base, attempt: 1 }); },
  E3_transport: async () => { validateRequest(OP, { path: { organization_id: "x" }, body: obj }); const json = JSON.stringify(obj); await runAttempt((signal) => api.POST(P, { params: { path: { organization_id: "x" } }, body: obj, bodySerializer: () => json, parseAs: "text", Request: PlainRequest, fetch: tf, signal }), { timeoutMs: 30000, signal: undefined, target: base, attempt: 1 }); },
  F_client: () => dc.inviteUser("x", obj),
};
const N = 1500;
const res = {}; for (const k in variants) res[k] = [];
for (const k in variants) for (let i = 0; i < 500; i++) await variants[k]();
for (let round = 0; round < 10; round++) for (const [k, v] of Object.entries(variants)) { const t = performance.now(); for (let i = 0; i < N; i++) await v(); res[k].push((performance.now() - t) / N * 1000); }
const med = (k) => [...res[k]].sort((a,b)=>a-b)[5];
for (const k in res) console.log(k.padEnd(24), "median", med(k).toFixed(0), "µs", "ratio", (med(k) / med("A_bare")).toFixed(3));
server.close();
