// Renders a run's rows: under --json one document `{ summary, results }`; otherwise a
// line per row on stdout, and each failure with its request id on stderr.
import { summarize, type InviteRow } from "../invite/row.js";
import { hintFor } from "./hints.js";
import type { Output } from "./output.js";

export function renderInviteRows(output: Output, rows: readonly InviteRow[], organizationId: string): void {
  for (const row of rows) renderRow(output, row, organizationId);
  if (output.options.json) output.document({ summary: summarize(rows), results: rows });
}

function renderRow(output: Output, row: InviteRow, organizationId: string): void {
  const { out } = output;
  switch (row.status) {
    case "invited":
      output.line(`${out.green("invited")}         ${row.email} to organization ${organizationId}`);
      return;
    case "already_member":
      output.line(`${out.yellow("already member")}  ${row.email} already belongs to organization ${organizationId}`);
      return;
    default: {
      const requestId = row.request_id ? ` (request id ${row.request_id})` : "";
      output.error(`could not invite ${row.email}: ${row.error?.message ?? row.status}${requestId}`);
      const hint = row.error ? hintFor(row.error.code) : undefined;
      if (hint) output.hint(hint);
    }
  }
}
