// The invitation built from `dcloud invite`'s flags, checked before anything is sent so a
// typo costs no request (and no /me lookup). The server remains the judge of what
// it accepts; these checks only catch what can never succeed.
import type { UserInvitation } from "@dcloud/client";
import { CliError } from "../errors.js";
import { EMAIL, UUID } from "./rules.js";

export interface InvitationFlags {
  email: string;
  givenName: string;
  familyName: string;
  role: string;
  workspaceId?: string[] | undefined;
}

export function invitationFromFlags(flags: InvitationFlags): UserInvitation {
  const problems: string[] = [];
  const text = (flag: string, value: string) => {
    const trimmed = value.trim();
    if (!trimmed) problems.push(`${flag} must not be empty`);
    return trimmed;
  };
  const email = text("--email", flags.email);
  const given_name = text("--given-name", flags.givenName);
  const family_name = text("--family-name", flags.familyName);
  const role = text("--role", flags.role);
  if (email && !EMAIL.test(email)) problems.push(`--email "${email}" is not an email address`);
  const workspace_ids = (flags.workspaceId ?? []).map((id) => id.trim());
  for (const id of workspace_ids) {
    if (!UUID.test(id)) problems.push(`--workspace-id "${id}" is not a UUID`);
  }
  if (problems.length > 0) throw new CliError("invalid_input", `Invalid input: ${problems.join("; ")}.`);
  // Without --workspace-id the field is left out and the server applies its default ([]).
  return { email, given_name, family_name, role, ...(workspace_ids.length > 0 ? { workspace_ids } : {}) };
}
