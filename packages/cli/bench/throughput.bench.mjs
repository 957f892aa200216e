// What a bulk run costs, measured side by side in one run against one loopback server
// (in this process, counting what it receives):
//   1. throughput: `dcloud invite --file` with 10,000 rows at --concurrency 16, next to a
//      bare fetch loop in its own process sending the same 10,000 POSTs with the same
//      headers (16 workers pulling from a shared index). Budget: CLI ≥ 0.8× the bare loop.
//   2. peak RSS of the CLI on 10,000 rows and on 100,000 rows (the input is streamed, so
//      memory should not grow with it). Budget: RSS(100k) ≤ 1.2 × RSS(10k).
//   3. start-up: `dcloud --version` next to `node -e 0`, alternating, median. Budget ≤ 1.6×.
// Budgets are printed, not enforced: the exit code is non-zero only when a run itself went
// wrong (a non-zero exit, or a request count other than the rows sent).
// Env: BENCH_ROUNDS (throughput rounds per contender, default 5), BENCH_STARTUP_RUNS (20).
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { GNU_TIME, hasGnuTime, measureChild, RSS_SOURCE } from "./peak-rss.mjs";
import { writePeopleCsv } from "./people-csv.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
const ROWS = 10_000;
const BIG_ROWS = 100_000;
const CONCURRENCY = 16;
const THROUGHPUT_BUDGET = 0.8;
const RSS_BUDGET = 1.2;
const STARTUP_BUDGET = 1.6;

const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const KEY = "bench-key";
const INVITE_PATH = `/api/v1/organization/${ORG}/invitation`;
const ME_BODY = JSON.stringify({
  user_id: "7e1d2c3b-4a59-4687-9a0b-c1d2e3f40516",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  organization: { organization_id: ORG, name: "Bench" },
});

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = fileURLToPath(new URL("../dist/dcloud.js", import.meta.url));
const show = (path) => (path.startsWith(repoRoot) ? relative(repoRoot, path) : path);
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: build the CLI first (pnpm build)`);
  process.exit(1);
}

// ── the server ─────────────────────────────────────────────────────────────────────────
let invitations = 0;
let otherRequests = 0;
const headerNames = new Map(); // contender → the header names of its first POST
let currentContender = "";
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.method === "POST" && req.url === INVITE_PATH) {
      invitations++;
      if (!headerNames.has(currentContender))
        headerNames.set(currentContender, Object.keys(req.headers).sort().join(","));
      res.writeHead(201, { "content-type": "application/json", "content-length": "2", "x-request-id": "bench" });
      res.end("{}");
    } else if (req.method === "GET" && req.url === "/api/v1/me") {
      otherRequests++;
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(ME_BODY)) });
      res.end(ME_BODY);
    } else {
      otherRequests++;
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"detail":"Not Found"}');
    }
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const apiUrl = `http://127.0.0.1:${server.address().port}`;

// ── inputs ─────────────────────────────────────────────────────────────────────────────
const dir = await mkdtemp(join(tmpdir(), "dcloud-bulk-bench-"));
const home = join(dir, "home");
await mkdir(home);
const env = { PATH: process.env.PATH ?? "", HOME: home, DEEPSET_CLOUD_API_KEY: KEY };

const csv10k = await writePeopleCsv(join(dir, "invitees-10k.csv"), ROWS);
const csv100k = await writePeopleCsv(join(dir, "invitees-100k.csv"), BIG_ROWS);

// The bare loop: the same POSTs (same body as the CLI sends for these rows: no
// workspace_ids when the cell is empty) and the client's headers, 16 workers pulling from
// a shared index; fetch is what the client uses too.
const BARE_LOOP = `
const url = process.env.BENCH_URL;
const n = Number(process.env.BENCH_N);
const headers = {
  Authorization: "Bearer " + process.env.DEEPSET_CLOUD_API_KEY,
  Accept: "application/json",
  "Content-Type": "application/json",
  "User-Agent": "dcloud-client/bench node/" + process.versions.node,
};
let next = 1;
let failed = 0;
async function worker() {
  while (next <= n) {
    const i = next++;
    const body = JSON.stringify({ email: "user" + i + "@example.com", given_name: "Given" + i, family_name: "Family" + i, role: "member" });
    const response = await fetch(url, { method: "POST", headers, body });
    await response.text();
    if (response.status !== 201) failed++;
  }
}
await Promise.all(Array.from({ length: Number(process.env.BENCH_CONCURRENCY) }, worker));
if (failed > 0) { console.error(failed + " requests were not answered 201"); process.exit(1); }
`;

// ── running children ───────────────────────────────────────────────────────────────────
let runId = 0;
/** Runs argv[0] with argv[1..]; resolves wall time (ms), exit code, stderr and peak RSS (KiB). */
async function measure(argv, extraEnv = {}) {
  const cpuBefore = process.cpuUsage();
  const result = await measureChild(argv, { env: { ...env, ...extraEnv }, rssFile: join(dir, `rss-${++runId}`) });
  // This process is the server: its CPU time shows whether the server could have been the limit.
  const cpu = process.cpuUsage(cpuBefore);
  return { ...result, serverCpuMs: (cpu.user + cpu.system) / 1000 };
}

const problems = [];
const commandLines = {};

function cliArgv(file, report) {
  return [
    process.execPath,
    CLI,
    "invite",
    "--file",
    file,
    "--org",
    ORG,
    "--api-url",
    apiUrl,
    "--concurrency",
    String(CONCURRENCY),
    "--report",
    report,
    "--quiet",
  ];
}
const printable = (argv, extraEnv = {}) => {
  const vars = Object.entries({ HOME: home, DEEPSET_CLOUD_API_KEY: KEY, ...extraEnv }).map(([k, v]) => `${k}=${v}`);
  const words = argv.map((word) => (word === process.execPath ? "node" : show(word)));
  return [...vars, ...(hasGnuTime ? [GNU_TIME, "-f", "%M"] : []), ...words]
    .map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`))
    .join(" ");
};

async function runCliOn(file, rows, label) {
  const report = join(dir, `report-${++runId}.jsonl`);
  const argv = cliArgv(file, report);
  commandLines[label] ??= printable(argv);
  invitations = 0;
  currentContender = "dcloud";
  const result = await measure(argv);
  const reported = existsSync(report) ? (await readFile(report, "utf8")).split("\n").filter(Boolean).length : 0;
  if (result.code !== 0)
    problems.push(
      `${label}: dcloud exited ${result.code}: ${result.stderr.trim().split("\n").slice(0, 3).join(" | ")}`,
    );
  if (invitations !== rows) problems.push(`${label}: the server received ${invitations} invitations, not ${rows}`);
  if (result.code === 0 && reported !== rows) problems.push(`${label}: the report has ${reported} lines, not ${rows}`);
  if (existsSync(report)) await rm(report);
  return result;
}

async function runBare(rows) {
  const argv = [process.execPath, "--input-type=module", "-e", BARE_LOOP];
  const extraEnv = {
    BENCH_URL: `${apiUrl}${INVITE_PATH}`,
    BENCH_N: String(rows),
    BENCH_CONCURRENCY: String(CONCURRENCY),
  };
  commandLines.bare ??= `${printable([process.execPath, "--input-type=module", "-e", "<the bare loop in bench/throughput.bench.mjs>"], extraEnv)}`;
  invitations = 0;
  currentContender = "bare";
  const result = await measure(argv, extraEnv);
  if (result.code !== 0) problems.push(`bare loop exited ${result.code}: ${result.stderr.trim()}`);
  if (invitations !== rows) problems.push(`bare loop: the server received ${invitations} invitations, not ${rows}`);
  return result;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const verdict = (ok) => (ok ? "within budget" : "OVER BUDGET");
const mib = (kb) => `${(kb / 1024).toFixed(1)} MiB`;
const supportsFile = /--file\b/.test(
  spawnSync(process.execPath, [CLI, "invite", "--help"], { encoding: "utf8", env }).stdout,
);

try {
  console.log(
    `bulk invite: ${ROWS.toLocaleString("en")} rows at --concurrency ${CONCURRENCY} against ${apiUrl} (in this process), node ${process.versions.node}`,
  );
  console.log(`  peak RSS from ${RSS_SOURCE}; CSV files in ${dir}`);

  // ── 1. throughput ──
  const cliRuns = [];
  const bareRuns = [];
  if (!supportsFile) problems.push("dcloud invite has no --file yet: throughput and RSS not measured");
  else {
    // Warm-up (server JIT, page cache), then rounds in alternating order.
    await runBare(ROWS);
    await runCliOn(csv10k, ROWS, "cli10k");
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) {
        cliRuns.push(await runCliOn(csv10k, ROWS, "cli10k"));
        bareRuns.push(await runBare(ROWS));
      } else {
        bareRuns.push(await runBare(ROWS));
        cliRuns.push(await runCliOn(csv10k, ROWS, "cli10k"));
      }
    }
    const cliMs = median(cliRuns.map((run) => run.ms));
    const bareMs = median(bareRuns.map((run) => run.ms));
    const rate = (ms) =>
      `${Math.round(ROWS / (ms / 1000))
        .toLocaleString("en")
        .padStart(6)} rows/s`;
    const runs = (list) => list.map((run) => (run.ms / 1000).toFixed(2)).join(", ");
    console.log(`\n1. throughput (${ROUNDS} rounds each after a warm-up, median wall time, process start-up included)`);
    console.log(
      `  dcloud invite --file     ${(cliMs / 1000).toFixed(2).padStart(6)} s  ${rate(cliMs)}   [${runs(cliRuns)} s]`,
    );
    console.log(`    $ ${commandLines.cli10k}`);
    console.log(
      `  bare fetch loop          ${(bareMs / 1000).toFixed(2).padStart(6)} s  ${rate(bareMs)}   [${runs(bareRuns)} s]`,
    );
    console.log(`    $ ${commandLines.bare}`);
    const ratio = bareMs / cliMs;
    console.log(
      `  dcloud / bare loop throughput: ${ratio.toFixed(3)}× (budget ≥ ${THROUGHPUT_BUDGET}×) ${verdict(ratio >= THROUGHPUT_BUDGET)}`,
    );
    const [cliHeaders, bareHeaders] = [headerNames.get("dcloud"), headerNames.get("bare")];
    if (cliHeaders !== bareHeaders)
      console.log(`  note: header names differ — dcloud: ${cliHeaders}; bare: ${bareHeaders}`);
    const busy = (list) =>
      `${Math.round((100 * median(list.map((run) => run.serverCpuMs))) / median(list.map((run) => run.ms)))}%`;
    console.log(
      `  the server (this process) was busy ${busy(cliRuns)} of the dcloud runs' wall time, ${busy(bareRuns)} of the bare loop's`,
    );
    console.log(
      `  each run was checked: ${ROWS.toLocaleString("en")} invitations received by the server, exit 0, ${ROWS.toLocaleString("en")} report lines`,
    );
  }

  // ── 2. peak RSS ──
  if (supportsFile) {
    const big = await runCliOn(csv100k, BIG_ROWS, "cli100k");
    const small = median(cliRuns.map((run) => run.rssKb));
    const bareRss = median(bareRuns.map((run) => run.rssKb));
    const ratio = big.rssKb / small;
    console.log(`\n2. peak RSS of dcloud invite --file (same settings)`);
    console.log(
      `  ${ROWS.toLocaleString("en").padStart(7)} rows  ${mib(small).padStart(10)}   (median of the throughput runs: ${cliRuns.map((run) => mib(run.rssKb)).join(", ")})`,
    );
    console.log(
      `  ${BIG_ROWS.toLocaleString("en").padStart(7)} rows  ${mib(big.rssKb).padStart(10)}   (${(big.ms / 1000).toFixed(2)} s, ${Math.round(BIG_ROWS / (big.ms / 1000)).toLocaleString("en")} rows/s; input ${mib((await stat(csv100k)).size / 1024)})`,
    );
    console.log(`    $ ${commandLines.cli100k}`);
    console.log(`  (the bare loop peaks at ${mib(bareRss)})`);
    console.log(
      `  RSS(100k) / RSS(10k): ${ratio.toFixed(3)}× (budget ≤ ${RSS_BUDGET}×) ${verdict(ratio <= RSS_BUDGET)}`,
    );
  }

  // ── 3. start-up ──
  const versionArgv = [process.execPath, CLI, "--version"];
  const nodeArgv = [process.execPath, "-e", "0"];
  const versionTimes = [];
  const nodeTimes = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const pair =
      i % 2 === 0
        ? [
            [versionArgv, versionTimes],
            [nodeArgv, nodeTimes],
          ]
        : [
            [nodeArgv, nodeTimes],
            [versionArgv, versionTimes],
          ];
    for (const [argv, times] of pair) {
      const started = performance.now();
      const child = spawn(argv[0], argv.slice(1), { env, stdio: "ignore" });
      const [code] = await once(child, "close");
      times.push(performance.now() - started);
      if (code !== 0) problems.push(`${argv.slice(1).join(" ")} exited ${code}`);
    }
  }
  const versionMs = median(versionTimes);
  const nodeMs = median(nodeTimes);
  const startupRatio = versionMs / nodeMs;
  console.log(`\n3. start-up (${STARTUP_RUNS} runs each, alternating, median wall time)`);
  console.log(
    `  dcloud --version  ${versionMs.toFixed(1).padStart(6)} ms    $ ${printable(versionArgv).replace(/ \/usr\/bin\/time -f %M/, "")}`,
  );
  console.log(
    `  node -e 0         ${nodeMs.toFixed(1).padStart(6)} ms    $ ${printable(nodeArgv).replace(/ \/usr\/bin\/time -f %M/, "")}`,
  );
  console.log(
    `  dcloud --version / node -e 0: ${startupRatio.toFixed(3)}× (budget ≤ ${STARTUP_BUDGET}×) ${verdict(startupRatio <= STARTUP_BUDGET)}`,
  );
  if (otherRequests > 0)
    console.log(`  note: the server also answered ${otherRequests} other request(s) (GET /api/v1/me or unknown paths)`);
} finally {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.log("\nruns that went wrong (their figures are not valid):");
  for (const problem of problems) console.log(`  - ${problem}`);
  process.exitCode = 1;
}
