// One invitation's outcome, in the shape of `--json`'s `results` (and, later, of a report
// line), and the summary and exit code over a run's rows.
import { exitCodeFor, type ErrorReport } from "../errors.js";
import { ExitCode } from "../exit-codes.js";

export type RowStatus = "invited" | "already_member" | "invalid" | "failed" | "not_attempted";

export interface InviteRow {
  /** The input file's line; null for a user given by flags. */
  line: number | null;
  email: string;
  status: RowStatus;
  http_status: number | null;
  attempts: number;
  request_id: string | null;
  error: ErrorReport | null;
}

export type Summary = Record<RowStatus, number>;

export function summarize(rows: readonly InviteRow[]): Summary {
  const summary: Summary = { invited: 0, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 };
  for (const row of rows) summary[row.status] += 1;
  return summary;
}

/**
 * 3 or 4 when a row met a 402 or a 401/403 (such an answer stops a run, so at most one row
 * has it); otherwise 0 when every row is invited or already a member, else 1.
 */
export function exitCodeForRows(rows: readonly InviteRow[]): ExitCode {
  for (const row of rows) {
    const code = row.error ? exitCodeFor(row.error.code) : ExitCode.Ok;
    if (code === ExitCode.PaymentRequired || code === ExitCode.Auth) return code;
  }
  const done = rows.every((row) => row.status === "invited" || row.status === "already_member");
  return done ? ExitCode.Ok : ExitCode.Failed;
}
