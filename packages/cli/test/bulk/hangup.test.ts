// A closed terminal or a dropped ssh (SIGHUP) ends a run as Ctrl-C does: nothing new starts,
// the requests in flight settle, every row has its report line, exit 130, and nothing is left
// in the temp folder.
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLI_PATH, KEYS, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

it("SIGHUP mid-run: in-flight rows settle, every row is reported, the temp folder left empty, exit 130", async () => {
  const server = await startInvitationServer({ delayMs: 400 });
  const dir = await tempDir();
  const tmp = join(dir, "tmp");
  const report = join(dir, "report.jsonl");
  try {
    await mkdir(tmp);
    const child = spawn(
      process.execPath,
      [
        CLI_PATH,
        "invite",
        "--file",
        "-",
        "--org",
        ORG_ID,
        "--api-url",
        server.url,
        "--report",
        report,
        "--concurrency",
        "2",
      ],
      {
        env: { PATH: process.env.PATH ?? "", HOME: dir, TMPDIR: tmp, DEEPSET_CLOUD_API_KEY: KEYS.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    child.stdin.end(usersCsv(10));
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal })),
    );
    while (server.posts.length === 0) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGHUP");
    const { code, signal } = await exited;
    expect({ code, signal }, stderr).toEqual({ code: 130, signal: null });
    const lines = (await readFile(report, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(10);
    expect(server.posts.length).toBeLessThan(10);
    expect(await readdir(tmp)).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("a signal as the run ends never kills it: exit 0 or 130, and the temp folder is left empty", async () => {
  const server = await startInvitationServer();
  const dir = await tempDir();
  const tmp = join(dir, "tmp");
  await mkdir(tmp);
  const once = async (delayMs: number, signal: NodeJS.Signals) => {
    const child = spawn(
      process.execPath,
      [CLI_PATH, "invite", "--file", "-", "--org", ORG_ID, "--api-url", server.url, "--json"],
      {
        env: { PATH: process.env.PATH ?? "", HOME: dir, TMPDIR: tmp, DEEPSET_CLOUD_API_KEY: KEYS.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    const email = `user${delayMs}-${signal.toLowerCase()}@example.com`;
    child.stdin.end(usersCsv(1).replace("user1@example.com", email));
    child.stdout.resume();
    child.stderr.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, sig) => resolve({ code, signal: sig })),
    );
    // Sent after this run's row reached the server: while the run finishes, prints its document and exits.
    const answered = (async () => {
      while (!server.posts.some((p) => p.email === email)) await new Promise((r) => setTimeout(r, 2));
    })();
    await Promise.race([answered, exited]);
    setTimeout(() => child.kill(signal), delayMs);
    return exited;
  };
  const ends = [];
  for (let delay = 0; delay < 48; delay += 6) {
    ends.push(...(await Promise.all([once(delay, "SIGHUP"), once(delay + 2, "SIGTERM")])));
  }
  for (const end of ends) {
    expect(end.signal).toBeNull();
    expect([0, 130]).toContain(end.code);
  }
  expect(await readdir(tmp)).toEqual([]);
}, 120_000);
