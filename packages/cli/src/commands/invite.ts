// `dcloud invite`: invites one user given by flags. The input is checked first, then the
// settings, then the organization is resolved (asking /me only when neither --org nor
// DEEPSET_CLOUD_ORGANIZATION_ID gives it), then the one invitation is sent.
import type { Command } from "commander";
import { INVITE_HELP } from "../help.js";
import { type InvitationFlags, invitationFromFlags } from "../input/invitation.js";
import { exitCodeForRows } from "../invite/row.js";
import { sendInvitation } from "../invite/send.js";
import { renderInviteRows } from "../output/invite.js";
import { resolveOrganizationId } from "../settings/organization.js";
import type { ActionFactory } from "./action.js";

interface InviteFlags extends InvitationFlags {
  org?: string;
}

export function registerInvite(program: Command, action: ActionFactory): void {
  program
    .command("invite")
    .description("invite a user to the organization")
    .requiredOption("--email <email>", "the user's email address")
    .requiredOption("--given-name <name>", "the user's given name")
    .requiredOption("--family-name <name>", "the user's family name")
    .requiredOption("--role <role>", "a default role or the name of a custom role")
    .option("--workspace-id <uuid>", "give access to this workspace (repeat for several)", collect)
    .option("--org <id>", "organization ID (default: DEEPSET_CLOUD_ORGANIZATION_ID, else the key's own)")
    .addHelpText("after", INVITE_HELP)
    .action(
      action<InviteFlags>(async ({ connect, output, env }, flags) => {
        const invitation = invitationFromFlags(flags);
        const client = await connect();
        const organization = await resolveOrganizationId({ org: flags.org, env, lookUpMe: () => client.getMe() });
        output.debug(`organization ${organization.value} (from ${organization.source})`);
        const row = await sendInvitation(client, organization.value, invitation);
        renderInviteRows(output, [row], organization.value);
        return exitCodeForRows([row]);
      }),
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
