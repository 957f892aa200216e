// `dcloud invite`: one user given by flags, or many from --file (CSV or JSON Lines). This
// file declares the command (its flags, help text and examples); run.ts runs it.

import { Option } from "@commander-js/extra-typings";
import { helpText } from "../command.js";
import { collect, type Program, single, wholeNumber } from "../options.js";
import { DEFAULT_CONCURRENCY } from "./concurrency.js";

const MAX_CONCURRENCY = 64;

const EXAMPLES = `
Examples:
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role admin
  $ dcloud invite --email jane@example.com --given-name Jane --family-name Doe --role member \\
      --workspace marketing --workspace-id 9b2d1e0c-4f7a-4c3e-8d51-0a6b2c7e9f10
  $ dcloud invite --org 0f1e2d3c-... --email jane@example.com --given-name Jane --family-name Doe --role admin --json
  $ dcloud invite --file people.csv --role member --report invites.jsonl
  $ dcloud invite --file people.csv --role member --report invites.jsonl --resume
  $ dcloud invite --file people.jsonl --dry-run
  $ dcloud invite --file hr-export.csv --encoding windows-1252 --column email="Work Email" --dry-run
  $ hr-export | dcloud invite --file - --role member --concurrency 8 --json > result.json

--file takes CSV with a header row naming the columns email, given_name, family_name, role,
workspace_ids and workspaces (any case; delimiter , or ; or tab; workspace_ids and workspaces
separated by ";"), or JSON Lines (.jsonl, .ndjson) with the same fields (lists as arrays).
Common spellings are understood (First Name, Last Name, Surname, E-mail, Email Address, …);
--column FIELD=HEADER maps any other. The file is UTF-8 (or UTF-16 by BOM) unless --encoding
names another; Excel's CSV on Windows is usually windows-1252. --file <(command) and named
pipes are read like standard input.
The role is sent as typed: a default role (admin, member, …) or a custom role's name.
Workspaces given by name are resolved with \`dcloud workspaces\`'s list, once per run.
Every row is checked before the first request; any invalid row stops the run with exit 2
and nothing sent, unless --skip-invalid. On a terminal a file run asks before sending
(--yes skips the question). A 402 or 401/403 stops a run; Ctrl-C lets the requests in flight
finish (up to 5 s) and exits 130; --resume then skips the rows the report has as done.

A user who is already a member is not an error (exit 0), so a re-run is safe.
`;

export function declareInvite(program: Program) {
  return program
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
        "--encoding <label>",
        "with --file: the file's encoding, a WHATWG label such as windows-1252, latin1 or utf-16le (default: UTF-8, or UTF-16 by BOM)",
      ).argParser(single("--encoding")),
    )
    .option(
      "--column <field=header>",
      "with --file: fill FIELD from the column named HEADER, e.g. --column email=Work Email; repeat for several",
      collect,
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
    .addOption(
      new Option(
        "--failed-rows <path>",
        "with --file: when the run ends, write the rows not done (invalid, failed, not attempted) as a CSV that --file takes back",
      ).argParser(single("--failed-rows")),
    )
    .option("--resume", "with --report: skip rows the report already has as invited or already a member")
    .option("--dry-run", "with --file: check every row and show what would be sent; send nothing")
    .option("--skip-invalid", "with --file: invite the valid rows and report the invalid ones, instead of stopping")
    .option("--yes", "do not ask before sending a file's rows (nothing is asked without a terminal anyway)")
    .addHelpText("after", helpText(EXAMPLES));
}

export type InviteDeclared = ReturnType<typeof declareInvite>;
