// Ctrl-C (SIGINT) and SIGTERM mid-run: no request and no retry starts after it, waits end at
// once, the requests in flight get up to 5 s and are then cut off (their rows `failed`,
// "interrupted: outcome unknown"); the report is flushed, the summary printed, exit 130.
// A second Ctrl-C exits at once, and --json output is all or nothing.
import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, KEYS, tempDir } from "../helpers/cli.js";
import { usersCsv } from "../helpers/invitation-server.js";
import { listenForThisTest, ORG_ID } from "../helpers/server.js";

/** A server that records each invitation POST and answers it as told (or never). */
async function api(answer: "never" | { status: number; headers?: Record<string, string> }) {
  const posts: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method !== "POST") return res.writeHead(404).end();
      posts.push(Date.now());
      if (answer !== "never") res.writeHead(answer.status, answer.headers).end();
    });
  });
  return { url: await listenForThisTest(server), posts };
}

async function start(
  apiUrl: string,
  extra: string[] = [],
  options: { stdin?: string; env?: Record<string, string> } = {},
) {
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const report = join(dir, "report.jsonl");
  await writeFile(file, usersCsv(10));
  const args = [
    "invite",
    "--file",
    options.stdin === undefined ? file : "-",
    "--org",
    ORG_ID,
    "--api-url",
    apiUrl,
    "--report",
    report,
    "--concurrency",
    "2",
    "--timeout",
    "600000",
    ...extra,
  ];
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: dir, DEEPSET_CLOUD_API_KEY: KEYS.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stdin.end(options.stdin ?? "");
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, exited, report, dir, output: () => ({ stdout, stderr }) };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 20));
}

const reportRows = async (path: string) =>
  (await readFile(path, "utf8"))
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { status: string; error: { message: string } | null });

describe.each(["SIGINT", "SIGTERM"] as const)("%s against a server that never answers", (signal) => {
  it("sends nothing more, cuts the requests in flight after the grace period, reports every row, exits 130", async () => {
    const server = await api("never");
    const run = await start(server.url);
    await until(() => server.posts.length === 2);
    run.child.kill(signal);

    expect(await run.exited).toBe(130);
    // Only the two in flight were ever sent: nothing started after the signal.
    expect(server.posts).toHaveLength(2);
    const rows = await reportRows(run.report);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.status === "failed").map((r) => r.error?.message)).toEqual([
      "interrupted: outcome unknown",
      "interrupted: outcome unknown",
    ]);
    expect(rows.filter((r) => r.status === "not_attempted")).toHaveLength(8);
    expect(run.output().stdout).toMatch(/failed\s+2/);
    expect(run.output().stdout).toMatch(/not attempted\s+8/);
  }, 60_000);
});

it("no retry starts after Ctrl-C, and a wait for one ends at once", async () => {
  // Every invitation is answered 503 with a long Retry-After: each row waits to retry.
  const server = await api({ status: 503, headers: { "retry-after": "50" } });
  const run = await start(server.url, ["--max-retries", "5"]);
  await until(() => server.posts.length === 2);
  run.child.kill("SIGINT");
  const sent = server.posts.length;

  expect(await run.exited).toBe(130);
  expect(server.posts).toHaveLength(sent);
  const rows = await reportRows(run.report);
  expect(rows.filter((r) => r.status === "failed")).toHaveLength(2);
  expect(rows.filter((r) => r.status === "not_attempted")).toHaveLength(8);
}, 60_000);

it("a second Ctrl-C exits at once; with --json stdout holds the whole document or nothing", async () => {
  const server = await api("never");
  const run = await start(server.url, ["--json"]);
  await until(() => server.posts.length === 2);
  run.child.kill("SIGINT");
  await until(() => run.output().stderr.includes("interrupted"));
  run.child.kill("SIGINT");

  expect(await run.exited).toBe(130);
  // The rows wait in a private file until the end: stopped first, nothing was written.
  expect(run.output().stdout).toBe("");
}, 60_000);

it("standard input is never copied to disk: nothing in the temp folder while the run lasts, nor after SIGTERM", async () => {
  const server = await api("never");
  const tmp = await tempDir();
  const run = await start(server.url, [], { stdin: usersCsv(10), env: { TMPDIR: tmp } });
  await until(() => server.posts.length === 2);
  // The people's names and emails are held by the run alone, in memory.
  expect(await readdir(tmp)).toEqual([]);
  run.child.kill("SIGTERM");

  expect(await run.exited).toBe(130);
  expect(await readdir(tmp)).toEqual([]);
}, 60_000);
