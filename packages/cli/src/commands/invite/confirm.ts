// confirm: where the invitations go — the organization (--org, the environment, else the
// key's own from GET /api/v1/me) at the client's API URL, checked against the report of an
// earlier run — and, on a terminal, a file run asks before it sends: a person sees how many,
// to which organization and where, and can still say no. Without a terminal (a script, CI)
// nothing is asked; --yes skips the question.
import type { UserMe } from "@dcloud/client";
import { CliError } from "../../errors.js";
import { checkSameDestination } from "../../report/report.js";
import type { Destination } from "../../rows/outcome.js";
import { resolveOrganizationId } from "../../settings/organization.js";
import { once } from "../../util/once.js";
import type { Confirmed, Resolved, Stage } from "./plan.js";

export async function confirm(plan: Resolved, { output, runtime, env, client }: Stage): Promise<Confirmed> {
  const { options, input, earlier, rows } = plan;
  const dc = await client();
  const me = once(() => dc.getMe());
  const organization = await resolveOrganizationId({ org: options.org, env, lookUpMe: me });
  output.debug(`organization ${organization.value} (from ${organization.source})`);
  const destination: Destination = { organization_id: organization.value, api_url: dc.baseUrl };
  if (earlier && options.report) {
    checkSameDestination(options.report, earlier, destination);
    if (earlier.unreadable > 0) {
      output.warn(
        `${options.report}: ${earlier.unreadable} line(s) are not JSON (a torn end of a killed run?); they are ignored.`,
      );
    }
  }
  const ask = input.format !== "flags" && runtime.interactive && !options.yes && options.file !== "-";
  // The valid rows an earlier run has not finished.
  const people = ask ? rows.count((row) => !row.problems && !earlier?.finished.has(row.email.toLowerCase())) : 0;
  if (ask && people > 0) {
    const name = await organizationName(me, organization.value);
    const where = name ? `${name} (${organization.value})` : organization.value;
    output.ask(`Invite ${people} ${people === 1 ? "person" : "people"} to ${where} at ${dc.baseUrl}? [y/N] `);
    const answer = (await runtime.readAnswer()).trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") throw new CliError("declined", "Not confirmed; nothing was sent.");
  }
  return { ...plan, client: dc, destination };
}

/** The organization's name, when /me is about the same organization; a failed lookup only costs the name. */
async function organizationName(me: () => Promise<UserMe>, organizationId: string): Promise<string | undefined> {
  try {
    const { organization } = await me();
    return organization?.organization_id === organizationId ? organization.name : undefined;
  } catch {
    return undefined;
  }
}
