// Runs the built `dcloud` CLI as a child process, the way a user runs it: its own
// process, its own environment, its output read from its stdout and stderr.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The `dcloud` entry point of the `@dcloud/cli` package this package depends on
 * (its package.json `bin.dcloud`, normally dist/dcloud.js). It exists once the CLI is built.
 */
export function cliPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@dcloud/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.dcloud;
  if (!bin) throw new Error(`${manifestPath} has no bin "dcloud"`);
  return path.resolve(path.dirname(manifestPath), bin);
}

/** True when the CLI has been built. */
export function cliIsBuilt(): boolean {
  return existsSync(cliPath());
}

export interface CliResult {
  /** The exit code, or null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /**
   * The child's whole environment besides PATH and HOME: nothing else is inherited, so
   * no DEEPSET_* variable of the caller's shell leaks in.
   */
  env?: Record<string, string>;
  /** The child's HOME (so `~/.deepset-cloud/.env` is read from there). Default: a fresh empty temp dir, removed afterwards. */
  home?: string;
  /** Written to the child's stdin, which is then closed. */
  stdin?: string;
  /** Kill the child after this many ms, so a hung CLI cannot hang the caller. Default: 20 000. */
  killAfterMs?: number;
}

/** A fresh, empty directory to use as HOME; the caller removes it. */
export function freshHome(): string {
  return mkdtempSync(path.join(tmpdir(), "dcloud-home-"));
}

/** Runs `node <cli> ...args` and resolves when it exits. */
export async function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const home = options.home ?? freshHome();
  try {
    return await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath(), ...args], {
        env: { PATH: process.env.PATH ?? "", HOME: home, USERPROFILE: home, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 20_000);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
      child.stdin.on("error", () => {}); // the CLI may exit without reading stdin
      child.stdin.end(options.stdin ?? "");
    });
  } finally {
    if (options.home === undefined) rmSync(home, { recursive: true, force: true });
  }
}
