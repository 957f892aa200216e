// `dcloud invite`: one user given by flags, or many from --file (CSV or JSON Lines). This
// file declares the command; pipeline/invite.ts runs it.
import { type Command, Option } from "commander";
import { CliError } from "../errors.js";
import type { GlobalFlags } from "../global-options.js";
import { collect, single, wholeNumber } from "../global-options.js";
import { INVITE_HELP } from "../help.js";
import type { ActionFactory } from "./action.js";

const MAX_CONCURRENCY = 64;
const DEFAULT_CONCURRENCY = 4;

interface InviteFlags {
  email?: string;
  givenName?: string;
  familyName?: string;
  role?: string;
  workspaceId?: string[];
  workspace?: string[];
  org?: string;
  file?: string;
  concurrency?: number;
  report?: string;
  resume?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
  yes?: boolean;
}

export function registerInvite(program: Command, action: ActionFactory): void {
  program
    .command("invite")
    .description("invite a user to the organization, or many from a CSV or JSON Lines file")
    .addOption(new Option("--email <email>", "the user's email address").argParser(single("--email")))
    .addOption(new Option("--given-name <name>", "the user's given name").argParser(single("--given-name")))
    .addOption(new Option("--family-name <name>", "the user's family name").argParser(single("--family-name")))
    .addOption(
      new Option(
        "--role <role>",
        "a default role or a custom role's name, sent as typed (with --file: for rows with no role)",
      ).argParser(single("--role")),
    )
    .option(
      "--workspace <name>",
      "give access to the workspace of this name; repeat for several (with --file: for rows naming none)",
      collect,
    )
    .option(
      "--workspace-id <uuid>",
      "give access to this workspace; repeat for several (with --file: for rows naming none)",
      collect,
    )
    .addOption(
      new Option(
        "--org <id>",
        "organization ID (default: DEEPSET_CLOUD_ORGANIZATION_ID, else the key's own)",
      ).argParser(single("--org")),
    )
    .addOption(
      new Option(
        "--file <path>",
        "invite every row of this CSV or JSON Lines (.jsonl, .ndjson) file; - reads stdin",
      ).argParser(single("--file")),
    )
    .addOption(
      new Option(
        "--concurrency <n>",
        `with --file: invitations in flight at once (default: ${DEFAULT_CONCURRENCY})`,
      ).argParser(single("--concurrency", wholeNumber(1, MAX_CONCURRENCY))),
    )
    .addOption(
      new Option(
        "--report <path>",
        "with --file: append one JSON line per row as soon as its outcome is known",
      ).argParser(single("--report")),
    )
    .option("--resume", "with --report: skip rows the report already has as invited or already a member")
    .option("--dry-run", "with --file: check every row and show what would be sent; send nothing")
    .option("--skip-invalid", "with --file: invite the valid rows and report the invalid ones, instead of stopping")
    .option("--yes", "with --file: do not ask before sending (nothing is asked without a terminal anyway)")
    .addHelpText("after", INVITE_HELP)
    .action(
      action<InviteFlags>(async (context, flags) => {
        checkCombination(flags);
        const { runInvite } = await import("../pipeline/invite.js");
        const inFile = flags.file !== undefined;
        return runInvite(context, {
          file: flags.file,
          single: inFile
            ? undefined
            : {
                email: flags.email,
                given_name: flags.givenName,
                family_name: flags.familyName,
                role: flags.role,
                workspace_ids: flags.workspaceId,
                workspaces: flags.workspace,
              },
          defaults: inFile
            ? { role: flags.role, workspaceIds: flags.workspaceId, workspaceNames: flags.workspace }
            : {},
          org: flags.org,
          concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
          report: flags.report,
          resume: flags.resume === true,
          dryRun: flags.dryRun === true,
          skipInvalid: flags.skipInvalid === true,
          yes: flags.yes === true,
        });
      }),
    );
}

/** Flags that only make sense together, refused before anything is read or sent. */
function checkCombination(flags: InviteFlags & GlobalFlags): void {
  const fileOnly = {
    "--report": flags.report,
    "--resume": flags.resume,
    "--dry-run": flags.dryRun,
    "--skip-invalid": flags.skipInvalid,
    "--concurrency": flags.concurrency,
    "--yes": flags.yes,
  };
  if (flags.file === undefined) {
    const used = Object.entries(fileOnly)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
    if (used.length > 0) throw new CliError("usage", `${used.join(", ")} go(es) with --file.`);
    const missing = (
      [
        ["--email", flags.email],
        ["--given-name", flags.givenName],
        ["--family-name", flags.familyName],
        ["--role", flags.role],
      ] as const
    ).filter(([, value]) => value === undefined);
    if (missing.length > 0) {
      throw new CliError(
        "usage",
        `Missing ${missing.map(([name]) => name).join(", ")} (or pass --file to invite the users of a file).`,
      );
    }
    return;
  }
  const perUser = { "--email": flags.email, "--given-name": flags.givenName, "--family-name": flags.familyName };
  const used = Object.entries(perUser)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (used.length > 0)
    throw new CliError("usage", `${used.join(", ")} cannot be combined with --file: the file gives each user.`);
  if (flags.resume && flags.report === undefined)
    throw new CliError("usage", "--resume needs --report PATH: the report says which rows are done.");
  if (flags.file === "-" && flags.apiKeyFile === "-")
    throw new CliError("usage", "--file - and --api-key-file - cannot both read stdin.");
}
