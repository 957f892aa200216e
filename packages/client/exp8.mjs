import { createServer } from "node:http";
const server = createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(201, { "content-type": "application/json", "content-length": "2" }); res.end("{}"); }); });
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const url = `${base}/api/v1/organization/x/invitation`;
const obj = { email: "a@b.c", given_name: "A", family_name: "B", role: "M" };
const headers = { Authorization: "Bearer k", Accept: "application/json", "Content-Type": "application/json", "User-Agent": "x" };
const variants = {
  A_bare: async () => { const r = await fetch(url, { method: "POST", headers, body: JSON.stringify(obj) }); await r.text(); },
  C_controller: async () => { const c = new AbortController(); const t = setTimeout(() => c.abort(), 30000); const r = await fetch(url, { method: "POST", headers, body: JSON.stringify(obj), signal: c.signal }); await r.text(); clearTimeout(t); },
  C_timeoutSignal: async () => { const r = await fetch(url, { method: "POST", headers, body: JSON.stringify(obj), signal: AbortSignal.timeout(30000) }); await r.text(); },
};
const N = 1500;
const res = {}; for (const k in variants) res[k] = [];
for (const k in variants) for (let i = 0; i < 500; i++) await variants[k]();
for (let round = 0; round < 10; round++) for (const [k, v] of Object.entries(variants)) { const t = performance.now(); for (let i = 0; i < N; i++) await v(); res[k].push((performance.now() - t) / N * 1000); }
const med = (k) => [...res[k]].sort((a,b)=>a-b)[5];
for (const k in res) console.log(k.padEnd(24), "median", med(k).toFixed(0), "µs", "ratio", (med(k) / med("A_bare")).toFixed(3));
server.close();
