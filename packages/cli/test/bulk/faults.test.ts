// Unreliable networks: every row still ends invited exactly once, counted by the server.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { type Fault, startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
// Retry at once: the server's retry-after-ms keeps the test fast without touching the policy.
const soon = { "retry-after-ms": "1" };

async function run(n: number, faults: Record<string, Fault[]>, extra: string[] = []) {
  const api = await startInvitationServer({ faults });
  const dir = await tempDir();
  const file = join(dir, "p.csv");
  await writeFile(file, usersCsv(n));
  const result = await runCli(
    ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--json", "--concurrency", "4", ...extra],
    { env },
  );
  return { api, result, doc: JSON.parse(result.stdout) };
}

describe("faults", () => {
  it("503s, 429s and reset connections on the way: every row invited exactly once", async () => {
    const faults: Record<string, Fault[]> = {
      "user1@example.com": [{ kind: "status", status: 503, headers: soon }],
      "user2@example.com": [
        { kind: "status", status: 429, headers: soon },
        { kind: "status", status: 429, headers: soon },
      ],
      "user3@example.com": [{ kind: "reset" }],
      "user4@example.com": [{ kind: "status", status: 502, headers: soon }, { kind: "reset" }],
      "user5@example.com": [{ kind: "status", status: 504, headers: soon }],
    };
    const { api, result, doc } = await run(10, faults);
    expect(result.code).toBe(0);
    expect(doc.summary).toEqual({ invited: 10, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 });
    expect([...api.applied.values()]).toEqual(Array(10).fill(1));
    const attempts = Object.fromEntries(
      doc.results.map((r: { email: string; attempts: number }) => [r.email, r.attempts]),
    );
    expect(attempts).toMatchObject({
      "user1@example.com": 2,
      "user2@example.com": 3,
      "user3@example.com": 2,
      "user4@example.com": 3,
    });
  });

  it("the server invites, then the answer is lost (503 or reset): the retry's 409 is already_member (invited only on a 201), nothing is doubled", async () => {
    const faults: Record<string, Fault[]> = {
      "user1@example.com": [{ kind: "apply-then-status", status: 503 }],
      "user2@example.com": [{ kind: "apply-then-reset" }],
    };
    const { api, result, doc } = await run(4, faults);
    expect(result.code).toBe(0);
    expect(doc.summary).toMatchObject({ invited: 2, already_member: 2 });
    expect([...api.applied.values()]).toEqual([1, 1, 1, 1]);
    const row = (email: string) => doc.results.find((r: { email: string }) => r.email === email);
    expect(row("user1@example.com")).toMatchObject({ status: "already_member", http_status: 409, attempts: 2 });
    expect(row("user2@example.com")).toMatchObject({ status: "already_member", http_status: 409, attempts: 2 });
  });

  it("retries run out: the row fails with its attempts, the rest are invited, exit 1", async () => {
    const busy: Fault = { kind: "status", status: 503, headers: soon };
    const { api, result, doc } = await run(3, { "user2@example.com": [busy, busy, busy] }, ["--max-retries", "2"]);
    expect(result.code).toBe(1);
    expect(doc.summary).toMatchObject({ invited: 2, failed: 1 });
    expect(doc.results.find((r: { email: string }) => r.email === "user2@example.com")).toMatchObject({
      status: "failed",
      http_status: 503,
      attempts: 3,
      error: { code: "signup_failed" },
    });
    expect(api.applied.has("user2@example.com")).toBe(false);
  });
});
