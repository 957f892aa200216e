// Where the API key comes from: --api-key-file, then DEEPSET_CLOUD_API_KEY, then API_KEY in
// ~/.deepset-cloud/.env; none → exit 4 before any request.
import { describe, expect, it } from "vitest";
import { KEYS, keyFile, runCli } from "./helpers/cli.js";
import { OK_ROUTES, startServer } from "./helpers/server.js";

async function whoamiKey(args: string[], options: Parameters<typeof runCli>[1] = {}) {
  const server = await startServer(OK_ROUTES);
  const result = await runCli(["whoami", "--api-url", server.url, ...args], options);
  return { result, sent: server.requests.map((r) => r.headers.authorization), server };
}

describe("API key settings", () => {
  it("exits 4 and sends nothing when no key is found anywhere", async () => {
    const { result, server } = await whoamiKey([]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("No API key found");
    expect(server.requests).toHaveLength(0);
  });

  it("--api-key-file beats the environment and the .env file, and is trimmed", async () => {
    const path = await keyFile(`  ${KEYS.file}\n`);
    const { result, sent } = await whoamiKey(["--api-key-file", path], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
      dotenv: `API_KEY=${KEYS.dotenv}\n`,
    });
    expect(result.code).toBe(0);
    expect(sent).toEqual([`Bearer ${KEYS.file}`]);
  });

  it("DEEPSET_CLOUD_API_KEY beats the .env file", async () => {
    const { result, sent } = await whoamiKey([], {
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
      dotenv: `API_KEY=${KEYS.dotenv}\n`,
    });
    expect(result.code).toBe(0);
    expect(sent).toEqual([`Bearer ${KEYS.env}`]);
  });

  it("falls back to API_KEY in ~/.deepset-cloud/.env (as the Python SDK writes it)", async () => {
    const { result, sent } = await whoamiKey([], {
      dotenv: `API_KEY="${KEYS.dotenv}"\nAPI_URL=https://api.cloud.deepset.ai/api/v1\n`,
    });
    expect(result.code).toBe(0);
    expect(sent).toEqual([`Bearer ${KEYS.dotenv}`]);
  });

  it("reads the file as the SDK's `deepset-cloud login` writes it: unquoted, no final newline, a `#` in the key kept", async () => {
    // python-dotenv (the SDK's reader) starts a comment only at a `#` after white space.
    const key = "dc_sdk_key#Rt55Uv#x";
    const { result, sent } = await whoamiKey([], {
      dotenv: `API_KEY=${key}\nAPI_URL=https://api.cloud.deepset.ai/api/v1\nDEFAULT_WORKSPACE_NAME=default`,
    });
    expect(result.code).toBe(0);
    expect(sent).toEqual([`Bearer ${key}`]);
    expect(result.stdout + result.stderr).not.toContain("Rt55Uv");
  });

  it("with the SDK's API_KEY in the environment and no key, says that dcloud reads DEEPSET_CLOUD_API_KEY", async () => {
    const { result, server } = await whoamiKey(["--json"], { env: { API_KEY: KEYS.env } });
    expect(result.code).toBe(4);
    expect(server.requests).toHaveLength(0);
    const says = "API_KEY is set in the environment, but dcloud does not read it: it reads DEEPSET_CLOUD_API_KEY";
    expect(result.stderr).toContain(says);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: "missing_api_key",
      message: expect.stringContaining(says),
    });
  });

  it("says nothing of API_KEY when it is not set", async () => {
    const { result } = await whoamiKey([], { env: { API_KEY: " " } });
    expect(result.code).toBe(4);
    expect(result.stderr).not.toContain("API_KEY is set");
  });

  it("--api-key-file - reads the key from stdin, trimmed", async () => {
    const { result, sent } = await whoamiKey(["--api-key-file", "-"], {
      stdin: `${KEYS.stdin}\n`,
      env: { DEEPSET_CLOUD_API_KEY: KEYS.env },
    });
    expect(result.code).toBe(0);
    expect(sent).toEqual([`Bearer ${KEYS.stdin}`]);
  });

  it("an empty key file is no key (exit 4), not a fall-back to the environment", async () => {
    const path = await keyFile("\n");
    const { result, server } = await whoamiKey(["--api-key-file", path], { env: { DEEPSET_CLOUD_API_KEY: KEYS.env } });
    expect(result.code).toBe(4);
    expect(server.requests).toHaveLength(0);
  });

  it("an unreadable key file is a usage error (exit 2)", async () => {
    const { result, server } = await whoamiKey(["--api-key-file", "/nonexistent/dcloud-key"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ENOENT");
    expect(server.requests).toHaveLength(0);
  });

  it("a key with a line break inside is refused without quoting it (exit 4)", async () => {
    const path = await keyFile(`${KEYS.file}\nsecond-line`);
    const { result, server } = await whoamiKey(["--api-key-file", path]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("cannot be sent");
    expect(server.requests).toHaveLength(0);
  });
});
