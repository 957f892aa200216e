// What a bulk run prints: the problems validation found (each with its line and field), a
// warning per unknown column, failures as they happen, and at the end a table by outcome.
// Under --json stdout holds one document `{ "results": [ …rows… ], "summary": { … } }`,
// written as the rows come so that it needs no memory per row.
import type { Problem } from "../input/bulk/validate-rows.js";
import { FIELDS } from "../input/rules.js";
import type { InviteRow, Summary } from "../invite/row.js";
import { hintFor } from "./hints.js";
import type { Output } from "./output.js";

export function renderProblems(output: Output, problems: readonly Problem[], label: string): void {
  for (const p of problems) output.error(`${label} line ${p.line}${p.field ? `, ${p.field}` : ""}: ${p.message}`);
}

export function renderUnknownFields(output: Output, unknown: ReadonlyMap<string, number>, label: string): void {
  for (const [name, line] of unknown) {
    output.warn(`${label}: "${name}" (first on line ${line}) is not an invitation field (${FIELDS.join(", ")}); it is ignored.`);
  }
}

/** Rows on stdout as a stream inside the one JSON document; nothing on stdout otherwise until the end. */
export class BulkResults {
  #first = true;

  constructor(private readonly output: Output) {
    if (output.options.json) output.raw('{\n"results": [');
  }

  row(row: InviteRow, how: { resumed: boolean }): void {
    if (this.output.options.json) {
      this.output.raw(`${this.#first ? "\n" : ",\n"}${JSON.stringify(row)}`);
      this.#first = false;
      return;
    }
    if (row.status === "failed" && !how.resumed) {
      const requestId = row.request_id ? ` (request id ${row.request_id})` : "";
      this.output.error(`line ${row.line}: could not invite ${row.email}: ${row.error?.message ?? "failed"}${requestId}`);
    }
  }

  end(summary: Summary, notes: { organizationId: string; stoppedBy: string | null; resumed: number; report?: string | undefined }): void {
    if (this.output.options.json) {
      this.output.raw(`\n],\n"summary": ${JSON.stringify(summary)}\n}\n`);
      return;
    }
    const { out } = this.output;
    const rows: [string, number, (s: string) => string][] = [
      ["invited", summary.invited, out.green],
      ["already member", summary.already_member, out.yellow],
      ["invalid", summary.invalid, out.red],
      ["failed", summary.failed, out.red],
      ["not attempted", summary.not_attempted, out.dim],
    ];
    this.output.line(`organization ${notes.organizationId}`);
    for (const [name, count, paint] of rows) this.output.line(`  ${paint(name.padEnd(15))} ${String(count).padStart(7)}`);
    if (notes.resumed > 0) this.output.line(`  (${notes.resumed} of these were done by an earlier run: --resume)`);
    if (notes.report) this.output.line(`report: ${notes.report}`);
    if (notes.stoppedBy === "interrupted") this.output.warn("interrupted: no new invitation was sent after Ctrl-C; run again with --resume to finish.");
    else if (notes.stoppedBy) {
      const hint = hintFor(notes.stoppedBy === "auth" ? "authentication" : "payment_required");
      this.output.error(`the run stopped at the first ${notes.stoppedBy === "auth" ? "401/403" : "402"}; the rows after it were not sent.`);
      if (hint) this.output.hint(hint);
    }
  }
}
