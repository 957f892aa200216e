// The progress bar is drawn on stderr only when stderr is a terminal; a piped run prints
// the summary at the end and nothing else.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLI_PATH, KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const run = promisify(execFile);
const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

async function fixture() {
  const api = await startInvitationServer({ delayMs: 5 });
  const dir = await tempDir();
  const file = join(dir, "p.csv");
  await writeFile(file, usersCsv(20));
  // --yes: on a terminal a file run would ask before sending.
  return {
    api,
    dir,
    args: ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--concurrency", "2", "--yes"],
  };
}

describe("progress", () => {
  it("piped: no progress bar, just the summary", async () => {
    const { args } = await fixture();
    const result = await runCli(args, { env });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("inviting [");
    expect(result.stdout).toMatch(/invited\s+20/);
  });

  // util-linux `script` runs the CLI on a pseudo-terminal, as a person's shell would.
  it.runIf(existsSync("/usr/bin/script"))("on a terminal: a bar with counts and rate on stderr", async () => {
    const { args, dir } = await fixture();
    const command = [process.execPath, CLI_PATH, ...args].map((a) => `'${a}'`).join(" ");
    const { stdout } = await run("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: dir, DEEPSET_CLOUD_API_KEY: KEYS.env, TERM: "xterm" },
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it strips the terminal's escape sequences.
    const text = stdout.replace(/\x1b(?:\[[0-9;?]*[A-Za-z]|[78])/g, "");
    expect(text).toMatch(/inviting \[.*\] \d+\/20 \| \d+ invited, 0 already, 0 invalid, 0 failed \| [\d.]+\/s/);
    // On a terminal the summary is in colour.
    expect(stdout).toContain("\x1b[32minvited");
    expect(text).toMatch(/invited\s+20/);
    expect(stdout).not.toContain(KEYS.env);
  });

  it.runIf(existsSync("/usr/bin/script"))("--quiet on a terminal: no bar", async () => {
    const { args, dir } = await fixture();
    const command = [process.execPath, CLI_PATH, ...args, "--quiet"].map((a) => `'${a}'`).join(" ");
    const { stdout } = await run("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: dir, DEEPSET_CLOUD_API_KEY: KEYS.env, TERM: "xterm" },
    });
    expect(stdout).not.toContain("inviting [");
  });
});

describe("colour", () => {
  it.runIf(existsSync("/usr/bin/script")).each([
    ["NO_COLOR=1", { NO_COLOR: "1" }, []],
    ["--no-color", {}, ["--no-color"]],
  ])("%s on a terminal: no colour codes in the summary", async (_what, extraEnv, flags) => {
    const { args, dir } = await fixture();
    const command = [process.execPath, CLI_PATH, ...args, ...flags].map((a) => `'${a}'`).join(" ");
    const { stdout } = await run("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", HOME: dir, DEEPSET_CLOUD_API_KEY: KEYS.env, TERM: "xterm", ...extraEnv },
    });
    expect(stdout).toMatch(/invited\s+20/);
    expect(stdout).not.toContain("\x1b[32m");
  });
});
