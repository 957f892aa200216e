// What a run prints of its rows: each failure as it happens (with its line in a file), the
// outcome of a single invitation, and at the end a table by outcome. Under --json stdout
// holds one document `{ "summary": { … }, "results": [ …rows in input order… ] }`, written
// whole at the end (the rows wait in results-spool.ts meanwhile), so a run stopped at once
// leaves either the whole document or nothing. Rows whose outcome the report could not take
// are printed on stderr, and under --json are also the document's `unrecorded`.
import { hintFor } from "../../errors.js";
import type { Output } from "../../output/output.js";
import type { Destination, InviteRow, StopReason, Summary } from "../../rows/outcome.js";
import type { OutcomeNotes } from "../../sending/send-all.js";
import { ResultsSpool } from "./results-spool.js";

export interface RunNotes {
  stoppedBy: StopReason | null;
  /** Rows an earlier run had finished (--resume). */
  resumed: number;
  report: string | undefined;
  /** Rows whose outcome is not in the report (it could not be written). */
  unrecorded: InviteRow[];
}

export class ResultsPrinter {
  readonly #output: Output;
  /** A single invitation given by flags: its outcome is the result, not a table. */
  readonly #single: boolean;
  readonly #destination: Destination;
  #spool: ResultsSpool | undefined;

  private constructor(output: Output, single: boolean, destination: Destination) {
    this.#output = output;
    this.#single = single;
    this.#destination = destination;
  }

  static async start(output: Output, options: { single: boolean; destination: Destination }): Promise<ResultsPrinter> {
    const printer = new ResultsPrinter(output, options.single, options.destination);
    if (output.options.json) printer.#spool = await ResultsSpool.open();
    return printer;
  }

  row(row: InviteRow, how: OutcomeNotes): void {
    if (this.#spool) {
      // The rows of the document are the report's lines.
      this.#spool.add(row.line, JSON.stringify(this.#asLine(row)));
      return;
    }
    // A resumed row was done before; a repeat of the error that stopped the run says nothing new.
    if (how.resumed || how.repeat) return;
    const { out } = this.#output;
    const where = row.line === null ? "" : `line ${row.line}: `;
    if (row.status === "invited" && this.#single) {
      this.#output.line(
        `${out.green("invited")}         ${row.email} to organization ${this.#destination.organization_id}`,
      );
    } else if (row.status === "already_member" && this.#single) {
      this.#output.line(
        `${out.yellow("already member")}  ${row.email} already belongs to organization ${this.#destination.organization_id}`,
      );
    } else if (row.status === "failed") {
      const requestId = row.request_id ? ` (request id ${row.request_id})` : "";
      this.#output.error(`${where}could not invite ${row.email}: ${row.error?.message ?? "failed"}${requestId}`);
      // A request that may have been applied needs another next step than one that never left.
      const hint =
        !this.#single || !row.error ? undefined : how.outcomeUnknown ? OUTCOME_UNKNOWN_HINT : hintFor(row.error.code);
      if (hint) this.#output.hint(hint);
    } else if (row.status === "not_attempted" && this.#single) {
      this.#output.error(`did not invite ${row.email}: the run stopped before it was sent`);
    }
  }

  /** The summary, or the whole JSON document; then the temporary file is gone. */
  async end(summary: Summary, notes: RunNotes): Promise<void> {
    const lost = [...notes.unrecorded].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    printUnrecorded(this.#output, lost);
    if (this.#spool) {
      const rows = await this.#spool.drain();
      const unrecorded = lost.map((row) => JSON.stringify(this.#asLine(row)));
      // One write: a second Ctrl-C can come before it or after it, never in the middle.
      this.#output.raw(
        `{\n"summary": ${JSON.stringify(summary)},\n"results": ${jsonArray(rows)}` +
          `${unrecorded.length > 0 ? `,\n"unrecorded": ${jsonArray(unrecorded)}` : ""}\n}\n`,
      );
      return;
    }
    if (!this.#single) this.#table(summary, notes);
    if (notes.stoppedBy === "write_failed" || notes.stoppedBy === "unreachable") {
      const why =
        notes.stoppedBy === "write_failed"
          ? "its output could not be written"
          : "the API cannot be reached this way, whichever row is sent (see the error above)";
      if (!this.#single) this.#output.error(`the run stopped because ${why}; the rows after it were not sent.`);
    } else if (notes.stoppedBy === "interrupted") {
      this.#output.warn(
        "interrupted: no request was started after it; run again with --resume (and the same --report) to finish.",
      );
    } else if (notes.stoppedBy) {
      const hint = hintFor(notes.stoppedBy === "auth" ? "authentication" : "payment_required");
      if (!this.#single) {
        this.#output.error(
          `the run stopped at the first ${notes.stoppedBy === "auth" ? "401/403" : "402"}; the rows after it were not sent.`,
        );
        if (hint) this.#output.hint(hint);
      }
    }
  }

  /** Removes what the printer keeps on disk, when the run ends without its summary (an error). */
  async discard(): Promise<void> {
    await this.#spool?.discard();
  }

  /** A row as the report has it: where it was sent, and, for a row an earlier run finished, `resumed`. */
  #asLine({ resumed, ...row }: InviteRow): object {
    return { ...row, ...this.#destination, ...(resumed ? { resumed } : {}) };
  }

  #table(summary: Summary, notes: RunNotes): void {
    const { out } = this.#output;
    const rows: [string, number, (s: string) => string][] = [
      ["invited", summary.invited, out.green],
      ["already member", summary.already_member, out.yellow],
      ["invalid", summary.invalid, out.red],
      ["failed", summary.failed, out.red],
      ["not attempted", summary.not_attempted, out.dim],
    ];
    this.#output.line(`organization ${this.#destination.organization_id}`);
    for (const [name, count, paint] of rows)
      this.#output.line(`  ${paint(name.padEnd(15))} ${String(count).padStart(7)}`);
    if (notes.resumed > 0) this.#output.line(`  (${notes.resumed} of these were done by an earlier run: --resume)`);
    if (notes.report) this.#output.line(`report: ${notes.report}`);
  }
}

const OUTCOME_UNKNOWN_HINT =
  "The invitation may have been applied. Run again with --resume and the same --report: it is sent again, and a 409 then counts as done.";

function jsonArray(rows: string[]): string {
  return rows.length > 0 ? `[\n${rows.join(",\n")}\n]` : "[]";
}

/** The outcomes the report could not take, one line each on stderr: they are known nowhere else. */
function printUnrecorded(output: Output, rows: InviteRow[]): void {
  if (rows.length === 0) return;
  output.error(`${rows.length} outcome(s) are not in the report; here they are:`);
  for (const row of rows) {
    const where = row.line === null ? "" : `line ${row.line}: `;
    const status = row.http_status === null ? row.status : `${row.status} (${row.http_status})`;
    output.error(`  ${where}${row.email}: ${status}${row.error ? `: ${row.error.message}` : ""}`);
  }
  output.hint("a run with --resume and the same --report sends the rows not done again; a 409 then counts as done.");
}
