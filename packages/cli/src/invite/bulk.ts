// `dcloud invite --file`: every row is validated before the first request; then the rows
// are read again and sent, each outcome going to the report, the output and the progress
// bar as soon as it is known. Nothing here speaks HTTP: requests go through the client.
import type { DeepsetCloud } from "@dcloud/client";
import { CliError } from "../errors.js";
import type { ExitCode } from "../exit-codes.js";
import { ExitCode as Exit } from "../exit-codes.js";
import { readRows } from "../input/bulk/read-rows.js";
import { openInput, type InputFile } from "../input/bulk/source.js";
import { type CheckedRow, type Problem, type RowDefaults, RowValidator } from "../input/bulk/validate-rows.js";
import { BulkResults, renderProblems, renderUnknownFields } from "../output/bulk.js";
import type { Output } from "../output/output.js";
import { startProgress } from "../output/progress.js";
import type { Runtime } from "../runtime.js";
import { readFinishedRows, ReportWriter } from "./report.js";
import { emptySummary, exitCodeForRun } from "./row.js";
import { runBulk } from "./run-bulk.js";

export interface BulkOptions {
  file: string;
  defaults: RowDefaults;
  concurrency: number;
  report: string | undefined;
  resume: boolean;
  dryRun: boolean;
  skipInvalid: boolean;
  /** The organization when --org or the environment gives it; else it comes from /me. */
  organizationId: string | undefined;
}

export interface BulkContext {
  output: Output;
  runtime: Runtime;
  connect(): Promise<DeepsetCloud>;
  resolveOrganization(client: DeepsetCloud): Promise<string>;
}

export async function inviteFromFile(context: BulkContext, options: BulkOptions): Promise<ExitCode> {
  const input = await openInput(options.file, context.runtime.stdin as NodeJS.ReadableStream);
  try {
    const total = await validateAll(context.output, input, options);
    if (options.dryRun) return printDryRun(context.output, input, options);
    return await send(context, input, options, total);
  } finally {
    await input.dispose();
  }
}

/**
 * The checked rows of the input, in file order; the same on every pass, since each pass
 * reads the file again with a validator of its own (fresh duplicate tracking).
 */
async function* checkedRows(input: InputFile, validator: RowValidator): AsyncGenerator<CheckedRow> {
  for await (const raw of readRows(input.path, input.format)) yield validator.check(raw);
}

/** Pass 1: every row is checked before anything is sent. Returns how many rows there are. */
async function validateAll(output: Output, input: InputFile, options: BulkOptions): Promise<number> {
  const validator = new RowValidator(options.defaults);
  const problems: Problem[] = [];
  let total = 0;
  for await (const row of checkedRows(input, validator)) {
    total++;
    if (row.problems) problems.push(...row.problems);
  }
  renderUnknownFields(output, validator.unknownFields, input.label);
  if (total === 0) throw new CliError("invalid_input", `${input.label} has no rows to invite; nothing was sent.`);
  renderProblems(output, problems, input.label);
  if (problems.length > 0 && !options.skipInvalid) {
    const rows = new Set(problems.map((p) => p.line)).size;
    throw new CliError(
      "invalid_input",
      `${rows} of ${total} rows of ${input.label} are invalid; nothing was sent. Fix them, or pass --skip-invalid to invite the valid rows.`,
      problems,
    );
  }
  return total;
}

async function printDryRun(output: Output, input: InputFile, options: BulkOptions): Promise<ExitCode> {
  const organization = options.organizationId ?? "{organization_id from GET /api/v1/me}";
  const path = `/api/v1/organization/${organization}/invitation`;
  const requests: { line: number; body: unknown }[] = [];
  let invalid = 0;
  for await (const row of checkedRows(input, new RowValidator(options.defaults))) {
    if (row.problems) invalid++;
    else requests.push({ line: row.line, body: row.invitation });
  }
  if (output.options.json) {
    output.document({ dry_run: { method: "POST", path, requests, invalid } });
  } else {
    output.line(`dry run: ${requests.length} invitation(s) would be sent as POST ${path}; nothing was sent.`);
    for (const r of requests) output.line(`  line ${r.line}  ${JSON.stringify(r.body)}`);
    if (invalid > 0) output.line(`${invalid} invalid row(s) would be reported as invalid (--skip-invalid).`);
  }
  return invalid > 0 ? Exit.Failed : Exit.Ok;
}

/** Pass 2: the rows are read again and sent. */
async function send(context: BulkContext, input: InputFile, options: BulkOptions, total: number): Promise<ExitCode> {
  const { output, runtime } = context;
  const client = await context.connect();
  const organizationId = options.organizationId ?? (await context.resolveOrganization(client));
  const { finished, unreadable } = options.resume && options.report ? await readFinishedRows(options.report) : { finished: new Map(), unreadable: 0 };
  if (unreadable > 0) output.warn(`${options.report}: ${unreadable} line(s) are not JSON (a torn end of a killed run?); they are ignored.`);
  const report = options.report ? ReportWriter.open(options.report) : undefined;

  let interrupted = false;
  const stopListening = runtime.onInterrupt(() => {
    if (interrupted) {
      report?.flush();
      runtime.exitNow(Exit.Interrupted);
    }
    interrupted = true;
    output.warn("interrupted: finishing the requests in flight, then stopping (Ctrl-C again to quit at once).");
  });
  const results = new BulkResults(output);
  const progress = await startProgress(runtime.stderr, total, !output.options.quiet);
  const summary = emptySummary();
  let resumed = 0;
  try {
    const { stoppedBy } = await runBulk({
      client,
      organizationId,
      concurrency: options.concurrency,
      rows: checkedRows(input, new RowValidator(options.defaults)),
      finished,
      interrupted: () => interrupted,
      onOutcome(row, how) {
        // A row an earlier run finished already has its line in the report.
        if (how.resumed) resumed++;
        else report?.write(row);
        summary[row.status]++;
        results.row(row, how);
        progress.tick(summary);
      },
    });
    progress.stop();
    results.end(summary, { organizationId, stoppedBy, resumed, report: options.report });
    return exitCodeForRun(summary, stoppedBy);
  } finally {
    progress.stop();
    report?.close();
    stopListening();
  }
}
