// What a run prints of its rows: each failure as it happens (with its line in a file), the
// outcome of a single invitation, and at the end a table by outcome. Under --json stdout
// holds one document `{ "summary": { … }, "results": [ …rows in input order… ] }`, written
// whole at the end (the rows wait in results-spool.ts meanwhile), so a run stopped at once
// leaves either the whole document or nothing. Rows whose outcome the report could not take
// are printed on stderr, and under --json are also the document's `unrecorded`.
import { type ErrorCode, hintFor } from "../../errors.js";
import type { Output } from "../../output/output.js";
import { type Destination, type InviteRow, type StopReason, type Summary, stopReasonOf } from "../../rows/outcome.js";
import type { OutcomeNotes } from "../../sending/send-all.js";
import { ResultsSpool } from "./results-spool.js";

export interface RunNotes {
  stoppedBy: StopReason | null;
  /** Rows an earlier run had finished (--resume). */
  resumed: number;
  report: string | undefined;
  /** --failed-rows: where the rows not done were written. */
  failedRows: string | undefined;
  /** Rows whose outcome is not in the report (it could not be written). */
  unrecorded: InviteRow[];
}

export class ResultsPrinter {
  readonly #output: Output;
  /** A single invitation given by flags: its outcome is the result, not a table. */
  readonly #single: boolean;
  readonly #destination: Destination;
  /** How the organization is named: its name and ID when known, else the ID. */
  readonly #organization: string;
  /** The error code of the row whose 401/403/402 stopped the run, for its hint. */
  #stopCode: ErrorCode | undefined;
  #spool: ResultsSpool | undefined;

  private constructor(output: Output, single: boolean, destination: Destination, organization: string) {
    this.#output = output;
    this.#single = single;
    this.#destination = destination;
    this.#organization = organization;
  }

  static async start(
    output: Output,
    options: { single: boolean; destination: Destination; organization: string },
  ): Promise<ResultsPrinter> {
    const printer = new ResultsPrinter(output, options.single, options.destination, options.organization);
    if (output.options.json) printer.#spool = await ResultsSpool.open();
    return printer;
  }

  row(row: InviteRow, how: OutcomeNotes): void {
    if (row.error && stopReasonOf(row)) this.#stopCode ??= row.error.code;
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
      this.#output.line(`${out.green("invited")}         ${row.email} to organization ${this.#organization}`);
    } else if (row.status === "already_member" && this.#single) {
      this.#output.line(
        `${out.yellow("already member")}  ${row.email} already belongs to organization ${this.#organization}`,
      );
    }
    if (row.status === "already_member" && row.note) {
      this.#output.warn(`${where}${row.email}: ${row.note}`);
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
    if (!this.#single) {
      this.#table(summary, notes);
      this.#rerunHint(summary, notes);
    }
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
      const code = this.#stopCode ?? (notes.stoppedBy === "auth" ? "authentication" : "payment_required");
      const hint = hintFor(code);
      if (!this.#single) {
        const status = { permission_denied: "403", authentication: "401", payment_required: "402" }[code as string];
        this.#output.error(`the run stopped at the first ${status ?? "401/403"}; the rows after it were not sent.`);
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
    this.#output.line(`organization ${this.#organization}`);
    for (const [name, count, paint] of rows)
      this.#output.line(`  ${paint(name.padEnd(15))} ${String(count).padStart(7)}`);
    if (notes.resumed > 0) this.#output.line(`  (${notes.resumed} of these were done by an earlier run: --resume)`);
    if (notes.report) this.#output.line(`report: ${notes.report}`);
    if (notes.failedRows) this.#output.line(`rows not done: ${notes.failedRows}`);
  }

  /** After failures: how to run again just the rows that are not done. */
  #rerunHint(summary: Summary, notes: RunNotes): void {
    const notDone = summary.invalid + summary.failed + summary.not_attempted;
    if (notDone === 0) return;
    const rows = `${notDone} ${notDone === 1 ? "row" : "rows"}`;
    if (notes.failedRows) {
      this.#output.hint(
        `the ${rows} not done are in ${notes.failedRows}: fix them, then run just those with ` +
          `dcloud invite --file ${notes.failedRows} (and the same options).`,
      );
      return;
    }
    const resume = notes.report
      ? `run again with --resume and the same --report to send only the rows not done`
      : "or pass --report PATH and later --resume to send only the rows not done";
    this.#output.hint(
      `to run just the ${rows} not done, pass --failed-rows PATH: it writes them as a CSV that ` +
        `dcloud invite --file takes back; ${notes.report ? `or ${resume}` : resume}.`,
    );
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
