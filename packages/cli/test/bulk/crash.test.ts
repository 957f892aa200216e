// A run that is killed (kill -9) or interrupted (Ctrl-C) loses nothing: the report has
// whole lines only, and a run with --resume finishes the file without inviting anyone twice.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const N = 60;

async function setup(delayMs: number) {
  const api = await startInvitationServer({ delayMs });
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const report = join(dir, "report.jsonl");
  await writeFile(file, usersCsv(N));
  const args = [
    "invite",
    "--file",
    file,
    "--org",
    ORG_ID,
    "--api-url",
    api.url,
    "--report",
    report,
    "--concurrency",
    "4",
  ];
  const env = { PATH: process.env.PATH ?? "", HOME: dir, DEEPSET_CLOUD_API_KEY: KEYS.env };
  return { api, report, args, env };
}

/** Starts the CLI and resolves once the report has at least `lines` lines. */
function startAndWaitForReport(args: string[], env: Record<string, string>, report: string, lines: number) {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const reached = (async () => {
    for (let i = 0; i < 400; i++) {
      const text = await readFile(report, "utf8").catch(() => "");
      if (text.split("\n").filter(Boolean).length >= lines) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`the report never reached ${lines} lines`);
  })();
  return { child, exited, reached, output: () => ({ stdout, stderr }) };
}

async function reportLines(report: string) {
  const text = await readFile(report, "utf8");
  return {
    text,
    rows: text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { email: string; status: string }),
  };
}

describe("kill -9 in the middle of a run, then --resume", () => {
  it("every row is invited exactly once, and the report ends with every row done", async () => {
    const { api, report, args, env } = await setup(15);
    const run = startAndWaitForReport(args, env, report, 10);
    await run.reached;
    run.child.kill("SIGKILL");
    const killed = await run.exited;
    expect(killed.signal).toBe("SIGKILL");
    expect(api.applied.size).toBeLessThan(N);

    const resumed = await runCli([...args, "--resume", "--json"], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
      home: env.HOME,
    });
    expect(resumed.code).toBe(0);
    const doc = JSON.parse(resumed.stdout);
    expect(doc.summary.invited + doc.summary.already_member).toBe(N);

    // The server's own count: each user invited once, whatever was in flight at the kill.
    expect(api.applied.size).toBe(N);
    expect([...api.applied.values()].every((count) => count === 1)).toBe(true);
    // Rows the first run finished were not sent again.
    const { rows } = await reportLines(report);
    const done = new Set(
      rows.filter((r) => r.status === "invited" || r.status === "already_member").map((r) => r.email),
    );
    expect(done.size).toBe(N);
    expect(api.posts.length).toBeLessThan(N + 8);
  });

  it("a torn last line left by a kill is ignored on resume, and the next line starts fresh", async () => {
    const { api, report, args, env } = await setup(0);
    const done = {
      line: 2,
      email: "user1@example.com",
      status: "invited",
      http_status: 201,
      attempts: 1,
      request_id: null,
      error: null,
      organization_id: ORG_ID,
      api_url: api.url,
    };
    await writeFile(report, `${JSON.stringify(done)}\n{"line":3,"email":"user2@exa`);
    const resumed = await runCli([...args, "--resume"], { env: { DEEPSET_CLOUD_API_KEY: KEYS.env }, home: env.HOME });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("1 line(s) are not JSON");
    expect(api.applied.has("user1@example.com")).toBe(false); // done before: not sent again
    expect(api.applied.size).toBe(N - 1);
    const text = await readFile(report, "utf8");
    const parsed = text
      .split("\n")
      .filter(Boolean)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { email: string }];
        } catch {
          return [];
        }
      });
    // Every user has a whole line: none was glued onto the torn one.
    expect(new Set(parsed.map((r) => r.email)).size).toBe(N);
  });
});

describe("Ctrl-C (SIGINT)", () => {
  it("stops taking rows, settles the requests in flight, flushes whole report lines, exits 130", async () => {
    const { api, report, args, env } = await setup(25);
    const run = startAndWaitForReport(args, env, report, 6);
    await run.reached;
    run.child.kill("SIGINT");
    const { code } = await run.exited;
    expect(code).toBe(130);

    const { text, rows } = await reportLines(report);
    expect(text.endsWith("\n")).toBe(true);
    // Every row of the file has its outcome, and every request the server got has its line.
    expect(rows).toHaveLength(N);
    const invited = rows
      .filter((r) => r.status === "invited")
      .map((r) => r.email)
      .sort();
    expect(invited).toEqual([...api.applied.keys()].sort());
    expect(rows.filter((r) => r.status === "not_attempted").length).toBeGreaterThan(0);
    expect(run.output().stdout).toMatch(/not attempted\s+\d+/);
    expect(run.output().stderr).toContain("interrupted");

    // And --resume finishes the job.
    const resumed = await runCli([...args, "--resume"], { env: { DEEPSET_CLOUD_API_KEY: KEYS.env }, home: env.HOME });
    expect(resumed.code).toBe(0);
    expect(api.applied.size).toBe(N);
    expect([...api.applied.values()].every((count) => count === 1)).toBe(true);
  });
});
