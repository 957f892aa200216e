// `dcloud whoami`: the /me user, as text or as exactly the /me body.
import { describe, expect, it } from "vitest";
import { KEYS, runCli } from "./helpers/cli.js";
import { ME_BODY, OK_ROUTES, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

describe("dcloud whoami", () => {
  it("prints the user's name, email and organization", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami", "--api-url", server.url], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Ada Lovelace <ada@example.com>");
    expect(result.stdout).toContain(`Analytical Engines (${ME_BODY.organization.organization_id})`);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /api/v1/me"]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEYS.env}`);
  });

  it("--json prints exactly the /me body, extra fields included", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami", "--api-url", server.url, "--json"], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(ME_BODY);
  });

  it.each([
    [401, 4],
    [403, 4],
    [404, 1],
    [500, 1],
  ])("exits %i → %i", async (status, exitCode) => {
    const server = await startServer({ "GET /api/v1/me": { status, body: { detail: "nope" } } });
    const result = await runCli(["whoami", "--api-url", server.url], { env });
    expect(result.code).toBe(exitCode);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${status} from GET`);
  });

  it("exits 4 without a key, sending nothing", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami", "--api-url", server.url]);
    expect(result.code).toBe(4);
    expect(server.requests).toHaveLength(0);
  });
});
