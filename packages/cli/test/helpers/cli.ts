// Runs the built CLI (dist/dcloud.js) as a child process with a clean environment:
// HOME is a fresh temp directory, and no DEEPSET_* variable is set unless the test sets
// it (TMPDIR is passed on, so that what the CLI keeps in the temp folder lands where the
// test run looks). Every run's stdout and stderr are scanned for the test API keys.
// Every temp directory made here is removed after the test that made it, pass or fail (or,
// made outside a test, in a beforeAll or at import, after the file's tests).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, onTestFinished } from "vitest";

export const CLI_PATH = fileURLToPath(new URL("../../dist/dcloud.js", import.meta.url));

/**
 * The command that runs the CLI with `args`, under a file-size limit (`ulimit -f`, KiB) when one
 * is given: Node ignores SIGXFSZ, so a write past the limit fails with EFBIG, as on a full disk.
 */
export function cliCommand(args: string[], fileLimitKiB?: number | null): [string, string[]] {
  if (fileLimitKiB == null) return [process.execPath, [CLI_PATH, ...args]];
  return [
    "bash",
    ["-c", 'ulimit -f "$1"; shift; exec "$@"', "bash", `${fileLimitKiB}`, process.execPath, CLI_PATH, ...args],
  ];
}

/** Distinct keys per source, so a test can tell which one was sent. */
export const KEYS = {
  env: "dc_env_key_Zx81QwErTy00aaBBccDD",
  file: "dc_file_key_Kp42LmNoPq11eeFFggHH",
  dotenv: "dc_dotenv_key_Vb73RsTuVw22iiJJkkLL",
  stdin: "dc_stdin_key_Hg64XyZaBc33mmNNooPP",
} as const;

export interface RunOptions {
  env?: Record<string, string>;
  /** Written to stdin (which is closed either way). */
  stdin?: string;
  /** Contents of $HOME/.deepset-cloud/.env. */
  dotenv?: string;
  /** Use this HOME instead of a fresh one. */
  home?: string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  home: string;
}

const madeOutsideTests = new Set<string>();
const remove = (dir: string) => rm(dir, { recursive: true, force: true });
afterAll(async () => {
  await Promise.all([...madeOutsideTests].map(remove));
  madeOutsideTests.clear();
});

/** A fresh temp directory, removed after the test (or, outside a test, the file) that made it. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dcloud-cli-test-"));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    // Not inside a test: vitest refuses onTestFinished there.
    madeOutsideTests.add(dir);
  }
  return dir;
}

export async function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`node build.mjs\` first`);
  const home = options.home ?? (await tempDir());
  if (options.dotenv !== undefined) {
    await mkdir(join(home, ".deepset-cloud"), { recursive: true });
    await writeFile(join(home, ".deepset-cloud", ".env"), options.dotenv);
  }
  const temp = process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR };
  const env = { PATH: process.env.PATH ?? "", HOME: home, ...temp, ...options.env };
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? "");
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  for (const key of Object.values(KEYS)) {
    if (stdout.includes(key) || stderr.includes(key)) {
      throw new Error(`the API key ${key} leaked into the output of dcloud ${args.join(" ")}`);
    }
  }
  return { code, stdout, stderr, home };
}

/** Writes a key file and returns its path. */
export async function keyFile(contents: string): Promise<string> {
  const path = join(await tempDir(), "key");
  await writeFile(path, contents);
  return path;
}

/** The invite flags for one user, as most tests use them. */
export const JANE = ["--email", "jane@example.com", "--given-name", "Jane", "--family-name", "Doe", "--role", "admin"];
