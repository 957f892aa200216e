// A bulk run: sends the valid rows through the client at most `concurrency` at a time
// (p-limit), and gives every row of the input an outcome — sent, invalid, done by an
// earlier run (resume), or not attempted because the run stopped first. The rows come as a
// stream and at most twice `concurrency` of them wait in memory at once.
import type { DeepsetCloud } from "@dcloud/client";
import pLimit from "p-limit";
import { describeError } from "../errors.js";
import type { CheckedRow } from "../input/bulk/validate-rows.js";
import { type InviteRow, type StopReason, stopReasonOf } from "./row.js";
import { sendInvitation } from "./send.js";

export interface BulkRun {
  client: DeepsetCloud;
  organizationId: string;
  concurrency: number;
  /** The checked rows of the input, in file order. */
  rows: AsyncIterable<CheckedRow>;
  /** Rows an earlier run finished (--resume), by lower-cased email. */
  finished: ReadonlyMap<string, InviteRow>;
  /** Receives each row's outcome as soon as it is known (report line, output, progress). */
  onOutcome(row: InviteRow, how: { resumed: boolean }): void;
  /** True once the user asked to stop (SIGINT): no new request starts after that. */
  interrupted(): boolean;
}

export async function runBulk(run: BulkRun): Promise<{ stoppedBy: StopReason | null }> {
  const limit = pLimit(run.concurrency);
  // Rows handed to the limiter and not yet finished; the reader waits while there are many.
  let pending = 0;
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let stoppedBy: StopReason | null = null;
  const stopped = () => stoppedBy ?? (run.interrupted() ? "interrupted" : null);

  const notAttempted = (line: number, email: string): InviteRow => ({
    line,
    email,
    status: "not_attempted",
    http_status: null,
    attempts: 0,
    request_id: null,
    error: null,
  });

  for await (const row of run.rows) {
    if (row.problems) {
      run.onOutcome(
        {
          line: row.line,
          email: row.email ?? "",
          status: "invalid",
          http_status: null,
          attempts: 0,
          request_id: null,
          error: {
            code: "invalid_input",
            status: null,
            message: row.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; "),
          },
        },
        { resumed: false },
      );
      continue;
    }
    const earlier = run.finished.get(row.email.toLowerCase());
    if (earlier) {
      run.onOutcome(earlier, { resumed: true });
      continue;
    }
    if (stopped()) {
      run.onOutcome(notAttempted(row.line, row.email), { resumed: false });
      continue;
    }
    const task = limit(async () => {
      // The run may have stopped while this row waited for a free slot.
      if (stopped()) return run.onOutcome(notAttempted(row.line, row.email), { resumed: false });
      let outcome: InviteRow;
      try {
        outcome = await sendInvitation(run.client, run.organizationId, row.invitation, row.line);
      } catch (error) {
        // Something the client refused to send (e.g. its own validation): this row failed, the run goes on.
        const report = describeError(error);
        outcome = { ...notAttempted(row.line, row.email), status: "failed", error: report };
      }
      stoppedBy ??= stopReasonOf(outcome);
      run.onOutcome(outcome, { resumed: false });
    });
    pending++;
    const settled = () => {
      pending--;
      wake?.();
      if (pending === 0) drained?.();
    };
    // A row's own failures become its outcome; this catches what is left (the report cannot
    // be written, say), so the run ends with that error once the rows in flight settle.
    void task.then(settled, (error: unknown) => {
      failure ??= { error };
      settled();
    });
    // Backpressure: read on only while few rows wait, so memory does not grow with the file.
    if (pending >= run.concurrency * 2) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  if (pending > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (failure) throw failure.error;
  return { stoppedBy: stopped() };
}
