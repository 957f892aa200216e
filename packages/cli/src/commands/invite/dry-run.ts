// --dry-run, after the names are resolved: what would be sent, and nothing is. The
// organization is the one the flags or the environment give, without asking the API.
import type { UserInvitation } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import { invitationOf } from "../../rows/checked.js";
import { knownOrganizationId } from "../../settings/organization.js";
import type { Resolved, Stage } from "./plan.js";

interface DryRun {
  method: "POST";
  path: string;
  requests: { line: number | null; body: UserInvitation }[];
  invalid: number;
}

export function dryRun({ rows, options, columns }: Resolved, { output, env }: Stage): ExitCode {
  const organization = knownOrganizationId({ org: options.org, env })?.value ?? "{organization_id from GET /api/v1/me}";
  const requests = [];
  let invalid = 0;
  for (const row of rows) {
    if (row.problems) invalid++;
    else requests.push({ line: row.line, body: invitationOf(row) });
  }
  const run: DryRun = { method: "POST", path: `/api/v1/organization/${organization}/invitation`, requests, invalid };
  renderDryRun(output, run, columns);
  return invalid > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `columns`: which column fills which field (a CSV header), printed before the requests. */
function renderDryRun(output: Output, run: DryRun, columns: readonly string[]): void {
  if (output.options.json) {
    output.document({ dry_run: run });
    return;
  }
  if (columns.length > 0) {
    output.line("columns:");
    for (const line of columns) output.line(`  ${line}`);
  }
  output.line(
    `dry run: ${run.requests.length} invitation(s) would be sent as ${run.method} ${run.path}; nothing was sent.`,
  );
  for (const r of run.requests) output.line(`  line ${r.line}  ${JSON.stringify(r.body)}`);
  if (run.invalid > 0) output.line(`${run.invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
}
