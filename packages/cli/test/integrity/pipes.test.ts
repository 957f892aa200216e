// `--file <(hr-export)` and named pipes are read once, like standard input — not refused as
// "a directory or a device".
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";
import { env } from "./run.js";

const CSV = "email,given_name,family_name,role\na@x.io,A,Alpha,member\nb@x.io,B,Beta,member\n";

/** Runs `script` in bash with the CLI as $DCLOUD and the server's URL as $API. */
async function bash(script: string, api: string, cwd: string) {
  const child = spawn("bash", ["-c", script], {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: cwd,
      ...env,
      DCLOUD: `${process.execPath} ${CLI_PATH}`,
      API: api,
      ORG: ORG_ID,
      CSV,
      ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, stderr };
}

describe("--file from a pipe", () => {
  it("process substitution: --file <(…)", async () => {
    const server = await startInvitationServer();
    const result = await bash(
      '$DCLOUD invite --file <(printf "%s" "$CSV") --org "$ORG" --api-url "$API"',
      server.url,
      await tempDir(),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect([...server.applied.keys()].sort()).toEqual(["a@x.io", "b@x.io"]);
  });

  it("a named pipe (FIFO)", async () => {
    const server = await startInvitationServer();
    const dir = await tempDir();
    execFileSync("mkfifo", [join(dir, "people.csv")]);
    const result = await bash(
      // The writer gives up after a while should the CLI never open the pipe.
      '( exec >/dev/null 2>&1; timeout 30 sh -c \'printf "%s" "$CSV" > people.csv\' ) & $DCLOUD invite --file people.csv --org "$ORG" --api-url "$API" --json',
      server.url,
      dir,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.invited).toBe(2);
    expect([...server.applied.keys()].sort()).toEqual(["a@x.io", "b@x.io"]);
  });
});
