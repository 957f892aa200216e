// --resume: a row an earlier run finished is not sent again; its result carries the current
// input's line and spelling, the outcome from the report, and "resumed": true. --dry-run
// --resume counts and lists only what a real run would send, and refuses a report written for
// another destination as the real run does.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const header = "email,given_name,family_name,role";

interface Result {
  line: number;
  email: string;
  status: string;
  http_status: number | null;
  request_id: string | null;
  resumed?: true;
}

async function setup() {
  const api = await startInvitationServer();
  const dir = await tempDir();
  const report = join(dir, "report.jsonl");
  const first = join(dir, "first.csv");
  // The first run: a and b, on lines 2 and 3.
  await writeFile(first, `${header}\na@x.io,Ada,One,member\nb@x.io,Bea,Two,member\n`);
  const args = (file: string) => ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report];
  const done = await runCli(args(first), { env, home: dir });
  expect(done.code).toBe(0);
  // The next file: other rows first, and the same people spelled otherwise.
  const next = join(dir, "next.csv");
  await writeFile(
    next,
    `${header}\nc@x.io,Cem,Three,member\n\nB@X.IO,Bea,Two,member\nd@x.io,Dan,Four,member\nA@X.IO,Ada,One,member\n`,
  );
  return { api, dir, report, args, next };
}

describe("--resume", () => {
  it("a resumed row carries this input's line and spelling and resumed: true; the report is not rewritten", async () => {
    const { api, dir, report, args, next } = await setup();
    const before = await readFile(report, "utf8");
    const result = await runCli([...args(next), "--resume", "--json"], { env, home: dir });
    expect(result.code).toBe(0);
    const { results } = JSON.parse(result.stdout) as { results: Result[] };
    expect(results.map((r) => [r.line, r.email, r.status, r.resumed])).toEqual([
      [2, "c@x.io", "invited", undefined],
      [4, "B@X.IO", "invited", true],
      [5, "d@x.io", "invited", undefined],
      [6, "A@X.IO", "invited", true],
    ]);
    // The outcome is the report's (its status, request id).
    const reported = (await readFile(report, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Result);
    const earlierA = reported.find((r) => r.email === "a@x.io");
    expect(results[3]).toMatchObject({ http_status: 201, request_id: earlierA?.request_id });
    expect(api.posts.map((p) => p.email)).toEqual(["a@x.io", "b@x.io", "c@x.io", "d@x.io"]);
    // Two new lines, appended; the earlier ones stand.
    const after = await readFile(report, "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length).trim().split("\n")).toHaveLength(2);
  });

  it("--dry-run --resume counts and lists only the rows a real run would send", async () => {
    const { api, dir, args, next } = await setup();
    const posts = api.posts.length;
    const text = await runCli([...args(next), "--resume", "--dry-run"], { env, home: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("dry run: 2 invitation(s) would be sent");
    expect(text.stdout).toContain("2 row(s) an earlier run finished (--resume) would be skipped");
    expect(text.stdout).toContain("line 2 ");
    expect(text.stdout).toContain("line 5 ");
    expect(text.stdout).not.toContain("line 4 ");
    const json = await runCli([...args(next), "--resume", "--dry-run", "--json"], { env, home: dir });
    const { dry_run } = JSON.parse(json.stdout) as { dry_run: { requests: { line: number }[] } };
    expect(dry_run.requests.map((r) => r.line)).toEqual([2, 5]);
    expect(api.posts.length).toBe(posts);
  });

  it("--dry-run --resume refuses a report written for another organization, as the real run does", async () => {
    const { api, dir, report, next } = await setup();
    const other = "11111111-2222-4333-8444-555555555555";
    const result = await runCli(
      ["invite", "--file", next, "--org", other, "--api-url", api.url, "--report", report, "--resume", "--dry-run"],
      { env, home: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`organization ${ORG_ID}`);
    expect(result.stderr).toContain(`organization ${other}`);
    expect(result.stdout).not.toContain("dry run");
  });
});
