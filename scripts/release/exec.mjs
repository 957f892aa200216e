// Child processes for the release rehearsal: run without blocking (the registry answers from
// another process, but output is read here), keep the output for the report.
import { spawn } from "node:child_process";

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env] default: process.env
 * @property {AbortSignal} [signal] kills the child when it aborts
 * @typedef {object} RunResult
 * @property {number | NodeJS.Signals | null} code the exit code, or the signal that ended the child
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Resolves `{ code, stdout, stderr }`; never rejects (a spawn error is code -1).
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export function run(command, args, { cwd, env = process.env, signal } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, signal, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }));
    child.on("close", (code, killedBy) => resolve({ code: code ?? killedBy, stdout, stderr }));
  });
}

/**
 * As run(), but a non-zero exit rejects with the command and the end of its output.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 */
export async function must(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0)
    throw new Error(
      `${[command.split("/").pop(), ...args].join(" ")} exited ${result.code}:\n${tail(result.stdout + result.stderr)}`,
    );
  return result;
}

/**
 * The end of a long output, which is where tools say what went wrong.
 * @param {string} text
 */
export const tail = (text) => (text.length > 3000 ? `…${text.slice(-3000)}` : text).trim();
