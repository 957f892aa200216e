// confirm: where the invitations go (destination.ts: the organization at the client's API
// URL, checked against the report of an earlier run) — and, on a terminal, a file run asks
// before it sends: a person sees how many, to which organization and where, and can still say
// no. Without a terminal (a script, CI) nothing is asked; --yes skips the question.
import type { UserMe } from "@dcloud/client";
import { CliError } from "../../errors.js";
import { destinationOf } from "./destination.js";
import type { Confirmed, Resolved, Stage } from "./plan.js";

export async function confirm(plan: Resolved, stage: Stage): Promise<Confirmed> {
  const { output, runtime } = stage;
  const { options, input, earlier, rows } = plan;
  const { client: dc, destination, me } = await destinationOf(plan, stage);
  const organization = destination.organization_id;
  const ask = input.format !== "flags" && runtime.interactive && !options.yes && options.file !== "-";
  // The valid rows an earlier run has not finished.
  const people = ask
    ? rows.filter((row) => !row.problems && !earlier?.finished.has(row.email.toLowerCase())).length
    : 0;
  if (ask && people > 0) {
    const name = await organizationName(me, organization);
    const where = name ? `${name} (${organization})` : organization;
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
