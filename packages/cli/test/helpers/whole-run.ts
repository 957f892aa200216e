// One seed of the generated-schedule test: the built CLI runs `invite --file … --report …
// --json` against the fake API as the schedule says — with its signal and its file size limit
// — then again with `--resume` against a calm API; every promise a run makes is checked, and
// each broken one comes back as a violation naming the invariant. The fake API and the
// temporary folder are removed whatever happens.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliCommand, KEYS } from "./cli.js";
import { type FakeApi, startFakeApi, WORKSPACE } from "./fake-api.js";
import { describeScenario, type Scenario, scenarioFor, timeBoundMs } from "./schedule.js";
import { ORG_ID } from "./server.js";

export interface Violation {
  invariant: string;
  detail: string;
}

interface Row {
  line: number | null;
  email: string;
  status: string;
  error: { code: string } | null;
  resumed?: true;
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
  signalSent: boolean;
}

const STATUSES = ["invited", "already_member", "invalid", "failed", "not_attempted"] as const;
const DONE = new Set(["invited", "already_member"]);

/** The input of a scenario: valid rows, emails in mixed case, names beyond ASCII. */
export function inputFor(s: Scenario): { emails: string[]; csv: string } {
  const given = ["Ada", "Zoë", "José", "Łukasz", "Ngozi", "Hana", "O'Brien"];
  const emails = Array.from({ length: s.rows }, (_, i) =>
    i % 5 === 3 ? `Person${i}@Example.com` : `person${i}@example.com`,
  );
  const header = `email,given_name,family_name,role${s.workspaces ? ",workspaces" : ""}`;
  const lines = emails.map(
    (email, i) => `${email},${given[i % given.length]},Family${i},member${s.workspaces ? `,${WORKSPACE.name}` : ""}`,
  );
  return { emails, csv: `${[header, ...lines].join("\n")}\n` };
}

/** A test's timeout for a seed: both runs within their bounds, with room to spare. */
export function timeoutFor(s: Scenario): number {
  return 2 * timeBoundMs(s) + 60_000;
}

/** Runs one seed; throws, naming every broken invariant and how to replay the seed, unless all hold. */
export async function expectSeedHolds(seed: number): Promise<void> {
  const scenario = scenarioFor(seed);
  const violations = await runSeed(scenario);
  if (violations.length === 0) return;
  const broken = [...new Set(violations.map((v) => v.invariant))].join(", ");
  throw new Error(
    [
      `seed ${seed} breaks: ${broken}`,
      `  schedule: ${describeScenario(scenario)}`,
      ...violations.map((v) => `  ${v.invariant}: ${v.detail}`),
      `  replay: DCLOUD_SEED=${seed} npx vitest run test/run-integrity   (in packages/cli, after \`node build.mjs\`)`,
    ].join("\n"),
  );
}

export async function runSeed(s: Scenario): Promise<Violation[]> {
  const { emails, csv } = inputFor(s);
  // The seed's own folder, removed in the `finally` below. Not tempDir(): vitest ties its clean-up
  // to the test it takes for the current one, and under describe.concurrent (the soak) that can
  // be another seed's, whose end then removed this folder while this seed still ran (ENOENT).
  const dir = await mkdtemp(join(tmpdir(), "dcloud-seed-"));
  const api = await startFakeApi(s, emails).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  try {
    const tmp = join(dir, "tmp");
    await mkdir(tmp);
    const file = join(dir, "people.csv");
    const report = join(dir, "report.jsonl");
    await writeFile(file, csv);
    const args = [
      "invite",
      "--file",
      s.viaStdin ? "-" : file,
      "--api-url",
      api.url,
      "--report",
      report,
      "--json",
      "--concurrency",
      `${s.concurrency}`,
      "--max-retries",
      `${s.maxRetries}`,
      "--timeout",
      `${s.timeoutMs}`,
      ...(s.orgFromMe ? [] : ["--org", ORG_ID]),
    ];
    const env = { PATH: process.env.PATH ?? "", HOME: dir, TMPDIR: tmp, DEEPSET_CLOUD_API_KEY: KEYS.env };
    const stdin = s.viaStdin ? csv : "";

    const first = await runCli(args, {
      env,
      stdin,
      boundMs: timeBoundMs(s),
      fileLimitKiB: s.fileLimitKiB,
      api,
      signal: s.signal,
    });
    const violations: Violation[] = [];
    const firstLines = await reportLines(report);
    violations.push(...(await checkRun("first run", first, firstLines, emails, s, api, tmp)));
    const leftovers = await readdir(tmp);
    if (first.timedOut) return violations;

    // Whatever stopped the first run, a --resume finishes the rest and sends nothing twice.
    api.calm();
    const resumeBound = 20_000 + (s.rows * 300) / s.concurrency;
    const second = await runCli([...args, "--resume"], {
      env,
      stdin,
      boundMs: resumeBound,
      fileLimitKiB: null,
      api,
      signal: null,
    });
    const allLines = await reportLines(report);
    violations.push(...checkResume(second, allLines, firstLines, emails, api));
    const leftBefore = new Set(leftovers);
    const left = (await readdir(tmp)).filter((name) => !leftBefore.has(name));
    if (!second.timedOut && left.length > 0) {
      violations.push({ invariant: "temp-removed", detail: `--resume: left in the temp folder: ${left}` });
    }
    return violations;
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function runCli(
  args: string[],
  options: {
    env: Record<string, string>;
    stdin: string;
    boundMs: number;
    fileLimitKiB: number | null;
    api: FakeApi;
    signal: Scenario["signal"];
  },
): Promise<Finished> {
  const started = Date.now();
  const child = spawn(...cliCommand(args, options.fileLimitKiB), {
    env: options.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let exited = false;
  let timedOut = false;
  let signalSent = false;
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  child.stdin.on("error", () => {}); // the CLI may exit before it reads its input
  child.stdin.end(options.stdin);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.boundMs);
  const signal = options.signal;
  if (signal) {
    void options.api
      .whenPosts(signal.afterPosts)
      .then(() => new Promise((resolve) => setTimeout(resolve, signal.delayMs)))
      .then(() => {
        if (exited) return;
        signalSent = true;
        child.kill(signal.name);
      });
  }
  const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s])),
  );
  exited = true;
  clearTimeout(timer);
  return { code, signal: sig, stdout, stderr, ms: Date.now() - started, timedOut, signalSent };
}

async function reportLines(path: string): Promise<Row[]> {
  let text = "";
  try {
    text = await readFile(path, "utf8");
  } catch {
    return [];
  }
  const rows: Row[] = [];
  for (const line of text.split("\n")) {
    try {
      if (line.trim()) rows.push(JSON.parse(line) as Row);
    } catch {
      // A torn last line: the reader ignores it too.
    }
  }
  return rows;
}

function parseDocument(
  stdout: string,
): { summary: Record<string, number>; results: Row[]; unrecorded?: Row[] } | undefined {
  try {
    const doc = JSON.parse(stdout) as { summary?: Record<string, number>; results?: Row[]; unrecorded?: Row[] };
    return doc.summary && Array.isArray(doc.results) ? (doc as ReturnType<typeof parseDocument>) : undefined;
  } catch {
    return undefined;
  }
}

/** The error of a `{ "error": { "code", "status", "message" } }` document, if stdout is one. */
function parseErrorDocument(stdout: string): { code: string; status: number | null; message: string } | undefined {
  try {
    const doc = JSON.parse(stdout) as { error?: { code?: unknown; status?: unknown; message?: unknown } };
    const error = doc.error;
    if (!error || Object.keys(doc).length !== 1) return undefined;
    const { code, status, message } = error;
    if (typeof code !== "string" || typeof message !== "string") return undefined;
    if (status !== null && typeof status !== "number") return undefined;
    return { code, status, message };
  } catch {
    return undefined;
  }
}

/** The exit code of an error that stops a run before any row has an outcome, by its code; any other is 1. */
const EXIT_OF_ERROR: Record<string, number> = {
  usage: 2,
  invalid_input: 2,
  invalid_request: 2,
  declined: 2,
  missing_api_key: 4,
  invalid_api_key: 4,
  authentication: 4,
  permission_denied: 4,
  payment_required: 3,
};

const lower = (email: string) => email.toLowerCase();
const short = (items: string[]) =>
  items.length > 5 ? `${items.slice(0, 5).join("; ")}; … (${items.length} in all)` : items.join("; ");

function crashes(run: Finished, when: string): Violation[] {
  const found: Violation[] = [];
  if (run.timedOut) {
    found.push({
      invariant: "ends-in-time",
      detail: `${when}: still running after ${Math.round(run.ms / 1000)} s: killed`,
    });
    return found;
  }
  if (run.code === null)
    found.push({
      invariant: "no-crash",
      detail: `${when}: killed by ${run.signal} after ${run.ms} ms; stderr: ${run.stderr}`,
    });
  if (/^\s+at .+:\d+:\d+\)?$/m.test(run.stderr)) {
    found.push({ invariant: "no-crash", detail: `${when}: a stack trace on stderr: ${run.stderr.slice(0, 300)}` });
  }
  return found;
}

async function checkRun(
  when: string,
  run: Finished,
  lines: Row[],
  emails: string[],
  s: Scenario,
  api: FakeApi,
  tmp: string,
): Promise<Violation[]> {
  const found = crashes(run, when);
  if (run.timedOut) return found;
  if ((await readdir(tmp)).length > 0) {
    found.push({ invariant: "temp-removed", detail: `${when}: left in the temp folder: ${await readdir(tmp)}` });
  }
  const firstPosts = api.received.filter((r) => r.phase === "first");
  // Stopped before anything was sent: nothing to account for, nothing printed is fine.
  if (run.code === 130 && firstPosts.length === 0 && lines.length === 0 && !run.stdout.trim()) return found;
  // The contract's other document: an error that stops the run before any row has an outcome
  // (usage, input, missing key, unreachable /me) is `{ "error": … }`, with no results to account
  // for — allowed only when no invitation was sent and the report took no line, and with the
  // exit code of its kind. An "internal" error is no such stop: it is a crash with a message.
  const stopped = parseErrorDocument(run.stdout);
  if (stopped) {
    if (firstPosts.length > 0 || lines.length > 0) {
      found.push({
        invariant: "one-json-document",
        detail: `${when}: an error document after ${firstPosts.length} invitation requests and ${lines.length} report lines: ${JSON.stringify(stopped)}`,
      });
    } else {
      if (stopped.code === "internal") {
        found.push({ invariant: "no-crash", detail: `${when}: an internal error: ${stopped.message}` });
      }
      const allowed = new Set([EXIT_OF_ERROR[stopped.code] ?? 1, ...(run.signalSent ? [130] : [])]);
      if (run.code !== null && !allowed.has(run.code)) {
        found.push({
          invariant: "exit-code-agrees",
          detail: `${when}: exit ${run.code} after the error ${JSON.stringify(stopped)}, expected ${[...allowed].join(" or ")}`,
        });
      }
      return found;
    }
  }

  const doc = parseDocument(run.stdout);
  if (!doc) {
    found.push({
      invariant: "one-json-document",
      detail: `${when}: stdout is not one --json document: ${JSON.stringify(run.stdout.slice(0, 200))}`,
    });
  }
  const unrecorded = doc?.unrecorded ?? [];
  for (const row of unrecorded) {
    if (!run.stderr.includes(row.email)) {
      found.push({
        invariant: "unrecorded-on-stderr",
        detail: `${when}: ${row.email} is unrecorded but not named on stderr`,
      });
      break;
    }
  }

  // Every input row exactly once across the report and the unrecorded outcomes.
  const accounted = [...lines, ...unrecorded];
  const count = new Map<string, number>();
  for (const row of accounted) count.set(lower(row.email), (count.get(lower(row.email)) ?? 0) + 1);
  const wrong = emails.filter((e) => count.get(lower(e)) !== 1).map((e) => `${e}: ${count.get(lower(e)) ?? 0} times`);
  if (wrong.length > 0) {
    found.push({
      invariant: "every-row-once",
      detail: `${when}: ${wrong.length} of ${emails.length} rows not exactly once across the report (${lines.length} lines) and the unrecorded outcomes (${unrecorded.length}): ${short(wrong)}`,
    });
  }

  if (doc) {
    const resultEmails = doc.results.map((r) => lower(r.email));
    if (JSON.stringify(resultEmails) !== JSON.stringify(emails.map(lower))) {
      const at = resultEmails.findIndex((email, i) => email !== lower(emails[i] ?? ""));
      found.push({
        invariant: "results-complete",
        detail:
          `${when}: --json results hold ${doc.results.length} rows, not the ${emails.length} input rows in input order ` +
          `(first difference at position ${at}: ${doc.results[at]?.email} on line ${doc.results[at]?.line})`,
      });
    }
    const counted = Object.fromEntries(
      STATUSES.map((status) => [status, accounted.filter((r) => r.status === status).length]),
    );
    if (STATUSES.some((status) => doc.summary[status] !== counted[status])) {
      found.push({
        invariant: "summary-matches-report",
        detail: `${when}: summary ${JSON.stringify(doc.summary)}, report and unrecorded ${JSON.stringify(counted)}`,
      });
    }
  }

  // The exit code agrees with the outcomes (and with what stopped the run).
  const rows = doc?.results ?? accounted;
  const codes = new Set(rows.map((r) => r.error?.code));
  const base =
    codes.has("authentication") || codes.has("permission_denied")
      ? 4
      : codes.has("payment_required")
        ? 3
        : rows.length === emails.length && rows.every((r) => DONE.has(r.status))
          ? 0
          : 1;
  const writeFailed = unrecorded.length > 0 || lines.length < emails.length;
  const allowed = new Set<number>(writeFailed && s.fileLimitKiB !== null ? [1] : [base]);
  if (run.signalSent) allowed.add(130);
  if (run.code !== null && !allowed.has(run.code)) {
    found.push({
      invariant: "exit-code-agrees",
      detail: `${when}: exit ${run.code}, expected ${[...allowed].join(" or ")} (summary ${JSON.stringify(doc?.summary ?? null)})`,
    });
  }

  // Nothing applied twice; a 201 that reached the client is not sent again.
  const twice = [...api.applied].filter(([, n]) => n > 1).map(([e]) => e);
  if (twice.length > 0 || api.sentAgainAfterConfirmed.size > 0) {
    found.push({
      invariant: "no-email-applied-twice",
      detail: `${when}: applied twice: ${twice}; sent again after its 201: ${[...api.sentAgainAfterConfirmed]}`,
    });
  }

  // What is reported is what happened: `invited` only for an applied invitation, `not_attempted` only for a row never sent.
  const untrue: string[] = [];
  for (const row of accounted) {
    const email = lower(row.email);
    if (row.status === "invited" && !api.applied.has(email)) untrue.push(`${row.email} invited but never applied`);
    if (row.status === "not_attempted" && firstPosts.some((r) => r.email === email))
      untrue.push(`${row.email} not_attempted but sent`);
  }
  if (untrue.length > 0) found.push({ invariant: "outcomes-truthful", detail: `${when}: ${short(untrue)}` });
  return found;
}

function checkResume(run: Finished, all: Row[], first: Row[], emails: string[], api: FakeApi): Violation[] {
  const when = "--resume";
  const found = crashes(run, when);
  if (run.timedOut) return found;
  const doc = parseDocument(run.stdout);
  if (!doc) {
    found.push({
      invariant: "one-json-document",
      detail: `${when}: stdout is not one --json document: ${JSON.stringify(run.stdout.slice(0, 200))}`,
    });
  }
  const notDone = (doc?.results ?? []).filter((r) => !DONE.has(r.status)).map((r) => `${r.email}: ${r.status}`);
  if (run.code !== 0 || notDone.length > 0 || doc?.results.length !== emails.length) {
    found.push({
      invariant: "resume-finishes",
      detail: `${when}: exit ${run.code}, ${doc?.results.length ?? 0} results, not done: ${short(notDone)}; stderr: ${run.stderr.slice(0, 200)}`,
    });
  }
  // A row the resume skipped shows this input's line and spelling, marked resumed; a row it sent is not marked.
  const sentAgain = new Set(api.received.filter((r) => r.phase === "resume").map((r) => r.email));
  const misshown = (doc?.results ?? [])
    .map((r, i) => ({ r, i }))
    .filter(({ r, i }) => {
      const skipped = DONE.has(r.status) && !sentAgain.has(lower(r.email));
      return r.line !== i + 2 || r.email !== emails[i] || (r.resumed === true) !== skipped;
    })
    .map(({ r }) => `line ${r.line} ${r.email} ${r.status}${r.resumed ? " resumed" : ""}`);
  if (misshown.length > 0) {
    found.push({
      invariant: "resumed-as-input",
      detail: `${when}: rows not shown with this input's line and spelling, or resumed wrongly: ${short(misshown)}`,
    });
  }
  const doneLines = new Map<string, number>();
  for (const row of all)
    if (DONE.has(row.status)) doneLines.set(lower(row.email), (doneLines.get(lower(row.email)) ?? 0) + 1);
  const wrong = emails.filter((e) => doneLines.get(lower(e)) !== 1).map((e) => `${e}: ${doneLines.get(lower(e)) ?? 0}`);
  if (wrong.length > 0) {
    found.push({
      invariant: "resume-done-once",
      detail: `${when}: rows without exactly one done line in the report after both runs (${first.length} + ${all.length - first.length} lines): ${short(wrong)}`,
    });
  }
  const twice = [...api.applied].filter(([, n]) => n > 1).map(([e]) => e);
  if (twice.length > 0) found.push({ invariant: "no-email-applied-twice", detail: `${when}: applied twice: ${twice}` });
  return found;
}
