// The `dcloud` program: the list of its commands, and how it ended mapped to an exit code.
// commander's own exits are intercepted (exitOverride) because it exits 1 on a usage error,
// where dcloud's contract says 2. Importing it runs nothing (main.ts does), so tests use the
// real program.
import { Command, CommanderError, Help } from "@commander-js/extra-typings";
import { command, helpText } from "./commands/command.js";
import { declareCompletion } from "./commands/completion/command.js";
import { declareInvite } from "./commands/invite/command.js";
import { declareLogin } from "./commands/login/command.js";
import { declareLogout } from "./commands/logout/command.js";
import { addGlobalOptions } from "./commands/options.js";
import { declareWhoami } from "./commands/whoami/command.js";
import { declareWorkspaces } from "./commands/workspaces/command.js";
import { ExitCode } from "./exit-codes.js";
import { Output } from "./output/output.js";
import { processRuntime, type Runtime } from "./runtime.js";

/** The commands, in the order --help lists them. Each run is imported when its command runs. */
const COMMANDS = [
  command(declareInvite, () => import("./commands/invite/run.js")),
  command(declareWorkspaces, () => import("./commands/workspaces/run.js")),
  command(declareWhoami, () => import("./commands/whoami/run.js")),
  command(declareLogin, () => import("./commands/login/run.js")),
  command(declareLogout, () => import("./commands/logout/run.js")),
  command(declareCompletion, () => import("./commands/completion/run.js")),
];

// The CLI's version, written into the bundle by build.mjs from package.json, so
// `dcloud --version` needs no file read at start-up.
declare const __DCLOUD_CLI_VERSION__: string | undefined;
const CLI_VERSION = typeof __DCLOUD_CLI_VERSION__ === "string" ? __DCLOUD_CLI_VERSION__ : "0.0.0-dev";

// The text after the program's option list in --help: examples first, because that is what
// people scan --help for.
const PROGRAM_HELP = `
Examples:
  $ dcloud whoami
  $ dcloud workspaces
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role member \\
      --workspace marketing --json
  $ dcloud invite --file people.csv --role member --report invites.jsonl
  $ dcloud whoami --region us --api-key-file ~/.config/dcloud/key
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -

Settings (first found wins):
  API key       --api-key-file, DEEPSET_CLOUD_API_KEY, API_KEY in ~/.deepset-cloud/.env
  base URL      --api-url, --region, DEEPSET_CLOUD_API_URL, API_URL in ~/.deepset-cloud/.env, EU
  organization  --org, DEEPSET_CLOUD_ORGANIZATION_ID, the key's organization (GET /api/v1/me)
  network       HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case); NODE_EXTRA_CA_CERTS for a company CA

Exit codes:
  0    done: every row invited or already a member
  1    some row failed (or was invalid under --skip-invalid), or whoami failed
  2    a usage or input error, or not confirmed: nothing was sent
  3    payment required (402)
  4    authentication or permission (401/403), or no API key
  130  interrupted (Ctrl-C)
`;

export function buildProgram(runtime: Runtime, result: { exitCode: ExitCode }) {
  const program = addGlobalOptions(
    new Command("dcloud")
      .description("The command line for the deepset Cloud API: invite users to your organization.")
      .version(CLI_VERSION, "-V, --version", "print the version")
      .helpOption("-h, --help", "show help")
      // Set before the commands are added: `.command()` copies these settings to them.
      .exitOverride()
      .configureOutput({
        writeOut: (text) => runtime.stdout.write(text),
        writeErr: (text) => runtime.stderr.write(text),
        // Help wraps to the terminal it is printed on; to a file or a pipe, at 80 columns.
        getOutHelpWidth: () => helpWidth(runtime.stdout),
        getErrHelpWidth: () => helpWidth(runtime.stderr),
      })
      .configureHelp({ formatItem, minWidthToWrap: NARROWEST_DESCRIPTION })
      .showHelpAfterError("(add --help for usage)")
      .addHelpText("after", helpText(PROGRAM_HELP)),
  );
  // A command's help lists the options every command takes once, briefly, at its end; the
  // program's own help lists them in full.
  program.addHelpText(
    "afterAll",
    helpText((shown) => (shown === program ? "" : commonOptionsNote(program))),
  );
  for (const entry of COMMANDS) entry.register(program, runtime, result);
  return program;
}

/**
 * An option or command of the help with its description beside it, as commander lays it
 * out; when the terminal leaves too narrow a column for the description, under it instead,
 * wrapped to the width, so no word is cut.
 */
function formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
  const width = helper.helpWidth ?? 80;
  if (!description || width - termWidth - 4 >= NARROWEST_DESCRIPTION) {
    return Help.prototype.formatItem.call(helper, term, termWidth, description, helper);
  }
  const below = helper.boxWrap(description, width - 6).replace(/^/gm, "      ");
  return `  ${term}\n${below}`;
}

/** Narrower than this, a description goes under its term. */
const NARROWEST_DESCRIPTION = 32;

function helpWidth(stream: Runtime["stdout"]): number {
  return stream.isTTY === true && stream.columns ? stream.columns : 80;
}

/** One short paragraph naming the program's options, which every command takes. */
function commonOptionsNote(program: Command): string {
  const names = program.options.filter((option) => option.long && option.long !== "--version");
  return `Options every command takes (dcloud --help describes them): ${names.map((o) => o.long).join(", ")}.`;
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
