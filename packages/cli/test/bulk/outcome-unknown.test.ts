// A connection reset after the request was delivered: the invitation may have been applied.
// The row says "outcome unknown" (never "could not reach"), ends `failed`, and stays for
// --resume, which sends it again and counts the 409 as done.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

interface Result {
  email: string;
  status: string;
  http_status: number | null;
  error: { code: string; message: string } | null;
}

it("a reset after the invitation was applied: failed with 'outcome unknown', then --resume makes it already_member", async () => {
  const api = await startInvitationServer({ faults: { "user2@example.com": [{ kind: "apply-then-reset" }] } });
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const report = join(dir, "report.jsonl");
  await writeFile(file, usersCsv(3));
  const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report];
  const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

  const first = await runCli([...args, "--max-retries", "0", "--json"], { env, home: dir });
  expect(first.code).toBe(1);
  const row = (JSON.parse(first.stdout) as { results: Result[] }).results[1];
  expect(row).toMatchObject({ email: "user2@example.com", status: "failed", http_status: null });
  expect(row?.error?.message).toContain("outcome unknown");
  expect(row?.error?.message).not.toMatch(/could not reach/i);

  const resumed = await runCli([...args, "--resume", "--json"], { env, home: dir });
  expect(resumed.code).toBe(0);
  const again = (JSON.parse(resumed.stdout) as { results: Result[] }).results[1];
  expect(again).toMatchObject({ email: "user2@example.com", status: "already_member", http_status: 409 });
  expect(api.applied.get("user2@example.com")).toBe(1);
});

it("one invitation: the message says the outcome is unknown, and the hint is not about the network", async () => {
  const api = await startInvitationServer({ faults: { "jane@example.com": [{ kind: "apply-then-reset" }] } });
  const result = await runCli(
    [
      "invite",
      ...["--email", "jane@example.com", "--given-name", "Jane", "--family-name", "Doe", "--role", "member"],
      ...["--org", ORG_ID, "--api-url", api.url, "--max-retries", "0"],
    ],
    { env: { DEEPSET_CLOUD_API_KEY: KEYS.env } },
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("outcome unknown");
  expect(result.stderr).not.toContain("your network");
  expect(result.stderr).toContain("may have been applied");
});
