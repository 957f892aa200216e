// The client's retries as the CLI uses them: --max-retries, attempts in the result, and the
// exit code after retries run out. The server asks for a 1 ms wait, so nothing really sleeps.
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli } from "./helpers/cli.js";
import { INVITE_PATH, inviteReply, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const busy = { status: 503, headers: { "retry-after-ms": "1" } };
const created = { status: 201, body: {}, headers: { "x-request-id": "req-after-retry" } };

async function invite(replies: Parameters<typeof inviteReply>[0], extra: string[] = []) {
  const server = await startServer(inviteReply(replies));
  const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--json", ...extra], {
    env,
  });
  const invites = server.requests.filter((r) => r.url === INVITE_PATH);
  return { result, invites, json: JSON.parse(result.stdout || "null") };
}

describe("retries", () => {
  it("a 503 then 201: invited after 2 attempts, the same body sent twice", async () => {
    const { result, invites, json } = await invite([busy, created]);
    expect(result.code).toBe(0);
    expect(invites).toHaveLength(2);
    expect(invites[0]?.body).toBe(invites[1]?.body);
    expect(json.results[0]).toMatchObject({
      status: "invited",
      http_status: 201,
      attempts: 2,
      request_id: "req-after-retry",
    });
  });

  it("a 503 then 409: already_member (invited only on a 201), done for --resume, exit 0", async () => {
    const { result, json } = await invite([busy, { status: 409 }]);
    expect(result.code).toBe(0);
    expect(json.results[0]).toMatchObject({ status: "already_member", http_status: 409, attempts: 2 });
  });

  it("retries run out: failed after 1 + --max-retries attempts, exit 1", async () => {
    const { result, invites, json } = await invite([busy], ["--max-retries", "3"]);
    expect(result.code).toBe(1);
    expect(invites).toHaveLength(4);
    expect(json.results[0]).toMatchObject({ status: "failed", http_status: 503, attempts: 4 });
    expect(json.results[0].error.code).toBe("signup_failed");
  });

  it("--max-retries 0 sends once", async () => {
    const { result, invites } = await invite([busy, created], ["--max-retries", "0"]);
    expect(result.code).toBe(1);
    expect(invites).toHaveLength(1);
  });

  it.each(["-1", "11", "two"])("--max-retries %s is a usage error, and nothing is sent", async (value) => {
    const { result, invites } = await invite([created], ["--max-retries", value]);
    expect(result.code).toBe(2);
    expect(invites).toHaveLength(0);
  });
});
