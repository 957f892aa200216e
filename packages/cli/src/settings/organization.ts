// Which organization to act on, first found wins: --org, env
// DEEPSET_CLOUD_ORGANIZATION_ID, then the API key's own organization from GET /api/v1/me.
// The lookup is passed in, so this module makes no request itself and /me is only
// called when neither of the first two is given.
import type { UserMe } from "@dcloud/client";
import { CliError } from "../errors.js";
import { present, type Setting } from "./setting.js";

/** The organization when --org or the environment gives it, without a request; else undefined. */
export function knownOrganizationId({ org, env }: Omit<OrganizationSources, "lookUpMe">): Setting<string> | undefined {
  if (org !== undefined) {
    const value = present(org);
    if (!value) throw new CliError("usage", "--org must not be empty.");
    return checkOrganizationId({ value, source: "--org" });
  }
  const fromEnv = present(env.DEEPSET_CLOUD_ORGANIZATION_ID);
  return fromEnv ? checkOrganizationId({ value: fromEnv, source: "env DEEPSET_CLOUD_ORGANIZATION_ID" }) : undefined;
}

/**
 * Refuses, as one usage error (exit 2), an organization given by --org or the environment
 * that can never be sent: empty, `.` or `..` (a URL reads those as "this folder" and "the
 * one above", so every request would miss). A run calls this before anything else, so such
 * a value fails once, not once per row.
 */
export function checkOrganizationOptions(sources: Omit<OrganizationSources, "lookUpMe">): void {
  knownOrganizationId(sources);
}

function checkOrganizationId(setting: Setting<string>): Setting<string> {
  if (setting.value === "." || setting.value === "..") {
    throw new CliError(
      "usage",
      `${setting.source} is ${JSON.stringify(setting.value)}, which is not an organization ID; give the ID \`dcloud whoami\` shows.`,
    );
  }
  return setting;
}

export interface OrganizationSources {
  org: string | undefined;
  env: NodeJS.ProcessEnv;
  lookUpMe: () => Promise<UserMe>;
}

export async function resolveOrganizationId({ org, env, lookUpMe }: OrganizationSources): Promise<Setting<string>> {
  const known = knownOrganizationId({ org, env });
  if (known) return known;
  const me = await lookUpMe();
  const fromMe = me?.organization?.organization_id;
  if (typeof fromMe !== "string" || fromMe === "") {
    throw new CliError("api_error", "GET /api/v1/me returned no organization.organization_id; pass --org ID.");
  }
  return { value: fromMe, source: "GET /api/v1/me" };
}
