import { createReadStream, existsSync } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureChild, RSS_SOURCE } from "./peak-rss.mjs";
import { writePeopleCsv } from "./people-csv.mjs";

const ROWS = Number(process.env.BENCH_VALIDATION_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_VALIDATION_RUNS ?? 3);
const TIME_BUDGET_S = 10;
const RSS_BUDGET_MIB = 300;
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

const CLI = fileURLToPath(new URL("../dist/dcloud.js", import.meta.url));
if (!existsSync(CLI)) {
  console.error(`${CLI} is missing: build the CLI first (pnpm build)`);
  process.exit(1);
}

const dir = await mkdtemp(join(tmpdir(), "dcloud-validation-bench-"));
const env = { PATH: process.env.PATH ?? "", HOME: dir };
const problems = [];

/** Runs the CLI, its stdout into `out` (a file); resolves wall time (ms), exit code, stderr and peak RSS (KiB). */
async function measure(args, out) {
  const stdout = await open(out, "w");
  try {
    return await measureChild([process.execPath, CLI, ...args], { env, stdout: stdout.fd, rssFile: join(dir, "rss") });
  } finally {
    await stdout.close();
  }
}

/** The line breaks in a file, counted as it streams. */
async function linesOf(path) {
  let lines = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk) if (byte === 0x0a) lines++;
  return lines;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (kb) => kb / 1024;
const verdict = (ok) => (ok ? "within budget" : "OVER BUDGET");

try {
  const file = await writePeopleCsv(join(dir, "invitees.csv"), ROWS);
  const args = ["invite", "--file", file, "--org", ORG, "--dry-run"];
  console.log(
    `checking ${ROWS.toLocaleString("en")} rows (${mib((await stat(file)).size / 1024).toFixed(1)} MiB of CSV), node ${process.versions.node}; peak RSS from ${RSS_SOURCE}`,
  );
  const quiet = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await measure([...args, "--quiet"], join(dir, "quiet.out"));
    if (result.code !== 0) problems.push(`--quiet run exited ${result.code}: ${result.stderr.trim().split("\n")[0]}`);
    quiet.push(result);
  }
  const printed = await measure(args, join(dir, "printed.out"));
  // The requests, one a line, after the columns and the heading.
  const expected = ROWS + 7;
  const lines = await linesOf(join(dir, "printed.out"));
  if (printed.code !== 0) problems.push(`printing run exited ${printed.code}: ${printed.stderr.trim().split("\n")[0]}`);
  else if (lines !== expected) problems.push(`printing run printed ${lines} lines, not ${expected}`);

  const seconds = median(quiet.map((r) => r.ms)) / 1000;
  const rss = mib(median(quiet.map((r) => r.rssKb)));
  const list = (pick) => quiet.map(pick).join(", ");
  console.log(
    `\n  $ node dist/dcloud.js ${args.join(" ").replace(dir, "$TMP")} --quiet > $TMP/quiet.out   (${RUNS} runs, median)`,
  );
  console.log(
    `  time      ${seconds.toFixed(2).padStart(7)} s     [${list((r) => (r.ms / 1000).toFixed(2))} s]   budget ≤ ${TIME_BUDGET_S} s: ${verdict(seconds <= TIME_BUDGET_S)}`,
  );
  console.log(
    `  peak RSS  ${rss.toFixed(1).padStart(7)} MiB   [${list((r) => mib(r.rssKb).toFixed(1))} MiB]   budget ≤ ${RSS_BUDGET_MIB} MiB: ${verdict(rss <= RSS_BUDGET_MIB)}`,
  );
  console.log(
    `\n  $ node dist/dcloud.js ${args.join(" ").replace(dir, "$TMP")} > $TMP/printed.out   (every request printed)`,
  );
  console.log(
    `  time      ${(printed.ms / 1000).toFixed(2).padStart(7)} s\n  peak RSS  ${mib(printed.rssKb).toFixed(1).padStart(7)} MiB`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.log("\nruns that went wrong (their figures are not valid):");
  for (const problem of problems) console.log(`  - ${problem}`);
  process.exitCode = 1;
}
