// --debug logs each request to stderr; the API key appears in no output of any run
// (the runCli helper also checks this for every run of the suite).
import { describe, expect, it } from "vitest";
import { JANE, KEYS, keyFile, runCli } from "./helpers/cli.js";
import { INVITE_PATH, inviteReply, OK_ROUTES, startServer } from "./helpers/server.js";

describe("--debug", () => {
  it("prints each request and response line to stderr, and where the settings came from", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--api-url", server.url, "--debug"], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`debug: GET ${server.url}/api/v1/me → 200`);
    expect(result.stderr).toContain("request id req-me-1");
    expect(result.stderr).toMatch(
      new RegExp(`debug: POST ${server.url}${INVITE_PATH} → 201 \\(attempt 1, \\d+ ms, request id req-invite-1\\)`),
    );
    expect(result.stderr).toContain("debug: API key from env DEEPSET_CLOUD_API_KEY");
    expect(result.stdout).not.toContain("debug:");
  });

  it("prints nothing of the kind without --debug", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["invite", ...JANE, "--api-url", server.url], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
    });
    expect(result.stderr).toBe("");
  });
});

describe("the API key", () => {
  it("appears in no output, whichever source it came from and however the run ends", async () => {
    const server = await startServer(inviteReply({ status: 401, body: { detail: `bad key ${KEYS.file}` } }));
    const path = await keyFile(KEYS.file);
    const runs = await Promise.all([
      runCli(["invite", ...JANE, "--api-url", server.url, "--api-key-file", path, "--debug"]),
      runCli(["invite", ...JANE, "--api-url", server.url, "--api-key-file", path, "--debug", "--json"]),
      runCli(["whoami", "--api-url", server.url, "--debug", "--json"], { env: { DEEPSET_CLOUD_API_KEY: KEYS.env } }),
      runCli(["whoami", "--api-url", server.url, "--debug"], { dotenv: `API_KEY=${KEYS.dotenv}\n` }),
      runCli(["whoami", "--api-url", server.url, "--debug", "--api-key-file", "-"], { stdin: KEYS.stdin }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([4, 4, 0, 0, 0]);
    // The server echoed the key in its 401 body; the message shows it redacted.
    expect(runs[0]?.stderr).toContain("bad key ***");
    for (const run of runs) {
      for (const key of Object.values(KEYS)) expect(`${run.stdout}${run.stderr}`).not.toContain(key);
    }
    expect(server.requests.every((r) => r.headers.authorization?.startsWith("Bearer dc_"))).toBe(true);
  });
});
