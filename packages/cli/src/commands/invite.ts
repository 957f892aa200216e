// `dcloud invite`: one user given by flags, or many from --file (CSV or JSON Lines). This
// file declares the command; handlers/invite.ts runs it.
import { type Command, Option } from "commander";
import { collect, single, wholeNumber } from "../global-options.js";
import { INVITE_HELP } from "../help.js";
import type { Act } from "./declare.js";

const MAX_CONCURRENCY = 64;
export const DEFAULT_CONCURRENCY = 4;

export function registerInvite(program: Command, action: Act): void {
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
    .action(action("invite"));
}
