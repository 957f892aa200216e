// Writes that fail during a run: a report that cannot take a line stops the run as Ctrl-C
// does and prints the outcomes it could not record (on stderr and in the --json document),
// exit 1; the --json document survives a full disk or a file size limit for its own rows; a
// stdout that cannot be written ends with a message on stderr and the report complete, exit 1;
// standard input is read as it streams, so neither a file size limit nor a temp folder that
// cannot be written stops a run that reads it. Never a stack trace.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliCommand, KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

interface Row {
  line: number;
  email: string;
  status: string;
}

async function csvFile(rows: number): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  await writeFile(file, usersCsv(rows));
  return { dir, file };
}

/**
 * Runs the built CLI with `stdout` as given (a file descriptor) and, optionally, `ulimit -f` in
 * KiB, `stdin` as its standard input and `tmp` as its temp folder.
 */
async function spawnCli(
  args: string[],
  options: { stdout?: number; fileLimitKiB?: number; home: string; stdin?: string; tmp?: string },
) {
  const [command, commandArgs] = cliCommand(args, options.fileLimitKiB);
  const child = spawn(command, commandArgs, {
    env: { PATH: process.env.PATH ?? "", HOME: options.home, ...env, ...(options.tmp ? { TMPDIR: options.tmp } : {}) },
    stdio: [options.stdin === undefined ? "ignore" : "pipe", options.stdout ?? "pipe", "pipe"],
  });
  child.stdin?.on("error", () => {}); // the CLI may stop before it has read it all
  child.stdin?.end(options.stdin);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

describe("a report that cannot be written (--report /dev/full)", () => {
  it("stops the run as Ctrl-C does; every outcome it lacks is on stderr and in --json's unrecorded; exit 1", async () => {
    const api = await startInvitationServer({ delayMs: 50 });
    const { file } = await csvFile(8);
    const result = await runCli(
      // One at a time: with more, every row can be in flight before the first line fails.
      [
        "invite",
        "--file",
        file,
        "--org",
        ORG_ID,
        "--api-url",
        api.url,
        "--report",
        "/dev/full",
        "--json",
        "--concurrency",
        "1",
      ],
      { env },
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cannot write the report /dev/full: no space left on device (ENOSPC)");
    // Nothing new started after the first line failed: far fewer than 8 were sent.
    expect(api.posts.length).toBeLessThan(8);
    const doc = JSON.parse(result.stdout) as { summary: Record<string, number>; results: Row[]; unrecorded: Row[] };
    expect(doc.results.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.unrecorded.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(doc.summary.invited).toBe(api.applied.size);
    expect(doc.summary.not_attempted).toBe(8 - api.posts.length);
    for (const row of doc.unrecorded) expect(result.stderr).toContain(`line ${row.line}: ${row.email}: ${row.status}`);
  });

  it("without --json: the same outcomes on stderr, the summary, exit 1", async () => {
    const api = await startInvitationServer({ delayMs: 50 });
    const { file } = await csvFile(5);
    const result = await runCli(
      ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", "/dev/full", "--concurrency", "1"],
      { env },
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("5 outcome(s) are not in the report");
    expect(result.stderr).toContain("line 2: user1@example.com: invited (201)");
    expect(result.stderr).toContain("line 6: user5@example.com: not_attempted");
    expect(result.stdout).toContain("not attempted");
  });
});

describe("the --json document under a file size limit (ulimit -f)", () => {
  it("keeps every row, in input order, when its temporary file cannot grow", async () => {
    const api = await startInvitationServer();
    const { dir, file } = await csvFile(40);
    const result = await spawnCli(
      ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--json", "--concurrency", "4"],
      { fileLimitKiB: 2, home: dir },
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { results: Row[] };
    expect(doc.results.map((r) => r.email)).toEqual(Array.from({ length: 40 }, (_, i) => `user${i + 1}@example.com`));
  });
});

describe("standard input (--file -) when the run could not write a copy of it", () => {
  const emails = (rows: number) => Array.from({ length: rows }, (_, i) => `user${i + 1}@example.com`);

  it("under a file size limit smaller than the input: every row is invited, nothing left in the temp folder", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const tmp = join(dir, "tmp");
    await mkdir(tmp);
    const csv = usersCsv(60);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2048);
    const result = await spawnCli(
      ["invite", "--file", "-", "--org", ORG_ID, "--api-url", api.url, "--json", "--concurrency", "4"],
      { fileLimitKiB: 1, home: dir, stdin: csv, tmp },
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { results: Row[] };
    expect(doc.results.map((r) => r.email)).toEqual(emails(60));
    expect([...api.applied.keys()].sort()).toEqual(emails(60).sort());
    expect(await readdir(tmp)).toEqual([]);
  });

  it("with a temp folder that does not exist: every row is invited, the --json document whole", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const result = await spawnCli(["invite", "--file", "-", "--org", ORG_ID, "--api-url", api.url, "--json"], {
      home: dir,
      stdin: usersCsv(5),
      tmp: join(dir, "missing"),
    });
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { summary: Record<string, number>; results: Row[] };
    expect(doc.summary.invited).toBe(5);
    expect(doc.results.map((r) => r.email)).toEqual(emails(5));
  });
});

describe("the --json document when its temporary file cannot be made", () => {
  it("a temp folder that does not exist: the rows wait in memory, the document whole, exit 0", async () => {
    const api = await startInvitationServer();
    const { dir, file } = await csvFile(6);
    const result = await spawnCli(["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--json"], {
      home: dir,
      tmp: join(dir, "missing"),
    });
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { results: Row[] };
    expect(doc.results.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});

describe("stdout on a full disk (> /dev/full) during a file run", () => {
  it.each([[["--json"]], [[]]])(
    "invite --file … %j: a message on stderr, the report complete, exit 1",
    async (extra) => {
      const api = await startInvitationServer();
      const { dir, file } = await csvFile(6);
      const report = join(dir, "report.jsonl");
      const full = openSync("/dev/full", "w");
      try {
        const result = await spawnCli(
          ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report, ...extra],
          { stdout: full, home: dir },
        );
        expect(result.stderr).not.toMatch(STACK);
        expect(result.stderr).toContain("error: cannot write to standard output: no space left on device (ENOSPC)");
        expect(result.code).toBe(1);
        const lines = (await readFile(report, "utf8")).trim().split("\n");
        expect(lines).toHaveLength(6);
      } finally {
        closeSync(full);
      }
    },
  );
});
