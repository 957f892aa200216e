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
  const { client: dc, destination, me, meAsked } = await destinationOf(plan, stage);
  const organization = destination.organization_id;
  // A single invitation asks nothing (--yes is accepted there, doing nothing). When stdin
  // carries the file, the answer is read from the terminal itself.
  const ask = input.format !== "flags" && runtime.interactive && !options.yes;
  // The valid rows an earlier run has not finished.
  const people = ask ? rows.count((row) => !row.problems && !earlier?.finished.has(row.email.toLowerCase())) : 0;
  // Text output names the organization by its name with its ID when /me gives it — asked
  // for the question, or for the organization itself; never one request more just for that.
  const named = (ask && people > 0) || (meAsked() && !output.options.json && !output.options.quiet);
  const name = named ? await organizationName(me, organization) : undefined;
  const organizationLabel = name ? `${name} (${organization})` : organization;
  if (ask && people > 0) {
    output.ask(
      `Invite ${people} ${people === 1 ? "person" : "people"} to ${organizationLabel} at ${dc.baseUrl}? [y/N] `,
    );
    const answer = await runtime.readAnswer();
    // Ctrl-D ends the input without ending the line on the screen.
    if (answer === undefined) output.endPrompt();
    const yes = answer?.trim().toLowerCase();
    if (yes !== "y" && yes !== "yes") throw new CliError("declined", "Not confirmed; nothing was sent.");
  }
  return { ...plan, client: dc, destination, organizationLabel };
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
