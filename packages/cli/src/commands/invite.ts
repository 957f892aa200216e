// `dcloud invite`: one user given by flags, or many from --file (CSV or JSON Lines). The
// input is checked first, then the settings, then the organization is resolved (asking
// /me only when neither --org nor DEEPSET_CLOUD_ORGANIZATION_ID gives it), then invitations
// are sent through the client. This file defines the command; invite/invite-command.ts runs it.
import { type Command, InvalidArgumentError, Option } from "commander";
import { INVITE_HELP } from "../help.js";
import type { InviteFlags } from "../invite/invite-command.js";
import type { ActionFactory } from "./action.js";

const MAX_CONCURRENCY = 64;

export function registerInvite(program: Command, action: ActionFactory): void {
  program
    .command("invite")
    .description("invite a user to the organization, or many from a CSV or JSON Lines file")
    .option("--email <email>", "the user's email address")
    .option("--given-name <name>", "the user's given name")
    .option("--family-name <name>", "the user's family name")
    .option("--role <role>", "a default role or the name of a custom role (with --file: for rows with no role)")
    .option("--workspace-id <uuid>", "give access to this workspace; repeat for several (with --file: for rows with none)", collect)
    .option("--org <id>", "organization ID (default: DEEPSET_CLOUD_ORGANIZATION_ID, else the key's own)")
    .option("--file <path>", "invite every row of this CSV or JSON Lines (.jsonl, .ndjson) file; - reads stdin")
    .addOption(new Option("--concurrency <n>", "with --file: invitations in flight at once").default(4).argParser(concurrency))
    .option("--report <path>", "with --file: append one JSON line per row as soon as its outcome is known")
    .option("--resume", "with --report: skip rows the report already has as invited or already a member")
    .option("--dry-run", "with --file: check every row and show what would be sent; send nothing")
    .option("--skip-invalid", "with --file: invite the valid rows and report the invalid ones, instead of stopping")
    .addHelpText("after", INVITE_HELP)
    .action(
      action<InviteFlags>(async (context, flags) => {
        const { runInvite } = await import("../invite/invite-command.js");
        return runInvite(context, flags);
      }),
    );
}

function concurrency(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONCURRENCY) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
