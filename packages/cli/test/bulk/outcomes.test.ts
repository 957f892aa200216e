// A bulk run's outcomes, report, --json document, stop rules and exit codes.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { type InvitationServerOptions, startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

interface ReportLine {
  organization_id: string;
  api_url: string;
  line: number;
  email: string;
  status: string;
  http_status: number | null;
  attempts: number;
  request_id: string | null;
  error: { code: string; status: number | null; message: string } | null;
}

async function bulk(csv: string, extra: string[] = [], server: InvitationServerOptions = {}) {
  const api = await startInvitationServer(server);
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const report = join(dir, "report.jsonl");
  await writeFile(file, csv);
  const result = await runCli(
    ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report, ...extra],
    { env },
  );
  const text = await readFile(report, "utf8").catch(() => "");
  const lines = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReportLine);
  return { api, result, lines, text, file, report };
}

describe("a bulk run", () => {
  it("invites every row, writes a report line per row, and exits 0", async () => {
    const { api, result, lines } = await bulk(usersCsv(12), ["--concurrency", "3"]);
    expect(result.code).toBe(0);
    expect(api.applied.size).toBe(12);
    expect(lines).toHaveLength(12);
    expect(lines.map((l) => l.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    for (const l of lines) {
      expect(l).toEqual({
        line: expect.any(Number),
        email: `user${l.line - 1}@example.com`,
        status: "invited",
        http_status: 201,
        attempts: 1,
        request_id: expect.stringMatching(/^req-/),
        error: null,
        organization_id: ORG_ID,
        api_url: api.url,
      });
    }
    expect(result.stdout).toMatch(/invited\s+12/);
  });

  it("a second run is harmless: every row already a member, exit 0", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    await writeFile(file, usersCsv(3));
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--json"];
    await runCli(args, { env });
    const again = await runCli(args, { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary).toEqual({
      invited: 0,
      already_member: 3,
      invalid: 0,
      failed: 0,
      not_attempted: 0,
    });
    expect([...api.applied.values()]).toEqual([1, 1, 1]);
  });

  it("--json: one document with the summary and every row", async () => {
    const { result } = await bulk(usersCsv(5), ["--json"]);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc).sort()).toEqual(["results", "summary"]);
    expect(doc.summary).toEqual({ invited: 5, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 });
    expect(doc.results).toHaveLength(5);
  });

  it("a failed row: reported with its error, the others go on, exit 1", async () => {
    const { result, lines } = await bulk(usersCsv(4), ["--max-retries", "0"], {
      faults: { "user2@example.com": [{ kind: "status", status: 500 }] },
    });
    expect(result.code).toBe(1);
    const failed = lines.find((l) => l.email === "user2@example.com");
    expect(failed).toMatchObject({ status: "failed", http_status: 500, error: { code: "server", status: 500 } });
    expect(lines.filter((l) => l.status === "invited")).toHaveLength(3);
    expect(result.stderr).toContain("line 3: could not invite user2@example.com");
  });

  it.each([
    [402, 3, "payment_required"],
    [401, 4, "authentication"],
    [403, 4, "permission_denied"],
  ])("a %i stops the run: no further request, the rest not_attempted, exit %i", async (status, exit, code) => {
    const { api, result, lines } = await bulk(usersCsv(30), ["--concurrency", "1"], { always: status });
    expect(result.code).toBe(exit);
    expect(api.posts).toHaveLength(1);
    expect(lines).toHaveLength(30);
    expect(lines.filter((l) => l.status === "failed")).toEqual([
      expect.objectContaining({ http_status: status, error: expect.objectContaining({ code }) }),
    ]);
    expect(lines.filter((l) => l.status === "not_attempted")).toHaveLength(29);
  });

  it("--concurrency 32: stderr stays empty (no warning from Node about the many calls sharing one interrupt signal)", async () => {
    const { api, result } = await bulk(usersCsv(64), ["--concurrency", "32"], { delayMs: 20 });
    expect(result.code).toBe(0);
    expect(api.applied.size).toBe(64);
    expect(result.stderr).toBe("");
  });

  it("with --concurrency 4, at most the requests already in flight are sent after a 402", async () => {
    const { api, result, lines } = await bulk(usersCsv(40), ["--concurrency", "4"], { always: 402, delayMs: 20 });
    expect(result.code).toBe(3);
    expect(api.posts.length).toBeLessThanOrEqual(4);
    expect(lines).toHaveLength(40);
  });

  it("--skip-invalid invites the valid rows and reports the invalid ones, exit 1", async () => {
    const csv = `${usersCsv(2)}bad-email,X,Y,member,\n`;
    const { api, result, lines } = await bulk(csv, ["--skip-invalid"]);
    expect(result.code).toBe(1);
    expect(api.applied.size).toBe(2);
    // An invalid row keeps its email as typed: the report says which row it was.
    expect(lines.find((l) => l.line === 4)).toMatchObject({
      status: "invalid",
      email: "bad-email",
      attempts: 0,
      error: { code: "invalid_input", message: 'email: "bad-email" is not a valid email address' },
    });
  });

  it("--dry-run validates and shows what would be sent, and sends nothing", async () => {
    const { api, result, text } = await bulk(usersCsv(3), ["--dry-run", "--json"]);
    expect(result.code).toBe(0);
    expect(api.requests).toBe(0);
    expect(text).toBe("");
    const doc = JSON.parse(result.stdout);
    expect(doc.dry_run.path).toBe(`/api/v1/organization/${ORG_ID}/invitation`);
    expect(doc.dry_run.requests).toEqual([
      { line: 2, body: { email: "user1@example.com", given_name: "Given1", family_name: "Family1", role: "member" } },
      { line: 3, body: { email: "user2@example.com", given_name: "Given2", family_name: "Family2", role: "member" } },
      { line: 4, body: { email: "user3@example.com", given_name: "Given3", family_name: "Family3", role: "member" } },
    ]);
  });

  it("--dry-run needs no API key and asks nothing of /me", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    await writeFile(file, usersCsv(2));
    const result = await runCli(["invite", "--file", file, "--api-url", api.url, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(api.requests).toBe(0);
    expect(result.stdout).toContain("2 invitation(s) would be sent");
  });

  it("the organization comes from /me once, when neither --org nor the environment gives it", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    await writeFile(file, usersCsv(3));
    const result = await runCli(["invite", "--file", file, "--api-url", api.url], { env });
    expect(result.code).toBe(0);
    expect(api.requests).toBe(4);
    expect(api.applied.size).toBe(3);
  });

  it("no API key: exit 4 before anything is sent", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    await writeFile(file, usersCsv(2));
    const result = await runCli(["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url]);
    expect(result.code).toBe(4);
    expect(api.requests).toBe(0);
  });

  it("the API key is in no report line, nor in stdout or stderr", async () => {
    const { result, text } = await bulk(usersCsv(3), ["--debug", "--max-retries", "0"], {
      faults: { "user1@example.com": [{ kind: "status", status: 500 }] },
    });
    expect(text.length).toBeGreaterThan(0);
    expect(result.stderr).toContain("debug:");
    for (const output of [text, result.stdout, result.stderr]) expect(output).not.toContain(KEYS.env);
  });

  it.each([
    [["--resume"], "--resume needs --report"],
    [["--email", "a@example.com"], "cannot be combined with --file"],
    [["--concurrency", "0"], "--concurrency"],
    [["--concurrency", "65"], "--concurrency"],
  ])("usage error %j: exit 2, nothing sent", async (flags, message) => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const file = join(dir, "p.csv");
    await writeFile(file, usersCsv(2));
    const result = await runCli(["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, ...flags], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(api.requests).toBe(0);
  });

  it.each([["--report", "r.jsonl"], ["--dry-run"], ["--skip-invalid"]])(
    "%s without --file is a usage error",
    async (...flags) => {
      const result = await runCli(
        [
          "invite",
          "--email",
          "a@example.com",
          "--given-name",
          "A",
          "--family-name",
          "B",
          "--role",
          "m",
          "--org",
          ORG_ID,
          ...flags,
        ],
        { env },
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("go(es) with --file");
    },
  );
});
