// send: the valid rows go out through the client; each row's outcome, as soon as it is
// known, goes to the report (--report), the printer and the progress line. From here on an
// interrupt lets the requests in flight settle, and a forced exit writes the report's last
// lines first. A report line or stdout that cannot be written stops the run the same way:
// nothing new starts, the requests in flight settle, and the outcomes the report could not
// take are handed on to be printed.
import { startProgress } from "../../output/progress.js";
import { ReportWriter } from "../../report/report.js";
import { emptySummary } from "../../rows/outcome.js";
import { sendAll } from "../../sending/send-all.js";
import { type NotDone, noteNotDone } from "./failed-rows.js";
import type { Confirmed, Sent, Stage } from "./plan.js";
import { ResultsPrinter } from "./results.js";

export async function send(plan: Confirmed, { output, runtime, interruption }: Stage): Promise<Sent> {
  const { options, input, rows, client, destination, earlier } = plan;
  const report = options.report
    ? ReportWriter.open(options.report, destination, {
        onFailure(failure) {
          output.error(`${failure.message}; the run stops: no new request starts, those in flight settle.`);
          interruption.request(undefined, "report_failed");
        },
      })
    : undefined;
  output.onFailure((failure) => {
    if (failure.stream === "stdout") interruption.request(undefined, "stdout_failed");
  });
  interruption.startSending(() => report?.flush());
  const printer = await ResultsPrinter.start(output, {
    single: input.format === "flags",
    destination,
    organization: plan.organizationLabel,
  });
  const notDone: NotDone = new Map();
  const progress = await startProgress(output, runtime.stderr, {
    total: rows.length,
    pausedUntil: () => client.rateLimitedUntil,
  });
  const summary = emptySummary();
  let resumed = 0;
  try {
    const { stoppedBy } = await sendAll({
      client,
      organizationId: destination.organization_id,
      concurrency: options.concurrency,
      rows,
      finished: earlier?.finished ?? new Map(),
      interruption,
      onOutcome(row, how) {
        // A row an earlier run finished already has its line in the report.
        if (how.resumed) resumed++;
        else report?.write(row);
        summary[row.status]++;
        if (options.failedRows) noteNotDone(notDone, row);
        printer.row(row, how);
        progress.tick(summary);
      },
    });
    // The report's last lines: a failure here still leaves them to be printed.
    report?.close();
    const failure = report?.failure;
    return {
      ...plan,
      summary,
      stoppedBy,
      resumed,
      printer,
      notDone,
      unrecorded: failure?.unwritten ?? [],
      reportFailed: !!failure,
    };
  } catch (error) {
    await printer.discard();
    throw error;
  } finally {
    // The progress line is cleared before anything else is printed.
    progress.stop();
    report?.close();
  }
}
