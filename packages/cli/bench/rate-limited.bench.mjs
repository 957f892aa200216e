// The figure that matters to a user: a file run against an API that limits the rate. A
// loopback server allows 50 invitations a second (a token bucket, burst 10; beyond it a 429
// with Retry-After and retry-after-ms), answers after 40 ms, and applies each email once;
// `dcloud invite --file` sends 500 rows with its default flags. Budgets: wall time ≤ 1.05×
// the 10 s the limit allows, 429s ≤ 5 % of requests, no failed row. Printed, not enforced;
// the exit code is non-zero only when the run itself went wrong.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROWS = 500;
const RATE = 50;
const BURST = 10;
const LATENCY_MS = 40;
const WALL_BUDGET = 1.05;
const LIMITED_BUDGET = 0.05;
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const INVITE_PATH = `/api/v1/organization/${ORG}/invitation`;

const CLI = fileURLToPath(new URL("../dist/dcloud.js", import.meta.url));
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: build the CLI first (pnpm build)`);
  process.exit(1);
}

let tokens = BURST;
let refilled = performance.now();
/** Takes a token; undefined when there was one, else the ms until the next. */
function take() {
  const now = performance.now();
  tokens = Math.min(BURST, tokens + ((now - refilled) / 1000) * RATE);
  refilled = now;
  if (tokens >= 1) {
    tokens -= 1;
    return undefined;
  }
  return Math.ceil(((1 - tokens) / RATE) * 1000);
}

const applied = new Set();
let requests = 0;
let limited = 0;
const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.method !== "POST" || req.url !== INVITE_PATH) return res.writeHead(404).end();
    requests++;
    // The limit is judged on arrival, as a gateway does; the answer comes after the latency.
    const waitMs = take();
    setTimeout(() => {
      if (waitMs !== undefined) {
        limited++;
        res.writeHead(429, { "retry-after": String(Math.ceil(waitMs / 1000)), "retry-after-ms": String(waitMs) });
        return res.end();
      }
      const email = JSON.parse(body).email.toLowerCase();
      const status = applied.has(email) ? 409 : 201;
      applied.add(email);
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    }, LATENCY_MS);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const apiUrl = `http://127.0.0.1:${server.address().port}`;

const dir = await mkdtemp(join(tmpdir(), "dcloud-rate-bench-"));
const file = join(dir, "people.csv");
const report = join(dir, "report.jsonl");
await writeFile(
  file,
  `email,given_name,family_name,role\n${Array.from({ length: ROWS }, (_, i) => `user${i}@example.com,Given,Family,member`).join("\n")}\n`,
);
const args = ["invite", "--file", file, "--org", ORG, "--api-url", apiUrl, "--report", report, "--quiet"];

try {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: dir, DEEPSET_CLOUD_API_KEY: "bench-key" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const [code] = await once(child, "close");
  const seconds = (performance.now() - started) / 1000;
  const rows = (await readFile(report, "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const failed = rows.filter((row) => row.status !== "invited").length;
  const ideal = ROWS / RATE;

  console.log(
    `rate-limited API: ${ROWS} rows, default flags, against ${RATE} invitations/s (burst ${BURST}, ${LATENCY_MS} ms latency) on 127.0.0.1`,
  );
  console.log(
    `  $ node packages/cli/dist/dcloud.js ${args.map((a) => (a.startsWith(dir) ? `<tmp>/${a.slice(dir.length + 1)}` : a)).join(" ")}`,
  );
  const wall = seconds / ideal;
  const share = limited / requests;
  console.log(
    `  wall time          ${seconds.toFixed(2)} s = ${wall.toFixed(3)}× the ${ideal.toFixed(0)} s the limit allows (budget ≤ ${WALL_BUDGET}×) ${wall <= WALL_BUDGET ? "within budget" : "OVER BUDGET"}`,
  );
  console.log(
    `  429s               ${limited} of ${requests} requests = ${(share * 100).toFixed(1)} % (budget ≤ ${LIMITED_BUDGET * 100} %) ${share <= LIMITED_BUDGET ? "within budget" : "OVER BUDGET"}`,
  );
  console.log(`  rows not invited   ${failed} of ${ROWS} (budget 0) ${failed === 0 ? "within budget" : "OVER BUDGET"}`);
  if (code !== 0 || rows.length !== ROWS || applied.size !== ROWS) {
    console.log(
      `  the run went wrong: exit ${code}, ${rows.length} report lines, ${applied.size} invitations applied; ${stderr.trim().split("\n")[0] ?? ""}`,
    );
    process.exitCode = 1;
  }
} finally {
  server.close();
  await rm(dir, { recursive: true, force: true });
}
