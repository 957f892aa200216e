// `dcloud invite` for one user: what is sent, and how each answer maps to an outcome and exit code.
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli } from "./helpers/cli.js";
import { closedPortUrl, INVITE_PATH, inviteReply, OK_ROUTES, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

async function invite(routes: Parameters<typeof startServer>[0], extra: string[] = []) {
  const server = await startServer(routes);
  const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, ...extra], { env });
  return { server, result };
}

describe("dcloud invite", () => {
  it("sends the invitation to the organization's path with the key, and exits 0 on 201", async () => {
    const { server, result } = await invite(OK_ROUTES);
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(INVITE_PATH);
    expect(request?.headers.authorization).toBe(`Bearer ${KEYS.env}`);
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(request?.body ?? "")).toEqual({
      email: "jane@example.com",
      given_name: "Jane",
      family_name: "Doe",
      role: "admin",
    });
    expect(result.stdout).toContain("invited");
    expect(result.stdout).toContain("jane@example.com");
    expect(result.stderr).toBe("");
  });

  it("sends repeated --workspace-id flags as the workspace_ids array, in order", async () => {
    const ids = ["0b8a6f8e-1f4c-4d3a-9e2b-7c6d5e4f3a21", "9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d"];
    const { server, result } = await invite(OK_ROUTES, ["--workspace-id", ids[0]!, "--workspace-id", ids[1]!]);
    expect(result.code).toBe(0);
    expect(JSON.parse(server.requests[0]?.body ?? "").workspace_ids).toEqual(ids);
  });

  it("treats 409 as already a member: exit 0, so a re-run is safe", async () => {
    const { server, result } = await invite(inviteReply({ status: 409, body: { detail: "already a member" } }));
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(result.stdout).toContain("already");
    expect(result.stderr).toBe("");
  });

  it("exits 3 on 402 (the plan does not allow invitations)", async () => {
    const { result } = await invite(inviteReply({ status: 402 }));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("Inviting users is not available on the free plan");
    expect(result.stdout).toBe("");
  });

  it.each([
    [401, "authentication"],
    [403, "permission"],
  ])("exits 4 on %i", async (status) => {
    const { result } = await invite(inviteReply({ status, body: { detail: "Not authenticated" } }));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`${status} from POST`);
  });

  it("exits 1 on 500 and names the request id", async () => {
    const { result } = await invite(
      inviteReply({ status: 500, body: { detail: "boom" }, headers: { "x-request-id": "req-500" } }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("boom");
    expect(result.stderr).toContain("req-500");
  });

  it("exits 1 when nothing answers (connection refused)", async () => {
    const url = await closedPortUrl();
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", url], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("ECONNREFUSED");
  });

  it("exits 1 with code timeout when the answer is later than --timeout", async () => {
    const { result } = await invite(inviteReply({ status: 201, delayMs: 2_000 }), ["--timeout", "150", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).results[0].error.code).toBe("timeout");
  });

  it("exits 2 and sends nothing when a required flag is missing", async () => {
    const server = await startServer(OK_ROUTES);
    const withoutRole = JANE.slice(0, -2);
    const result = await runCli(["invite", ...withoutRole, "--api-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--role");
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [["--email", "not-an-email"], '--email: "not-an-email" is not a valid email address'],
    [["--workspace-id", "ws-1"], '--workspace-id: "ws-1" is not a UUID'],
    [["--given-name", "  "], "--given-name: is missing"],
    [["--family-name", "Doe\u001b]0;pwned\u0007"], "--family-name: contains a control character (U+001B)"],
  ])("exits 2 and sends nothing (not even /me) on bad input %j", async (flags, message) => {
    const server = await startServer(OK_ROUTES);
    // The flag replaces JANE's own: an option given twice is a usage error of its own.
    const args = [...JANE];
    const at = args.indexOf(flags[0] as string);
    if (at >= 0) args.splice(at, 2);
    const result = await runCli(["invite", ...args, ...flags, "--api-url", server.url], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(server.requests).toHaveLength(0);
  });
});
