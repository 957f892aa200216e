// A stdout that cannot be written (a full disk: `> /dev/full`) is reported on stderr, once,
// without a stack trace, and the process ends with exit 1; a closed pipe (`| head`) is no
// failure. Output keeps the failure for the caller (`failure`, `onFailure`).
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { closeSync, openSync } from "node:fs";
import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { Output, type StreamFailure } from "../../src/output/output.js";
import { CLI_PATH, KEYS, tempDir } from "../helpers/cli.js";
import { OK_ROUTES, startServer } from "../helpers/server.js";

/** A stream that takes writes and fails, later, as Node's streams do: with an 'error' event. */
class FailingStream extends EventEmitter {
  readonly written: string[] = [];
  write(text: string): boolean {
    this.written.push(text);
    return true;
  }
  fail(code: string): void {
    this.emit("error", Object.assign(new Error(`${code}: write failed, write`), { code }));
  }
}

const OPTIONS = { json: false, quiet: false, debug: false, color: false };

describe("Output with a failing stream", () => {
  it("reports a full stdout once on stderr, keeps it as `failure`, and writes no more to stdout", () => {
    const stdout = new FailingStream();
    const stderr = new FailingStream();
    const output = new Output(OPTIONS, { stdout, stderr }, {});
    const seen: StreamFailure[] = [];
    output.onFailure((failure) => seen.push(failure));
    output.line("first");
    stdout.fail("ENOSPC");
    stdout.fail("ERR_STREAM_DESTROYED");
    output.line("second");
    expect(stdout.written).toEqual(["first\n"]);
    expect(output.failure).toEqual({
      stream: "stdout",
      code: "ENOSPC",
      message: "cannot write to standard output: no space left on device (ENOSPC); the output is incomplete.",
    });
    expect(seen).toEqual([output.failure]);
    expect(stderr.written).toEqual([
      "error: cannot write to standard output: no space left on device (ENOSPC); the output is incomplete.\n",
    ]);
  });

  it("takes a closed pipe as no failure", () => {
    const stdout = new FailingStream();
    const stderr = new FailingStream();
    const output = new Output(OPTIONS, { stdout, stderr }, {});
    stdout.fail("EPIPE");
    output.line("after the reader left");
    expect(output.failure).toBeUndefined();
    expect(stdout.written).toEqual([]);
    expect(stderr.written).toEqual([]);
  });
});

/** Runs the built CLI with stdout on /dev/full. */
async function toDevFull(args: string[], env: Record<string, string>) {
  const full = openSync("/dev/full", "w");
  const home = await tempDir();
  try {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
      stdio: ["ignore", full, "pipe"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { code, stderr };
  } finally {
    closeSync(full);
    await rm(home, { recursive: true, force: true });
  }
}

describe("dcloud with stdout on a full disk (> /dev/full)", () => {
  it.each([["whoami"], ["whoami", "--json"]])(
    "dcloud %s: a message on stderr, no stack trace, exit 1",
    async (...args) => {
      const server = await startServer(OK_ROUTES);
      const { code, stderr } = await toDevFull([...args, "--api-url", server.url], { DEEPSET_CLOUD_API_KEY: KEYS.env });
      expect(stderr).toContain("error: cannot write to standard output: no space left on device (ENOSPC)");
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(code).toBe(1);
    },
  );
});
