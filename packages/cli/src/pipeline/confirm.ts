// On a terminal, a file run asks before it sends: a person sees how many, to which
// organization and where, and can still say no. Without a terminal (a script, CI) nothing
// is asked; --yes skips the question.
import { CliError } from "../errors.js";
import type { Output } from "../output/output.js";
import type { Runtime } from "../runtime.js";

export interface Question {
  people: number;
  organizationId: string;
  organizationName: string | undefined;
  apiUrl: string;
}

export async function confirmSend(output: Output, runtime: Runtime, question: Question): Promise<void> {
  const organization = question.organizationName
    ? `${question.organizationName} (${question.organizationId})`
    : question.organizationId;
  output.ask(
    `Invite ${question.people} ${question.people === 1 ? "person" : "people"} to ${organization} at ${question.apiUrl}? [y/N] `,
  );
  const answer = (await runtime.readAnswer()).trim().toLowerCase();
  if (answer !== "y" && answer !== "yes") throw new CliError("declined", "Not confirmed; nothing was sent.");
}
