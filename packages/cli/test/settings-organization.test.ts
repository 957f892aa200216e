// Which organization: --org, DEEPSET_CLOUD_ORGANIZATION_ID, then GET /api/v1/me, which is
// called only when neither of the others is given.
import { describe, expect, it } from "vitest";
import { JANE, KEYS, runCli } from "./helpers/cli.js";
import { INVITE_PATH, ME_BODY, OK_ROUTES, ORG_ID, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const OTHER_ORG = "org-from-env";

describe("organization settings", () => {
  it("--org beats DEEPSET_CLOUD_ORGANIZATION_ID and /me is not called", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url], {
      env: { ...env, DEEPSET_CLOUD_ORGANIZATION_ID: OTHER_ORG },
    });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${INVITE_PATH}`]);
  });

  it("DEEPSET_CLOUD_ORGANIZATION_ID beats /me, which is not called", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--api-url", server.url], {
      env: { ...env, DEEPSET_CLOUD_ORGANIZATION_ID: OTHER_ORG },
    });
    // The scripted server has no route for this organization: 404.
    expect(result.code).toBe(1);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST /api/v1/organization/${OTHER_ORG}/invitation`,
    ]);
  });

  it("asks /me for the key's organization when neither is given", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--api-url", server.url, "--debug"], { env });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /api/v1/me", `POST ${INVITE_PATH}`]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEYS.env}`);
    expect(result.stderr).toContain(`organization ${ME_BODY.organization.organization_id} (from GET /api/v1/me)`);
  });

  it("percent-encodes the organization ID in the path", async () => {
    const server = await startServer(OK_ROUTES);
    await runCli(["invite", ...JANE, "--api-url", server.url, "--org", "a b/c"], { env });
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v1/organization/a%20b%2Fc/invitation"]);
  });

  it.each([
    [401, 4],
    [403, 4],
    [500, 1],
  ])("stops with exit %i → %i when /me answers so, without inviting", async (status, exitCode) => {
    const server = await startServer({ "GET /api/v1/me": { status, body: { detail: "no" } } });
    const result = await runCli(["invite", ...JANE, "--api-url", server.url, "--json"], { env });
    expect(result.code).toBe(exitCode);
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v1/me"]);
    expect(JSON.parse(result.stdout).error.status).toBe(status);
  });
});
