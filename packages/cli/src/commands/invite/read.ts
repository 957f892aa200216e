// read: opens the input (a file, standard input, or the flags of a single invitation), and
// reads what the report says of earlier runs when --resume asks.
import { fileInput, flagsInput } from "../../input/source.js";
import { checkNotInput, readReport } from "../../report/report.js";
import { checkFailedRowsPath } from "./failed-rows.js";
import type { InviteOptions, Read, Stage } from "./plan.js";

export async function read(options: InviteOptions, { runtime }: Stage): Promise<Read> {
  const input =
    options.file === undefined ? flagsInput(options.single ?? {}) : await fileInput(options.file, runtime.stdin);
  try {
    if (options.report) checkNotInput(options.report, input.path);
    if (options.failedRows) checkFailedRowsPath(options.failedRows, { input: input.path, report: options.report });
    const earlier = options.resume && options.report ? await readReport(options.report) : undefined;
    return { options, input, earlier };
  } catch (error) {
    await input.dispose();
    throw error;
  }
}
