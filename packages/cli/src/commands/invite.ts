// `dcloud invite`: one user given by flags, or many from --file (CSV or JSON Lines). The
// input is checked first, then the settings, then the organization is resolved (asking
// /me only when neither --org nor DEEPSET_CLOUD_ORGANIZATION_ID gives it), then invitations
// are sent through the client.
import { type Command, InvalidArgumentError, Option } from "commander";
import { CliError } from "../errors.js";
import type { ExitCode } from "../exit-codes.js";
import { INVITE_HELP } from "../help.js";
import { type InvitationFlags, invitationFromFlags } from "../input/invitation.js";
import { exitCodeForRows } from "../invite/row.js";
import { sendInvitation } from "../invite/send.js";
import { renderInviteRows } from "../output/invite.js";
import { knownOrganizationId, resolveOrganizationId } from "../settings/organization.js";
import type { ActionFactory, CommandContext } from "./action.js";
import type { GlobalFlags } from "../global-options.js";

interface InviteFlags extends Partial<InvitationFlags> {
  org?: string;
  file?: string;
  concurrency: number;
  report?: string;
  resume?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

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
        checkCombination(flags);
        return flags.file === undefined ? inviteOne(context, flags) : inviteMany(context, flags, flags.file);
      }),
    );
}

async function inviteOne(context: CommandContext, flags: InviteFlags & GlobalFlags): Promise<ExitCode> {
  const missing = (["email", "givenName", "familyName", "role"] as const).filter((name) => flags[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    throw new CliError("usage", `Missing ${names.join(", ")} (or pass --file to invite the users of a file).`);
  }
  const invitation = invitationFromFlags(flags as InvitationFlags);
  const client = await context.connect();
  const organization = await resolveOrganizationId({ org: flags.org, env: context.env, lookUpMe: () => client.getMe() });
  context.output.debug(`organization ${organization.value} (from ${organization.source})`);
  const row = await sendInvitation(client, organization.value, invitation);
  renderInviteRows(context.output, [row], organization.value);
  return exitCodeForRows([row]);
}

async function inviteMany(context: CommandContext, flags: InviteFlags & GlobalFlags, file: string): Promise<ExitCode> {
  // Loaded only for a bulk run (CSV parser, limiter, report), so other commands start faster.
  const { inviteFromFile } = await import("../invite/bulk.js");
  return inviteFromFile(
    {
      output: context.output,
      runtime: context.runtime,
      connect: context.connect,
      resolveOrganization: async (client) => {
        const organization = await resolveOrganizationId({ org: flags.org, env: context.env, lookUpMe: () => client.getMe() });
        context.output.debug(`organization ${organization.value} (from ${organization.source})`);
        return organization.value;
      },
    },
    {
      file,
      defaults: { role: flags.role, workspaceIds: flags.workspaceId },
      concurrency: flags.concurrency,
      report: flags.report,
      resume: flags.resume === true,
      dryRun: flags.dryRun === true,
      skipInvalid: flags.skipInvalid === true,
      // Known without a request: a dry run shows it, and a real run skips /me.
      organizationId: knownOrganizationId({ org: flags.org, env: context.env })?.value,
    },
  );
}

/** Flags that only make sense together, refused before anything is read or sent. */
function checkCombination(flags: InviteFlags & GlobalFlags): void {
  const fileOnly = { "--report": flags.report, "--resume": flags.resume, "--dry-run": flags.dryRun, "--skip-invalid": flags.skipInvalid };
  if (flags.file === undefined) {
    const used = Object.entries(fileOnly).filter(([, value]) => value !== undefined).map(([name]) => name);
    if (used.length > 0) throw new CliError("usage", `${used.join(", ")} go(es) with --file.`);
    return;
  }
  const perUser = { "--email": flags.email, "--given-name": flags.givenName, "--family-name": flags.familyName };
  const used = Object.entries(perUser).filter(([, value]) => value !== undefined).map(([name]) => name);
  if (used.length > 0) throw new CliError("usage", `${used.join(", ")} cannot be combined with --file: the file gives each user.`);
  if (flags.resume && flags.report === undefined) throw new CliError("usage", "--resume needs --report PATH: the report says which rows are done.");
  if (flags.file === "-" && flags.apiKeyFile === "-") throw new CliError("usage", "--file - and --api-key-file - cannot both read stdin.");
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
