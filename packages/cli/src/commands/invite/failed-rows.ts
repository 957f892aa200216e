// --failed-rows PATH: the rows a run did not get done (invalid, failed, not attempted), in a
// CSV that `dcloud invite --file` reads back as the same rows — so an admin fixes what the
// `error` column says and runs just those again. The values are the rows' as read, with the
// defaults the flags gave; a valid row's workspace names are written as the IDs they resolved
// to. The reader knows `outcome` and `error` and ignores them. Written when the run ends,
// also when it stopped early; with every row done, the header alone.
import { closeSync, existsSync, openSync, statSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { CliError } from "../../errors.js";
import { type CheckedRow, type TypedRow, typedOfValid } from "../../rows/checked.js";
import { SPEC_FIELDS } from "../../rows/fields.js";
import type { InviteRow, RowStatus } from "../../rows/outcome.js";

export const FAILED_ROWS_HEADER = [...SPEC_FIELDS, "outcome", "error"] as const;

/** What became of a row that is not done, by the line where it starts. */
export type NotDone = Map<number | null, { status: RowStatus; error: string }>;

/** Keeps the outcome of a row that is not done (the others are not written). */
export function noteNotDone(notDone: NotDone, row: InviteRow): void {
  if (row.status === "invited" || row.status === "already_member") return;
  const error = row.error?.message ?? (row.status === "not_attempted" ? "not sent: the run stopped first" : "");
  notDone.set(row.line, { status: row.status, error });
}

/** Refuses a --failed-rows path that names the input or the report (however spelled): it would destroy them. */
export function checkFailedRowsPath(path: string, others: { input: string | undefined; report: string | undefined }) {
  for (const [what, other] of [
    ["the input file", others.input],
    ["the --report file", others.report],
  ] as const) {
    if (other !== undefined && sameFile(path, other)) {
      throw new CliError(
        "usage",
        `--failed-rows ${path} is ${what}; writing to it would destroy it. Name another file.`,
      );
    }
  }
}

function sameFile(a: string, b: string): boolean {
  if (existsSync(a) && existsSync(b)) {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  }
  return resolve(a) === resolve(b);
}

/** Writes the rows not done, in input order, to `path` (readable by the user alone: it holds names and emails). */
export function writeFailedRows(path: string, rows: readonly CheckedRow[], notDone: NotDone): void {
  let fd: number;
  try {
    fd = openSync(path, "w", 0o600);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError("usage", `Cannot write --failed-rows ${path}: ${reason}`);
  }
  try {
    writeSync(fd, stringify([FAILED_ROWS_HEADER]));
    for (const row of rows) {
      const outcome = notDone.get(row.line);
      if (!outcome) continue;
      const typed: TypedRow = row.problems ? row.typed : typedOfValid(row);
      writeSync(fd, stringify([[...SPEC_FIELDS.map((field) => typed[field]), outcome.status, outcome.error]]));
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError("usage", `Cannot write --failed-rows ${path}: ${reason}`);
  } finally {
    closeSync(fd);
  }
}
