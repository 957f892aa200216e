// --dry-run, after the names are resolved: what would be sent, and nothing is. The
// organization is the one the flags or the environment give, without asking the API — except
// under --resume, where the report is read and checked as the real run checks it (so a report
// for another organization or API URL is refused), and only the rows a real run would still
// send are counted and listed.
import type { UserInvitation } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import { invitationOf } from "../../rows/checked.js";
import { knownOrganizationId } from "../../settings/organization.js";
import { destinationOf } from "./destination.js";
import type { Resolved, Stage } from "./plan.js";

interface DryRun {
  method: "POST";
  path: string;
  requests: { line: number | null; body: UserInvitation }[];
  invalid: number;
}

export async function dryRun(plan: Resolved, stage: Stage): Promise<ExitCode> {
  const { rows, options, earlier } = plan;
  const organization = earlier
    ? (await destinationOf(plan, stage)).destination.organization_id
    : (knownOrganizationId({ org: options.org, env: stage.env })?.value ?? "{organization_id from GET /api/v1/me}");
  const requests = [];
  let invalid = 0;
  let done = 0;
  for (const row of rows) {
    if (row.problems) invalid++;
    else if (earlier?.finished.has(row.email.toLowerCase())) done++;
    else requests.push({ line: row.line, body: invitationOf(row) });
  }
  const run: DryRun = { method: "POST", path: `/api/v1/organization/${organization}/invitation`, requests, invalid };
  renderDryRun(stage.output, run, done);
  return invalid > 0 ? ExitCode.Failed : ExitCode.Ok;
}

function renderDryRun(output: Output, run: DryRun, done: number): void {
  if (output.options.json) {
    output.document({ dry_run: run });
    return;
  }
  output.line(
    `dry run: ${run.requests.length} invitation(s) would be sent as ${run.method} ${run.path}; nothing was sent.`,
  );
  if (done > 0) output.line(`${done} row(s) an earlier run finished (--resume) would be skipped.`);
  for (const r of run.requests) output.line(`  line ${r.line}  ${JSON.stringify(r.body)}`);
  if (run.invalid > 0) output.line(`${run.invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
}
