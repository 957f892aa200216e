// finish: the summary (or the whole --json document), and the run's exit code.
import type { ExitCode } from "../../exit-codes.js";
import { exitCodeForRun } from "../../rows/outcome.js";
import type { Sent } from "./plan.js";

export async function finish({ printer, summary, stoppedBy, resumed, options }: Sent): Promise<ExitCode> {
  await printer.end(summary, { stoppedBy, resumed, report: options.report });
  return exitCodeForRun(summary, stoppedBy);
}
