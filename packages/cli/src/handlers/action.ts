// Runs a command's handler: builds the context from the parsed flags (global ones
// included), and turns any error that stops the command into its message, its `--json`
// error document and its exit code.
import type { Command } from "commander";
import { connect } from "../connect.js";
import type { CommandContext } from "../context.js";
import { describeError } from "../describe-error.js";
import { exitCodeFor } from "../errors.js";
import type { ExitCode } from "../exit-codes.js";
import type { GlobalFlags } from "../global-options.js";
import { renderFatalError } from "../output/error.js";
import { Output } from "../output/output.js";
import { type Runtime, readAll } from "../runtime.js";

export type Handler<F> = (context: CommandContext, flags: F & GlobalFlags, command: Command) => Promise<ExitCode>;

/** `result.exitCode` receives the exit code of whichever command ran. */
export function actionFactory(runtime: Runtime, result: { exitCode: ExitCode }) {
  return <F>(handler: Handler<F>) =>
    async (command: Command) => {
      const flags = command.optsWithGlobals<F & GlobalFlags>();
      const outputOptions = {
        json: flags.json === true,
        quiet: flags.quiet === true,
        debug: flags.debug === true,
        color: flags.color !== false,
      };
      const output = new Output(outputOptions, runtime, runtime.env);
      const environment = { env: runtime.env, home: runtime.home, readStdin: () => readAll(runtime.stdin) };
      try {
        const context = { output, env: runtime.env, runtime, connect: () => connect(flags, environment, output) };
        result.exitCode = await handler(context, flags, command);
      } catch (error) {
        const report = describeError(error);
        if (report.code === "internal" && error instanceof Error) output.debug(error.stack ?? error.message);
        renderFatalError(output, report);
        result.exitCode = exitCodeFor(report.code);
      }
    };
}
