// `dcloud login` and `dcloud logout`, run as a user would against a scripted API on
// 127.0.0.1: the key is checked with GET /api/v1/me before it is saved in the file the
// official Python SDK writes (~/.deepset-cloud/.env, in its format: unquoted values, no
// final newline, /api/v1 on the URL), at 0600 in a folder at 0700; a refused key is never
// written; logout removes what login wrote and keeps the rest. On a terminal the key is
// typed at a prompt that does not show it.
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, keyFile, runCli, tempDir } from "./helpers/cli.js";
import { ME_BODY, ORG_ID, startServer } from "./helpers/server.js";
import { runOnTerminal } from "./helpers/terminal.js";

const hasScript = existsSync("/usr/bin/script");
const envFile = (home: string) => join(home, ".deepset-cloud", ".env");
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** A scripted /me answering `status` (the key each request carried is recorded). */
async function meServer(status = 200) {
  return startServer({
    "GET /api/v1/me":
      status === 200 ? { status, body: ME_BODY } : { status, body: { detail: status === 401 ? "bad key" : "nope" } },
  });
}

/** A home whose ~/.deepset-cloud/.env holds `contents`, byte for byte. */
async function homeWith(contents: string): Promise<string> {
  const home = await tempDir();
  await mkdir(join(home, ".deepset-cloud"));
  await writeFile(envFile(home), contents);
  return home;
}

describe("dcloud login --api-key-file", () => {
  it("checks the key with /me, saves it at 0600 in a folder at 0700, and says who is logged in to which organization", async () => {
    const server = await meServer();
    const home = await tempDir();
    const result = await runCli(["login", "--api-key-file", "-", "--api-url", server.url], {
      home,
      stdin: `${KEYS.file}\n`,
    });

    expect(result.code).toBe(0);
    expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["GET", "/api/v1/me", `Bearer ${KEYS.file}`],
    ]);
    expect(result.stdout).toContain(
      `Logged in as Ada Lovelace <ada@example.com> to organization Analytical Engines (${ORG_ID})`,
    );
    // The SDK's own form: unquoted, the URL with /api/v1.
    expect(await readFile(envFile(home), "utf8")).toBe(`API_KEY=${KEYS.file}\nAPI_URL=${server.url}/api/v1\n`);
    expect(await modeOf(envFile(home))).toBe(0o600);
    expect(await modeOf(join(home, ".deepset-cloud"))).toBe(0o700);

    // What login saved is what the next command uses.
    const whoami = await runCli(["whoami"], { home });
    expect(whoami.code).toBe(0);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEYS.file}`);
  });

  it("replaces the key in the file the SDK wrote (no final newline) and keeps its other lines", async () => {
    const server = await meServer();
    const home = await homeWith(`API_KEY=${KEYS.dotenv}\nAPI_URL=${server.url}/api/v1\nDEFAULT_WORKSPACE_NAME=default`);
    const result = await runCli(["login", "--api-key-file", await keyFile(KEYS.file)], { home });

    expect(result.code).toBe(0);
    // No --api-url: the file's API_URL was where the key was checked, and it stays as it was.
    expect(await readFile(envFile(home), "utf8")).toBe(
      `API_KEY=${KEYS.file}\nAPI_URL=${server.url}/api/v1\nDEFAULT_WORKSPACE_NAME=default`,
    );
  });

  it.each([
    [401, "The API key was refused"],
    [403, "may not do this"],
  ])("a key /me answers %i to is not written: exit 4, the file as it was", async (status, hint) => {
    const server = await meServer(status);
    const before = `API_KEY=${KEYS.dotenv}\nDEFAULT_WORKSPACE_NAME=default`;
    const home = await homeWith(before);
    const result = await runCli(["login", "--api-key-file", "-", "--api-url", server.url], {
      home,
      stdin: KEYS.file,
    });

    expect(result.code).toBe(4);
    expect(result.stderr).toContain(hint);
    expect(await readFile(envFile(home), "utf8")).toBe(before);
  });

  it("a refused key leaves no file behind where there was none", async () => {
    const server = await meServer(401);
    const home = await tempDir();
    const result = await runCli(["login", "--api-key-file", "-", "--api-url", server.url], { home, stdin: KEYS.file });
    expect(result.code).toBe(4);
    expect(existsSync(join(home, ".deepset-cloud"))).toBe(false);
  });

  it("without a terminal and without --api-key-file: a usage error that says to pass it; nothing is sent", async () => {
    const server = await meServer();
    const home = await tempDir();
    const result = await runCli(["login", "--api-url", server.url], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("pass --api-key-file");
    expect(server.requests).toHaveLength(0);
    expect(existsSync(envFile(home))).toBe(false);
  });

  it("--json prints the /me document", async () => {
    const server = await meServer();
    const result = await runCli(["login", "--api-key-file", "-", "--api-url", server.url, "--json"], {
      stdin: KEYS.file,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(ME_BODY);
  });
});

describe("dcloud logout", () => {
  it("removes API_KEY and API_URL, keeps the other lines, and says so", async () => {
    const home = await homeWith(
      `API_KEY=${KEYS.dotenv}\nAPI_URL=https://api.us.deepset.ai/api/v1\nDEFAULT_WORKSPACE_NAME=default`,
    );
    const result = await runCli(["logout"], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("removed API_KEY and API_URL from ~/.deepset-cloud/.env");
    expect(await readFile(envFile(home), "utf8")).toBe("DEFAULT_WORKSPACE_NAME=default");

    // Logged out means no key: the next command says how to log in.
    const whoami = await runCli(["whoami"], { home });
    expect(whoami.code).toBe(4);
    expect(whoami.stderr).toContain("dcloud login");
  });

  it("with nothing to remove: exit 0, and says there was nothing", async () => {
    const result = await runCli(["logout"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("nothing to remove");
  });

  it("--json: the variables removed", async () => {
    const home = await homeWith(`API_KEY=${KEYS.dotenv}`);
    const result = await runCli(["logout", "--json"], { home });
    expect(JSON.parse(result.stdout)).toEqual({ removed: ["API_KEY"] });
  });
});

describe.runIf(hasScript)("dcloud login on a terminal", () => {
  it("asks for the key without showing it, checks it, and saves it", async () => {
    const server = await meServer();
    const home = await tempDir();
    const screen = await runOnTerminal(["login", "--api-url", server.url], home, {
      type: { when: "the input is hidden): ", text: `${KEYS.file}\r` },
    });

    expect(screen.code).toBe(0);
    expect(screen.raw).not.toContain(KEYS.file);
    expect(screen.lines.map((line) => line.trimEnd())).toEqual([
      "Paste your deepset Cloud API key (Settings → API Keys; the input is hidden):",
      `Logged in as Ada Lovelace <ada@example.com> to organization Analytical Engines (${ORG_ID}) at ${server.url}.`,
      "The key is saved in ~/.deepset-cloud/.env.",
    ]);
    expect(await readFile(envFile(home), "utf8")).toBe(`API_KEY=${KEYS.file}\nAPI_URL=${server.url}/api/v1\n`);
  }, 60_000);

  it.each([
    ["Ctrl-D", "\x04", 2],
    ["Ctrl-C", "\x03", 130],
  ])(
    "%s at the prompt ends its line, saves nothing and sends nothing",
    async (_what, key, code) => {
      const server = await meServer();
      const home = await tempDir();
      const screen = await runOnTerminal(["login", "--api-url", server.url], home, {
        type: { when: "the input is hidden): ", text: `half${key}` },
      });
      expect(screen.code).toBe(code);
      expect(screen.lines[0]?.trimEnd()).toBe(
        "Paste your deepset Cloud API key (Settings → API Keys; the input is hidden):",
      );
      expect(server.requests).toHaveLength(0);
      expect(existsSync(envFile(home))).toBe(false);
    },
    60_000,
  );
});
