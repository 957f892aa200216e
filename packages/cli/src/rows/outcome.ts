// One row's outcome, in the shape of `--json`'s `results` and of a report line, and the
// summary and exit code of a run. A single invitation is a run of one row: the same shape,
// the same rules.
import { type ErrorReport, exitCodeFor } from "../errors.js";
import { ExitCode } from "../exit-codes.js";

export type RowStatus = "invited" | "already_member" | "invalid" | "failed" | "not_attempted";

export interface InviteRow {
  /** The input file's line where the row starts; null for a user given by flags. */
  line: number | null;
  email: string;
  status: RowStatus;
  http_status: number | null;
  attempts: number;
  request_id: string | null;
  error: ErrorReport | null;
  /** A warning about a row that is done: an existing member asked into workspaces keeps the access they had. */
  note?: string;
  /** Set on a row an earlier run finished (--resume): its outcome comes from the report. */
  resumed?: true;
}

/** The note on an existing member whose row asked for workspaces: the API does not change their access. */
export const WORKSPACES_NOT_CHANGED =
  "already a member: their workspace access was not changed (the workspaces asked for were not given)";

/** Where a run sends its invitations. */
export interface Destination {
  organization_id: string;
  api_url: string;
}

/** A report line (and a row of `--json`'s results): the row, and where it was sent, so that --resume never reads one run as another's. */
export type ReportLine = InviteRow & Destination;

export type Summary = Record<RowStatus, number>;

export function emptySummary(): Summary {
  return { invited: 0, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 };
}

/** Outcomes that mean "this user is in": a resumed run does not send them again. */
export function isDone(status: string): boolean {
  return status === "invited" || status === "already_member";
}

/**
 * Why a run stopped before its end: a 402; a 401/403; a failure no row can mend (a TLS
 * certificate the machine does not trust, a proxy refusing the tunnel); the user's Ctrl-C (or
 * SIGTERM, SIGHUP); or a report line or stdout that could not be written.
 */
export type StopReason = "payment_required" | "auth" | "unreachable" | "interrupted" | "write_failed";

/** A 402 or a 401/403 stops a run: every further request would get the same answer. */
export function stopReasonOf(row: InviteRow): StopReason | null {
  if (!row.error) return null;
  const code = exitCodeFor(row.error.code);
  if (code === ExitCode.PaymentRequired) return "payment_required";
  if (code === ExitCode.Auth) return "auth";
  return null;
}

/**
 * 130 when a signal stopped the run; 1 when a write failed; 3 or 4 when a 402 or a 401/403
 * stopped it; otherwise 0 when every row is invited or already a member, else 1.
 */
export function exitCodeForRun(summary: Summary, stoppedBy: StopReason | null): ExitCode {
  if (stoppedBy === "interrupted") return ExitCode.Interrupted;
  if (stoppedBy === "write_failed") return ExitCode.Failed;
  if (stoppedBy === "payment_required") return ExitCode.PaymentRequired;
  if (stoppedBy === "auth") return ExitCode.Auth;
  const notDone = summary.invalid + summary.failed + summary.not_attempted;
  return notDone === 0 ? ExitCode.Ok : ExitCode.Failed;
}
