// --dry-run, after the names are resolved: what would be sent, and nothing is. The
// organization is the one the flags or the environment give, without asking the API — except
// under --resume, where the report is read and checked as the real run checks it (so a report
// for another organization or API URL is refused), and only the rows a real run would still
// send are counted and listed. The text is printed row by row, so a large file's dry run holds
// no more than its checked rows.
import type { UserInvitation } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import { invitationOf, type ValidRow } from "../../rows/checked.js";
import type { CheckedRows } from "../../rows/checked-rows.js";
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
  const { rows, options, earlier, columns } = plan;
  const { output } = stage;
  const organization = earlier
    ? (await destinationOf(plan, stage)).destination.organization_id
    : (knownOrganizationId({ org: options.org, env: stage.env })?.value ?? "{organization_id from GET /api/v1/me}");
  const path = `/api/v1/organization/${organization}/invitation`;
  // The rows a real run would send: valid, and not finished by an earlier run (--resume).
  const done = (row: ValidRow) => earlier?.finished.has(row.email.toLowerCase()) === true;
  const toSend = function* () {
    for (const row of rows) if (!row.problems && !done(row)) yield row;
  };
  if (output.options.json) {
    const requests = [...toSend()].map((row) => ({ line: row.line, body: invitationOf(row) }));
    const run: DryRun = { method: "POST", path, requests, invalid: rows.invalid };
    output.document({ dry_run: run });
  } else {
    renderDryRun(output, { path, rows, toSend, done, columns });
  }
  return rows.invalid > 0 ? ExitCode.Failed : ExitCode.Ok;
}

/** `columns`: which column fills which field (a CSV header), printed before the requests. */
function renderDryRun(
  output: Output,
  run: {
    path: string;
    rows: CheckedRows;
    toSend: () => Iterable<ValidRow>;
    done: (row: ValidRow) => boolean;
    columns: readonly string[];
  },
): void {
  if (run.columns.length > 0) {
    output.line("columns:");
    for (const line of run.columns) output.line(`  ${line}`);
  }
  let sending = 0;
  let skipped = 0;
  for (const row of run.rows) {
    if (row.problems) continue;
    if (run.done(row)) skipped++;
    else sending++;
  }
  output.line(`dry run: ${sending} invitation(s) would be sent as POST ${run.path}; nothing was sent.`);
  if (skipped > 0) output.line(`${skipped} row(s) an earlier run finished (--resume) would be skipped.`);
  // Under --quiet nothing is printed: the rows are not even made into lines.
  if (!output.options.quiet) {
    for (const row of run.toSend()) output.line(`  line ${row.line}  ${JSON.stringify(invitationOf(row))}`);
  }
  if (run.rows.invalid > 0)
    output.line(`${run.rows.invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
}
