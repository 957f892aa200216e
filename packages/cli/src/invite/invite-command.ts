// What `dcloud invite` does once its flags are parsed: one user from the flags, or the rows
// of --file. Loaded only when the command runs.
import { CliError } from "../errors.js";
import type { ExitCode } from "../exit-codes.js";
import type { GlobalFlags } from "../global-options.js";
import { type InvitationFlags, invitationFromFlags } from "../input/invitation.js";
import { renderInviteRows } from "../output/invite.js";
import { knownOrganizationId, resolveOrganizationId } from "../settings/organization.js";
import type { CommandContext } from "../commands/action.js";
import { exitCodeForRows } from "./row.js";
import { sendInvitation } from "./send.js";

export interface InviteFlags extends Partial<InvitationFlags> {
  org?: string;
  file?: string;
  concurrency: number;
  report?: string;
  resume?: boolean;
  dryRun?: boolean;
  skipInvalid?: boolean;
}

export async function runInvite(context: CommandContext, flags: InviteFlags & GlobalFlags): Promise<ExitCode> {
  checkCombination(flags);
  return flags.file === undefined ? inviteOne(context, flags) : inviteMany(context, flags, flags.file);
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
  const { inviteFromFile } = await import("./bulk.js");
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
