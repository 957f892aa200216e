// A quota that is used up: a loopback server answers every request 429 with Retry-After: 1,
// forever. A call with rateLimitWaitMs: 5000 must give up within that budget plus one attempt:
// budget ≤ 5.5 s. Printed beside it, the same with Retry-After: 0 (counted as 1 s) and a date in
// the past, which once made a call retry without end.
import { createServer } from "node:http";
import { createDeepsetCloud, RateLimitError } from "../dist/index.js";

const BUDGET_MS = 5_500;
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const body = { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "MEMBER" };

let retryAfter = "1";
let requests = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    requests++;
    res.writeHead(429, { "retry-after": retryAfter, "content-type": "application/json" });
    res.end('{"detail":"quota exhausted"}');
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

console.log("exhausted quota: every answer 429, a call with rateLimitWaitMs 5000 (fresh client each)");
for (const [label, value] of [
  ["Retry-After: 1", "1"],
  ["Retry-After: 0", "0"],
  ["Retry-After: a past date", "Sat, 01 Jan 2000 00:00:00 GMT"],
]) {
  retryAfter = value;
  requests = 0;
  const dc = createDeepsetCloud({ apiKey: "bench-key", baseUrl, rateLimitWaitMs: 5_000 });
  const started = performance.now();
  const error = await dc.inviteUser(ORG, body).catch((e) => e);
  const ms = performance.now() - started;
  if (!(error instanceof RateLimitError)) throw new Error(`expected RateLimitError, got ${error}`);
  const verdict = ms <= BUDGET_MS ? "within budget" : "OVER BUDGET";
  console.log(
    `  ${label.padEnd(26)} ${(ms / 1000).toFixed(2)} s, ${requests} requests (budget ≤ ${BUDGET_MS / 1000} s) ${label === "Retry-After: 1" ? verdict : ""}`.trimEnd(),
  );
}
server.close();
