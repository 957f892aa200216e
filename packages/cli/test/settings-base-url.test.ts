// Where the API lives: --api-url, --region, DEEPSET_CLOUD_API_URL, API_URL in
// ~/.deepset-cloud/.env, then EU. Only loopback servers are contacted here; the region
// cases are told apart by the --debug line and by what happens before any request.
import { describe, expect, it } from "vitest";
import { KEYS, runCli } from "./helpers/cli.js";
import { OK_ROUTES, startServer } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

describe("base URL settings", () => {
  it("--api-url beats --region and DEEPSET_CLOUD_API_URL", async () => {
    const [chosen, other] = [await startServer(OK_ROUTES), await startServer(OK_ROUTES)];
    const result = await runCli(["whoami", "--api-url", chosen.url, "--region", "us"], {
      env: { ...env, DEEPSET_CLOUD_API_URL: other.url },
    });
    expect(result.code).toBe(0);
    expect(chosen.requests.map((r) => r.url)).toEqual(["/api/v1/me"]);
    expect(other.requests).toHaveLength(0);
  });

  it("DEEPSET_CLOUD_API_URL beats API_URL in the .env file", async () => {
    const [chosen, other] = [await startServer(OK_ROUTES), await startServer(OK_ROUTES)];
    const result = await runCli(["whoami"], {
      env: { ...env, DEEPSET_CLOUD_API_URL: chosen.url },
      dotenv: `API_URL=${other.url}\n`,
    });
    expect(result.code).toBe(0);
    expect(chosen.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it("uses API_URL from the .env file, with its trailing /api/v1 stripped", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami"], { env, dotenv: `API_URL=${server.url}/api/v1\n` });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v1/me"]);
  });

  it("strips a trailing /api/v1/ from --api-url", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami", "--api-url", `${server.url}/api/v1/`], { env });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(["/api/v1/me"]);
  });

  it("--region beats DEEPSET_CLOUD_API_URL", async () => {
    // Without a key nothing is sent: had the env URL won, its http:// would be refused with exit 2.
    const result = await runCli(["whoami", "--region", "us", "--debug"], {
      env: { DEEPSET_CLOUD_API_URL: "http://example.invalid" },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("debug: base URL https://api.us.deepset.ai (from --region)");
  });

  it("defaults to the EU region", async () => {
    const result = await runCli(["whoami", "--debug"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("debug: base URL https://api.cloud.deepset.ai (from default (EU region))");
  });

  it("refuses http:// to a non-loopback host with exit 2 before any connection is tried", async () => {
    const result = await runCli(["whoami", "--api-url", "http://example.invalid", "--debug", "--json"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refusing http:// base URL "http://example.invalid"');
    // The client logs a line for every request it starts, answered or not.
    expect(result.stderr).not.toMatch(/debug: GET /);
    expect(JSON.parse(result.stdout).error.code).toBe("usage");
  });

  it("refuses an http:// URL from the environment too, naming where it came from", async () => {
    const result = await runCli(["whoami"], {
      env: { ...env, DEEPSET_CLOUD_API_URL: "http://example.invalid/api/v1" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("env DEEPSET_CLOUD_API_URL");
  });

  it("refuses a --region other than eu or us with exit 2", async () => {
    const result = await runCli(["whoami", "--region", "ap"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Allowed choices are eu, us");
  });
});
