// Runs a command: builds its context from the parsed flags (the common ones included), and
// turns any error that stops it into its message, its `--json` error document and its exit
// code.
import type { DeepsetCloud } from "@dcloud/client";
import { describeError, exitCodeFor } from "../errors.js";
import type { ExitCode } from "../exit-codes.js";
import { renderFatalError } from "../output/error.js";
import { Output } from "../output/output.js";
import { type Runtime, readAll } from "../runtime.js";
import { connect } from "./connect.js";
import type { GlobalFlags } from "./options.js";

/** What a command's run gets: the output, the process's environment and streams, and a way to the client. */
export interface CommandContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  runtime: Runtime;
  /**
   * Resolves the API settings (exit 2 / 4 before any request when they are wrong) and makes
   * the client; with `enteredApiKey` (`dcloud login`), that key rather than any other.
   */
  connect(enteredApiKey?: string): Promise<DeepsetCloud>;
  /** Reads standard input whole (`--api-key-file -`). */
  readStdin(): Promise<string>;
}

/** `flags`: the options every command takes, as parsed; `run`: the command's work in its context. */
export async function act(
  runtime: Runtime,
  flags: GlobalFlags,
  run: (context: CommandContext) => Promise<ExitCode>,
): Promise<ExitCode> {
  const outputOptions = {
    json: flags.json === true,
    quiet: flags.quiet === true,
    debug: flags.debug === true,
    color: flags.color !== false,
  };
  const output = new Output(outputOptions, runtime, runtime.env);
  const environment = { env: runtime.env, home: runtime.home, readStdin: () => readAll(runtime.stdin) };
  try {
    const context = {
      output,
      env: runtime.env,
      runtime,
      connect: (enteredApiKey?: string) => connect(flags, environment, output, enteredApiKey),
      readStdin: environment.readStdin,
    };
    return await run(context);
  } catch (error) {
    const report = describeError(error);
    if (report.code === "internal" && error instanceof Error) output.debug(error.stack ?? error.message);
    renderFatalError(output, report);
    return exitCodeFor(report.code);
  }
}
