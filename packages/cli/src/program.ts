// The `dcloud` program: builds the commander program and maps how it ended to an exit
// code. commander's own exits are intercepted (exitOverride) because it exits 1 on a usage
// error, where dcloud's contract says 2. Importing it runs nothing (main.ts does), so tests
// use the real program.
import { Command, CommanderError } from "commander";
import { registerCompletion } from "./commands/completion.js";
import { type Act, commandOf } from "./commands/declare.js";
import { registerInvite } from "./commands/invite.js";
import { registerWhoami } from "./commands/whoami.js";
import { registerWorkspaces } from "./commands/workspaces.js";
import { ExitCode } from "./exit-codes.js";
import { addGlobalOptions } from "./global-options.js";
import { PROGRAM_HELP } from "./help.js";
import { Output } from "./output/output.js";
import { processRuntime, type Runtime } from "./runtime.js";
import { CLI_VERSION } from "./version.js";

export function buildProgram(runtime: Runtime, result: { exitCode: ExitCode }): Command {
  const program = new Command("dcloud")
    .description("The command line for the deepset Cloud API: invite users to your organization.")
    .version(CLI_VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    // Set before the subcommands are added: `.command()` copies these settings to them.
    .exitOverride()
    .configureOutput({ writeOut: (text) => runtime.stdout.write(text), writeErr: (text) => runtime.stderr.write(text) })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", PROGRAM_HELP);
  addGlobalOptions(program);
  // What a command does (settings, the client, error mapping, the work) is loaded when it
  // runs, not for --help or --version: start-up reads only the program's definition.
  const action: Act =
    (name) =>
    async (...args) => {
      const { actionFactory, handlers } = await import("./run.js");
      const handler = handlers[name] as Parameters<ReturnType<typeof actionFactory>>[0];
      return actionFactory(runtime, result)(handler)(commandOf(args));
    };
  registerInvite(program, action);
  registerWorkspaces(program, action);
  registerWhoami(program, action);
  // Last: it describes the commands registered before it.
  registerCompletion(program, action);
  return program;
}

export async function run(argv: string[], runtime: Runtime = processRuntime()): Promise<ExitCode> {
  const result: { exitCode: ExitCode } = { exitCode: ExitCode.Ok };
  try {
    await buildProgram(runtime, result).parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version end with exit code 0; everything else commander stops on is a usage error.
    if (error.exitCode === 0) return ExitCode.Ok;
    // commander has already printed the message; under --json stdout still owes its one document.
    if (argv.includes("--json")) {
      const message = error.message.replace(/^error: /, "");
      new Output({ json: true, quiet: false, debug: false, color: false }, runtime, runtime.env).document({
        error: { code: "usage", status: null, message },
      });
    }
    return ExitCode.Usage;
  }
  return result.exitCode;
}
