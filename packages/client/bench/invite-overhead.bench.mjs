// How much the client adds to a request: sequential inviteUser() against a loopback
// server that answers 201 at once, next to a bare fetch() loop with a timeout signal sending
// the same request (same headers, same body, body read), in one run; bare fetch without a
// timeout and openapi-fetch used directly are printed for information. Rounds rotate so that
// machine noise falls on all alike; the figure is the ratio of the medians. Budget: ≤ 1.10×.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createDeepsetCloud } from "../dist/index.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 400);
const OVERHEAD_BUDGET = 1.1;

const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const KEY = "bench-key";
const body = {
  email: "ada@example.com",
  given_name: "Ada",
  family_name: "Lovelace",
  role: "MEMBER",
  workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
};

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json", "content-length": "2", "x-request-id": "bench" });
    res.end("{}");
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const url = `${baseUrl}/api/v1/organization/${ORG}/invitation`;

const headers = {
  Authorization: `Bearer ${KEY}`,
  Accept: "application/json",
  "Content-Type": "application/json",
  "User-Agent": `dcloud-client/bench node/${process.versions.node}`,
};
async function bareFetch() {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  await response.text();
  if (response.status !== 201) throw new Error(`bare fetch got ${response.status}`);
}
// The baseline: a call without a timeout is not production-grade, so a bare fetch with one is the floor.
async function bareFetchWithTimeout() {
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  await response.text();
  if (response.status !== 201) throw new Error(`bare fetch got ${response.status}`);
}
// openapi-fetch used directly, as its README shows (its default Request: a real one per call), with the same timeout signal.
const plain = createClient({ baseUrl, headers });
async function openapiFetchWithTimeout() {
  const { response } = await plain.POST("/api/v1/organization/{organization_id}/invitation", {
    params: { path: { organization_id: ORG } },
    body,
    parseAs: "text",
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 201) throw new Error(`openapi-fetch got ${response.status}`);
}
const dc = createDeepsetCloud({ apiKey: KEY, baseUrl });
const viaClient = () => dc.inviteUser(ORG, body);

async function round(fn) {
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await fn();
  return performance.now() - started;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const contenders = [
  ["bare fetch + timeout signal", bareFetchWithTimeout],
  ["bare fetch, no timeout", bareFetch],
  ["openapi-fetch, default Request", openapiFetchWithTimeout],
  ["client.inviteUser", viaClient],
];
const times = contenders.map(() => []);
// Warm up every path (JIT, connection pool), then rotate the order each round.
for (const [, fn] of contenders) await round(fn);
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < contenders.length; i++) {
    const k = (i + r) % contenders.length;
    times[k].push(await round(contenders[k][1]));
  }
}
server.close();

const perRequest = (ms) => `${((ms / PER_ROUND) * 1000).toFixed(0).padStart(4)} µs`;
const bare = median(times[0]);
console.log(`client overhead: ${ROUNDS} rounds × ${PER_ROUND} sequential invitations against 127.0.0.1 (median round)`);
contenders.forEach(([name], k) => {
  const m = median(times[k]);
  console.log(`  ${name.padEnd(31)} ${perRequest(m)} per request   ${(m / bare).toFixed(3)}×`);
});
const ratio = median(times[contenders.length - 1]) / bare;
console.log(
  `  client / bare fetch with a timeout: ${ratio.toFixed(3)}× (budget ≤ ${OVERHEAD_BUDGET}×) ${ratio <= OVERHEAD_BUDGET ? "within budget" : "OVER BUDGET"}`,
);
