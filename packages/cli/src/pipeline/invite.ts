// `dcloud invite`, one user or a file of them, as one pipeline: read → validate every row →
// resolve workspace names → (confirm) → send → report → summary. A single invitation is a
// run of one row: the same outcomes, `--json` document and exit codes. Nothing here speaks
// HTTP (the client does) or draws (output/ does).
import type { UserMe } from "@dcloud/client";
import type { CommandContext } from "../commands/command.js";
import { CliError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { fileInput, flagsInput, type Input } from "../input/source.js";
import { type CheckedRow, type Problem, type RowDefaults, RowValidator } from "../input/validate.js";
import { type WorkspaceNames, workspaceNames } from "../input/workspace-names.js";
import { once } from "../once.js";
import { renderDryRun } from "../output/dry-run.js";
import { renderProblems, renderUnknownColumns } from "../output/problems.js";
import { startProgress } from "../output/progress.js";
import { ResultsPrinter } from "../output/results.js";
import { checkNotInput, checkSameDestination, type EarlierRun, ReportWriter, readReport } from "../report/report.js";
import { type Destination, emptySummary, exitCodeForRun } from "../rows/outcome.js";
import { Interruption } from "../sending/interruption.js";
import { sendAll } from "../sending/send-all.js";
import { knownOrganizationId, resolveOrganizationId } from "../settings/organization.js";
import { confirmSend } from "./confirm.js";

export interface InviteRun {
  /** --file; undefined for a single invitation given by `single`. */
  file: string | undefined;
  /** The fields of a single invitation, from its flags. */
  single: Record<string, unknown> | undefined;
  /** For rows of a file that leave these empty. */
  defaults: RowDefaults;
  org: string | undefined;
  concurrency: number;
  report: string | undefined;
  resume: boolean;
  dryRun: boolean;
  skipInvalid: boolean;
  yes: boolean;
}

export async function runInvite(context: CommandContext, run: InviteRun): Promise<ExitCode> {
  const { output, runtime } = context;
  const interruption = new Interruption();
  let sending = false;
  let beforeExit = () => {};
  // Before sending, an interrupt has nothing to wait for; while sending, the first one lets
  // the requests in flight settle, and a second one quits at once.
  const stopListening = runtime.onInterrupt(() => {
    if (!sending || interruption.requested) {
      beforeExit();
      runtime.exitNow(ExitCode.Interrupted);
    }
    interruption.request();
    output.warn(
      "interrupted: no new request starts; waiting up to 5 s for those in flight (Ctrl-C again to quit at once).",
    );
  });

  let input: Input | undefined;
  try {
    input = run.file === undefined ? flagsInput(run.single ?? {}) : await fileInput(run.file, runtime.stdin);
    const source = input;
    if (run.report) checkNotInput(run.report, source.path);
    const earlier: EarlierRun | undefined = run.resume && run.report ? await readReport(run.report) : undefined;
    const readRows = (names?: WorkspaceNames, onUnknownColumns?: (names: string[]) => void) => {
      const validator = new RowValidator(run.defaults, names);
      const raw = source.rows({
        roleFromFlag: Boolean(run.defaults.role?.trim()),
        ...(onUnknownColumns ? { onUnknownColumns } : {}),
      });
      return {
        validator,
        rows: (async function* () {
          for await (const row of raw) yield validator.check(row);
        })(),
      };
    };

    // Every row is checked before anything is sent.
    const { total, problems, invalidLines, namesUsed } = await checkEveryRow(
      readRows(undefined, (names) => renderUnknownColumns(output, names, source.label)),
    );
    if (total === 0) throw new CliError("invalid_input", `${source.label} has no rows to invite; nothing was sent.`);
    refuseProblems(problems, invalidLines.size, total);

    const client = once(() => context.connect());
    // Workspace names are resolved with one list of the workspaces, for the whole run.
    let names: WorkspaceNames | undefined;
    if (namesUsed.size > 0) {
      names = workspaceNames(await (await client()).listWorkspaces());
      const unknown: Problem[] = [];
      for (const [name, lines] of namesUsed) {
        if (names.idOf(name) !== undefined) continue;
        for (const line of lines) {
          unknown.push({ line, field: "workspaces", message: names.unknown(name) });
          invalidLines.add(line);
        }
      }
      unknown.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      problems.push(...unknown);
      refuseProblems(unknown, invalidLines.size, total);
    }
    function refuseProblems(found: readonly Problem[], invalidRows: number, rows: number): void {
      if (found.length === 0) return;
      renderProblems(output, found, source.label);
      if (run.skipInvalid) return;
      const what =
        source.format === "flags"
          ? "The invitation is invalid"
          : `${invalidRows} of ${rows} rows of ${source.label} are invalid`;
      const advice = source.format === "flags" ? "" : " Fix them, or pass --skip-invalid to invite the valid rows.";
      throw new CliError("invalid_input", `${what}; nothing was sent.${advice}`, [...found]);
    }

    if (run.dryRun) {
      const organization =
        knownOrganizationId({ org: run.org, env: context.env })?.value ?? "{organization_id from GET /api/v1/me}";
      const requests = [];
      let invalid = 0;
      for await (const row of readRows(names).rows) {
        if (row.problems) invalid++;
        else requests.push({ line: row.line, body: row.invitation });
      }
      renderDryRun(output, {
        method: "POST",
        path: `/api/v1/organization/${organization}/invitation`,
        requests,
        invalid,
      });
      return invalid > 0 ? ExitCode.Failed : ExitCode.Ok;
    }

    const dc = await client();
    const me = once(() => dc.getMe());
    const organization = await resolveOrganizationId({ org: run.org, env: context.env, lookUpMe: me });
    output.debug(`organization ${organization.value} (from ${organization.source})`);
    const destination: Destination = { organization_id: organization.value, api_url: dc.baseUrl };
    if (earlier && run.report) {
      checkSameDestination(run.report, earlier, destination);
      if (earlier.unreadable > 0) {
        output.warn(
          `${run.report}: ${earlier.unreadable} line(s) are not JSON (a torn end of a killed run?); they are ignored.`,
        );
      }
    }
    const ask = source.format !== "flags" && runtime.interactive && !run.yes && run.file !== "-";
    const toSend = ask ? await countToSend(readRows(names).rows, earlier) : 0;
    if (ask && toSend > 0) {
      await confirmSend(output, runtime, {
        people: toSend,
        organizationId: organization.value,
        organizationName: await organizationName(me, organization.value),
        apiUrl: dc.baseUrl,
      });
    }

    sending = true;
    const report = run.report ? ReportWriter.open(run.report, destination) : undefined;
    beforeExit = () => report?.flush();
    const printer = await ResultsPrinter.start(output, { single: source.format === "flags", destination });
    const progress = await startProgress(output, runtime.stderr, {
      total: total,
      pausedUntil: () => dc.rateLimitedUntil,
    });
    const summary = emptySummary();
    let resumed = 0;
    try {
      const { stoppedBy } = await sendAll({
        client: dc,
        organizationId: organization.value,
        concurrency: run.concurrency,
        rows: readRows(names).rows,
        finished: earlier?.finished ?? new Map(),
        interruption,
        onOutcome(row, how) {
          // A row an earlier run finished already has its line in the report.
          if (how.resumed) resumed++;
          else report?.write(row);
          summary[row.status]++;
          printer.row(row, how);
          progress.tick(summary);
        },
      });
      report?.flush();
      progress.stop();
      await printer.end(summary, { stoppedBy, resumed, report: run.report });
      return exitCodeForRun(summary, stoppedBy);
    } finally {
      progress.stop();
      report?.close();
    }
  } finally {
    interruption.dispose();
    stopListening();
    await input?.dispose();
  }
}

/**
 * The first pass: every row checked, and what the run needs of it. The validator and its
 * emails stay behind, so the rows' memory is not held while they are sent.
 */
async function checkEveryRow(pass: { validator: RowValidator; rows: AsyncIterable<CheckedRow> }) {
  const problems: Problem[] = [];
  const invalidLines = new Set<number | null>();
  let total = 0;
  for await (const row of pass.rows) {
    total++;
    if (row.problems) {
      problems.push(...row.problems);
      invalidLines.add(row.line);
    }
  }
  return { total, problems, invalidLines, namesUsed: pass.validator.workspaceNamesUsed };
}

/** How many rows a run would send: the valid ones an earlier run has not finished. */
async function countToSend(rows: AsyncIterable<CheckedRow>, earlier: EarlierRun | undefined): Promise<number> {
  let count = 0;
  for await (const row of rows) if (!row.problems && !earlier?.finished.has(row.email.toLowerCase())) count++;
  return count;
}

/** The organization's name, when /me is about the same organization; a failed lookup only costs the name. */
async function organizationName(me: () => Promise<UserMe>, organizationId: string): Promise<string | undefined> {
  try {
    const { organization } = await me();
    return organization?.organization_id === organizationId ? organization.name : undefined;
  } catch {
    return undefined;
  }
}
