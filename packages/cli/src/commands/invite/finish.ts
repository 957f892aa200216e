// finish: the rows not done (--failed-rows), the summary (or the whole --json document), and
// the run's exit code: 130 when a signal stopped the run; 1 when a report line or stdout could
// not be written (the outcomes the report lacks are printed); otherwise as the rows' outcomes
// say.
import { ExitCode } from "../../exit-codes.js";
import { exitCodeForRun } from "../../rows/outcome.js";
import { writeFailedRows } from "./failed-rows.js";
import type { Sent, Stage } from "./plan.js";

export async function finish(sent: Sent, { output }: Stage): Promise<ExitCode> {
  const { printer, summary, stoppedBy, resumed, options, rows, notDone, unrecorded, reportFailed } = sent;
  if (options.failedRows) writeFailedRows(options.failedRows, rows, notDone);
  await printer.end(summary, {
    stoppedBy,
    resumed,
    report: options.report,
    failedRows: options.failedRows,
    unrecorded,
  });
  if (stoppedBy === "interrupted") return ExitCode.Interrupted;
  if (reportFailed || output.failure?.stream === "stdout") return ExitCode.Failed;
  return exitCodeForRun(summary, stoppedBy);
}
