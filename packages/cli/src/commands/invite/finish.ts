// finish: the rows not done (--failed-rows), the summary (or the whole --json document), and
// the run's exit code.
import type { ExitCode } from "../../exit-codes.js";
import { exitCodeForRun } from "../../rows/outcome.js";
import { writeFailedRows } from "./failed-rows.js";
import type { Sent } from "./plan.js";

export async function finish({
  printer,
  summary,
  stoppedBy,
  resumed,
  options,
  rows,
  notDone,
}: Sent): Promise<ExitCode> {
  if (options.failedRows) writeFailedRows(options.failedRows, rows, notDone);
  await printer.end(summary, { stoppedBy, resumed, report: options.report, failedRows: options.failedRows });
  return exitCodeForRun(summary, stoppedBy);
}
