// The program as a whole: --version, --help, usage errors, and options before or after the subcommand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEYS, runCli } from "./helpers/cli.js";
import { ME_BODY, OK_ROUTES, startServer } from "./helpers/server.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("dcloud", () => {
  it("--version prints package.json's version and exits 0", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("--help lists the commands and examples and exits 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain("dcloud invite --email");
    expect(result.stdout).toMatch(/whoami/);
    expect(result.stdout).not.toMatch(/--api-key\b(?!-file)/);
  });

  it("invite --help shows its flags, the global options and examples", async () => {
    const result = await runCli(["invite", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--email",
      "--given-name",
      "--family-name",
      "--role",
      "--workspace-id",
      "--org",
      "--api-key-file",
      "--timeout",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("Examples:");
  });

  it.each([
    [["bogus"]],
    [["whoami", "--bogus"]],
    [["whoami", "--timeout", "0"]],
    [["whoami", "--timeout", "1.5"]],
    [[]],
  ])("exits 2 on the usage error %j", async (args) => {
    const result = await runCli(args, { env: { DEEPSET_CLOUD_API_KEY: KEYS.env } });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe("");
  });

  it("takes the common options before or after the subcommand", async () => {
    const server = await startServer(OK_ROUTES);
    const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
    const before = await runCli(["--json", "--api-url", server.url, "whoami"], { env });
    const after = await runCli(["whoami", "--json", "--api-url", server.url], { env });
    expect(JSON.parse(before.stdout)).toEqual(ME_BODY);
    expect(JSON.parse(after.stdout)).toEqual(ME_BODY);
  });
});
