// A command: its declaration (flags, help text, examples), added to the program at start-up,
// and its run, loaded only when the command runs — so that --help and --version parse
// nothing more than the declarations. The run's flags are typed by the declaration itself.
import type { AddHelpTextContext, Command } from "@commander-js/extra-typings";
import type { ExitCode } from "../exit-codes.js";
import { wrapHelp } from "../output/wrap.js";
import type { Runtime } from "../runtime.js";
import type { CommandContext } from "./act.js";
import type { Program } from "./options.js";

// biome-ignore lint/suspicious/noExplicitAny: any declared command, whatever its arguments and options.
export type DeclaredCommand = Command<any[], any, any>;

/** A command's flags as its declaration types them, the options every command takes included. */
export type FlagsOf<C extends DeclaredCommand> = ReturnType<C["optsWithGlobals"]>;

/** What a command does when it runs (its flags: `command.optsWithGlobals()`); its exit code. */
export type Run<C extends DeclaredCommand> = (context: CommandContext, command: C) => Promise<ExitCode>;

/**
 * Help text for `.addHelpText()`, wrapped to the width commander gives the help it goes with
 * (the terminal's, else 80): examples, notes and settings read whole on a narrow terminal.
 */
export function helpText(text: string | ((command: DeclaredCommand) => string)) {
  return ({ error, command }: AddHelpTextContext): string => {
    const output = command.configureOutput();
    const width = (error ? output.getErrHelpWidth?.() : output.getOutHelpWidth?.()) ?? 80;
    return wrapHelp(typeof text === "string" ? text : text(command), width);
  };
}

/** An entry of the program's list of commands. */
export interface CommandEntry {
  /** Declares the command on the program; `result.exitCode` receives its exit code when it runs. */
  register(program: Program, runtime: Runtime, result: { exitCode: ExitCode }): void;
}

/** A command from its declaration and its run, which is imported only when the command runs. */
export function command<C extends DeclaredCommand>(
  declare: (program: Program) => C,
  load: () => Promise<{ run: Run<C> }>,
): CommandEntry {
  return {
    register(program, runtime, result) {
      const declared = declare(program);
      declared.action(async () => {
        // The action machinery (settings, the client, error mapping) is loaded with the run.
        const [{ act }, { run }] = await Promise.all([import("./act.js"), load()]);
        // The options every command takes are the program's own.
        result.exitCode = await act(runtime, program.opts(), (context) => run(context, declared));
      });
    },
  };
}
