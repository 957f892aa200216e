// --json: stdout holds exactly one JSON document of the documented shape, for results and errors alike.
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli } from "./helpers/cli.js";
import { closedPortUrl, inviteReply, OK_ROUTES, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const row = { line: null, email: "jane@example.com", organization_id: ORG_ID };

describe("--json", () => {
  it("prints summary and the row of an invited user", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      summary: { invited: 1, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 },
      results: [
        {
          ...row,
          api_url: server.url,
          status: "invited",
          http_status: 201,
          attempts: 1,
          request_id: "req-invite-1",
          error: null,
        },
      ],
    });
  });

  it("reports 409 as already_member with no error", async () => {
    const server = await startServer(inviteReply({ status: 409, headers: { "x-request-id": "req-409" } }));
    const result = await runCli(["--json", "invite", ...JANE, "--org", ORG_ID, "--api-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      summary: { invited: 0, already_member: 1, invalid: 0, failed: 0, not_attempted: 0 },
      results: [
        {
          ...row,
          api_url: server.url,
          status: "already_member",
          http_status: 409,
          attempts: 1,
          request_id: "req-409",
          error: null,
        },
      ],
    });
  });

  it("puts a 402 in the row's error", async () => {
    const server = await startServer(inviteReply({ status: 402 }));
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--json"], { env });
    expect(result.code).toBe(3);
    const document = JSON.parse(result.stdout);
    expect(document.summary).toEqual({ invited: 0, already_member: 0, invalid: 0, failed: 1, not_attempted: 0 });
    expect(document.results).toEqual([
      {
        ...row,
        api_url: server.url,
        status: "failed",
        http_status: 402,
        attempts: 1,
        request_id: null,
        error: { code: "payment_required", status: 402, message: expect.stringContaining("free plan") },
      },
    ]);
  });

  it.each([
    [401, "authentication", 4],
    [403, "permission_denied", 4],
    [404, "not_found", 1],
    [422, "unprocessable", 1],
    [500, "server", 1],
  ])("maps %i to error code %s (exit %i)", async (status, code, exitCode) => {
    const server = await startServer(inviteReply({ status, body: { detail: "nope" } }));
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--json"], { env });
    expect(result.code).toBe(exitCode);
    expect(JSON.parse(result.stdout).results[0].error).toMatchObject({ code, status });
  });

  it("prints an error document for a usage error", async () => {
    const result = await runCli(["invite", "--email", "jane@example.com", "--json"], { env });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: "usage",
        status: null,
        message: "Missing --given-name, --family-name, --role (or pass --file to invite the users of a file).",
      },
    });
  });

  it("prints an error document for invalid input", async () => {
    const result = await runCli(["invite", ...JANE.slice(2), "--email", "nope", "--json"], { env });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: "invalid_input",
        status: null,
        message: "The invitation is invalid; nothing was sent.",
        problems: [{ line: null, field: "email", message: '"nope" is not a valid email address' }],
      },
    });
  });

  it("prints an error document when no API key is found", async () => {
    const result = await runCli(["invite", ...JANE, "--json"]);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: "missing_api_key", status: null, message: expect.stringContaining("No API key found") },
    });
  });

  it("prints an error document when /me cannot be reached", async () => {
    const url = await closedPortUrl();
    const result = await runCli(["invite", ...JANE, "--api-url", url, "--json"], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { code: "connection", status: null, message: expect.stringContaining("ECONNREFUSED") },
    });
  });

  it("--quiet silences the human result but not the JSON document", async () => {
    const server = await startServer(OK_ROUTES);
    const human = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--quiet"], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toBe("");
    const json = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--quiet", "--json"], {
      env,
    });
    expect(JSON.parse(json.stdout).summary.invited).toBe(1);
  });
});
