// Sends the valid rows through the client at most `concurrency` at a time (p-limit), and
// gives every row of the input an outcome — sent, invalid, done by an earlier run (resume),
// or not attempted because the run stopped first (a 401/403, a 402, a failure no row can
// mend, a signal, a write that failed). At most twice `concurrency` rows wait for a free slot
// at once.
import type { DeepsetCloud } from "@dcloud/client";
import pLimit from "p-limit";
import { escapeControl } from "../output/escape.js";
import type { CheckedRow } from "../rows/checked.js";
import type { InviteRow, StopReason } from "../rows/outcome.js";
import type { Interruption } from "./interruption.js";
import { sendRow } from "./send-row.js";

export interface SendAll {
  client: DeepsetCloud;
  organizationId: string;
  concurrency: number;
  /** The checked rows of the input, in input order. */
  rows: Iterable<CheckedRow>;
  /** Rows an earlier run finished (--resume), by lower-cased email. */
  finished: ReadonlyMap<string, InviteRow>;
  interruption: Interruption;
  /** Receives each row's outcome as soon as it is known (report line, output, progress). */
  onOutcome(row: InviteRow, how: OutcomeNotes): void;
}

export interface OutcomeNotes {
  /** Done by an earlier run (--resume): the row has its line in the report already. */
  resumed: boolean;
  /** Failed the way an earlier row that stopped the run did: that row's error said it all. */
  repeat?: boolean;
  /** Sent, but no whole answer came: it may have been applied. */
  outcomeUnknown?: boolean;
}

export async function sendAll(run: SendAll): Promise<{ stoppedBy: StopReason | null }> {
  const limit = pLimit(run.concurrency);
  // Rows handed to the limiter and not yet finished; the reader waits while there are many.
  let pending = 0;
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  let failure: { error: unknown } | undefined;
  let stoppedBy: StopReason | null = null;
  const stopped = (): StopReason | null => {
    if (stoppedBy) return stoppedBy;
    if (!run.interruption.requested) return null;
    return run.interruption.cause === "signal" ? "interrupted" : "write_failed";
  };
  const notAttempted = (line: number | null, email: string): InviteRow => ({
    line,
    email,
    status: "not_attempted",
    http_status: null,
    attempts: 0,
    request_id: null,
    error: null,
  });

  for (const row of run.rows) {
    if (row.problems) {
      const message = row.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; ");
      run.onOutcome(
        {
          line: row.line,
          // As typed, never blank: the person reading the report must know which row it was.
          email: row.email ?? escapeControl(row.typed.email),
          status: "invalid",
          http_status: null,
          attempts: 0,
          request_id: null,
          error: { code: "invalid_input", status: null, message },
        },
        { resumed: false },
      );
      continue;
    }
    const earlier = run.finished.get(row.email.toLowerCase());
    if (earlier) {
      // The outcome is the report's; the line and spelling are this input's.
      run.onOutcome({ ...earlier, line: row.line, email: row.email, resumed: true }, { resumed: true });
      continue;
    }
    if (stopped()) {
      run.onOutcome(notAttempted(row.line, row.email), { resumed: false });
      continue;
    }
    const task = limit(async () => {
      // The run may have stopped while this row waited for a free slot.
      if (stopped()) return run.onOutcome(notAttempted(row.line, row.email), { resumed: false });
      const sent = await sendRow(run.client, run.organizationId, row, run.interruption);
      const repeat = sent.stop !== null && stoppedBy !== null;
      stoppedBy ??= sent.stop;
      run.onOutcome(sent.row, { resumed: false, repeat, outcomeUnknown: sent.outcomeUnknown });
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
    // Backpressure: hand on rows only while few wait, so the waiting tasks do not grow with the file.
    if (pending >= run.concurrency * 2) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  if (pending > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (failure) throw failure.error;
  return { stoppedBy: stopped() };
}
