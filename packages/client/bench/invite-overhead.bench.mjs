// How much the client adds to a request: sequential inviteUser() against a loopback
// server that answers 201 at once, next to a bare fetch() loop with a timeout signal sending
// the same request (same headers, same body, body read), in one run; bare fetch without a
// timeout and openapi-fetch used directly are printed beside them: with its default Request,
// and with a light request class and a fetch that passes URL and init on — the floor any
// client built on openapi-fetch stands on.
// A busy machine slows whole stretches of a run, so the contenders take turns in short
// batches, in a shuffled order, over many rounds; each round gives every contender's time as
// a ratio to the bare fetch's in the same round, and the figure is the median of those
// ratios (wall time, and CPU time of this process, which holds the server too).
// Budget: ≤ 1.10×.
import { createServer } from "node:http";
import createClient from "openapi-fetch";
import { createDeepsetCloud } from "../dist/index.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 100);
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
// openapi-fetch with a light request (its `Request` option) and a fetch that sends it as is.
class LightRequest {
  constructor(url, init) {
    this.url = url;
    this.init = init;
  }
}
const light = createClient({
  baseUrl,
  headers,
  Request: LightRequest,
  fetch: async ({ url, init }) => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response;
  },
});
async function lightOpenapiFetch() {
  const { response } = await light.POST("/api/v1/organization/{organization_id}/invitation", {
    params: { path: { organization_id: ORG } },
    body,
    parseAs: "stream",
  });
  if (response.status !== 201) throw new Error(`openapi-fetch got ${response.status}`);
}
const dc = createDeepsetCloud({ apiKey: KEY, baseUrl });
const viaClient = () => dc.inviteUser(ORG, body);

/** One batch: wall and CPU time (ms). */
async function batch(fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await fn();
  const { user, system } = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (user + system) / 1000 };
}
/** mulberry32: the same order for the same seed, so a run can be repeated. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const contenders = [
  ["bare fetch + timeout signal", bareFetchWithTimeout],
  ["bare fetch, no timeout", bareFetch],
  ["openapi-fetch, default Request", openapiFetchWithTimeout],
  ["openapi-fetch, light Request", lightOpenapiFetch],
  ["client.inviteUser", viaClient],
];
/** Per contender: its batch times, and its ratios to the bare fetch's batch of the same round. */
const runs = contenders.map(() => ({ wall: [], cpu: [], wallRatio: [], cpuRatio: [] }));
// Warm up every path (JIT, connection pool), then shuffle the order each round: with a
// rotating one, each contender would always follow the same one and pay for its garbage.
for (const [, fn] of contenders) for (let i = 0; i < 3; i++) await batch(fn);
const random = seededRandom(Number(process.env.BENCH_SEED ?? 1));
for (let r = 0; r < ROUNDS; r++) {
  const times = [];
  for (const k of shuffled(
    contenders.map((_, k) => k),
    random,
  ))
    times[k] = await batch(contenders[k][1]);
  times.forEach((t, k) => {
    runs[k].wall.push(t.wall);
    runs[k].cpu.push(t.cpu);
    runs[k].wallRatio.push(t.wall / times[0].wall);
    runs[k].cpuRatio.push(t.cpu / times[0].cpu);
  });
}
server.close();

const perRequest = (ms) => `${((ms / PER_ROUND) * 1000).toFixed(0).padStart(4)} µs/request`;
console.log(
  `client overhead: ${ROUNDS} rounds × ${PER_ROUND} sequential invitations per contender against 127.0.0.1, taking turns (medians)`,
);
contenders.forEach(([name], k) => {
  const run = runs[k];
  console.log(
    `  ${name.padEnd(31)} wall ${perRequest(median(run.wall))} ${median(run.wallRatio).toFixed(3)}×   CPU ${perRequest(median(run.cpu))} ${median(run.cpuRatio).toFixed(3)}×`,
  );
});
const client = runs[contenders.length - 1];
const ratio = median(client.wallRatio);
console.log(
  `  client / bare fetch with a timeout: ${ratio.toFixed(3)}× wall, ${median(client.cpuRatio).toFixed(3)}× CPU (budget ≤ ${OVERHEAD_BUDGET}× wall) ${ratio <= OVERHEAD_BUDGET ? "within budget" : "OVER BUDGET"}`,
);
// What the client adds to openapi-fetch itself: its transport (validation, headers, the
// attempt's timeout, retries, the rate-limit gate, bounded reads), round by round.
const floor = runs[contenders.findIndex(([name]) => name === "openapi-fetch, light Request")];
const overFloor = median(client.wall.map((wall, r) => wall / floor.wall[r]));
console.log(`  client / openapi-fetch with a light Request: ${overFloor.toFixed(3)}× wall`);
