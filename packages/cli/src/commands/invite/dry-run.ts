// --dry-run, after the names are resolved: what would be sent, and nothing is. The
// organization is the one the flags or the environment give, without asking the API. The
// text is printed row by row, so a large file's dry run holds no more than its checked rows.
import type { UserInvitation } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import { invitationOf, type ValidRow } from "../../rows/checked.js";
import type { CheckedRows } from "../../rows/checked-rows.js";
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
  const path = `/api/v1/organization/${organization}/invitation`;
  const valid = function* () {
    for (const row of rows) if (!row.problems) yield row;
  };
  if (output.options.json) {
    const requests = [...valid()].map((row) => ({ line: row.line, body: invitationOf(row) }));
    const run: DryRun = { method: "POST", path, requests, invalid: rows.invalid };
    output.document({ dry_run: run });
  } else {
    renderDryRun(output, { path, rows, valid: valid(), columns });
  }
  return rows.invalid > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `columns`: which column fills which field (a CSV header), printed before the requests. */
function renderDryRun(
  output: Output,
  run: { path: string; rows: CheckedRows; valid: Iterable<ValidRow>; columns: readonly string[] },
): void {
  if (run.columns.length > 0) {
    output.line("columns:");
    for (const line of run.columns) output.line(`  ${line}`);
  }
  const { length, invalid } = run.rows;
  output.line(`dry run: ${length - invalid} invitation(s) would be sent as POST ${run.path}; nothing was sent.`);
  // Under --quiet nothing is printed: the rows are not even made into lines.
  if (!output.options.quiet) {
    for (const row of run.valid) output.line(`  line ${row.line}  ${JSON.stringify(invitationOf(row))}`);
  }
  if (invalid > 0) output.line(`${invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
}
