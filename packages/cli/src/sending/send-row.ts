// Sends one invitation through the client and turns what happened into the row's outcome:
// `invited` on a 201 and only then, `already_member` on a 409, and `failed` with the real
// status for any other answer (a redirect or an undocumented 2xx included). An answer that
// every other row would get too (a 401/403, a 402, a certificate the machine does not trust,
// a proxy refusing the tunnel) also says that the run must stop. Nothing here speaks HTTP.
import {
  AbortError,
  AlreadyMemberError,
  ApiError,
  ConnectionError,
  type DeepsetCloud,
  DeepsetCloudError,
} from "@dcloud/client";
import { describeError } from "../errors.js";
import { invitationOf, type ValidRow } from "../rows/checked.js";
import { type InviteRow, type StopReason, stopReasonOf, WORKSPACES_NOT_CHANGED } from "../rows/outcome.js";
import type { Interruption } from "./interruption.js";

export interface RowSent {
  row: InviteRow;
  /** Why no further row may be sent after this one; null when the run goes on. */
  stop: StopReason | null;
  /** The request may have been applied, but no whole answer came: a later --resume sends it again. */
  outcomeUnknown: boolean;
}

/** Failures of the way to the API itself: no retry and no other row can mend them. */
const UNREACHABLE = new Set(["untrusted_certificate", "proxy_refused"]);

export async function sendRow(
  client: DeepsetCloud,
  organizationId: string,
  row: ValidRow,
  interruption: Interruption,
): Promise<RowSent> {
  const outcome = (fields: Omit<InviteRow, "line" | "email">, more: Partial<RowSent> = {}): RowSent => {
    const sent = { line: row.line, email: row.email, ...fields };
    return { row: sent, stop: stopReasonOf(sent), outcomeUnknown: false, ...more };
  };
  try {
    const { attempts, requestId } = await client.inviteUser(organizationId, invitationOf(row), {
      stopSignal: interruption.stopSignal,
      signal: interruption.abortSignal,
    });
    return outcome({ status: "invited", http_status: 201, attempts, request_id: requestId ?? null, error: null });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      // `invited` only on a 201: a 409 — even after an attempt whose outcome is unknown, which
      // may have been this call's own invitation — is `already_member`, and done for --resume.
      return outcome({
        status: "already_member",
        http_status: 409,
        attempts: error.attempts,
        request_id: error.requestId ?? null,
        error: null,
        // An existing member keeps the workspace access they had: say so rather than exit 0 in
        // silence — unless the 409 may answer this call's own lost invitation, workspaces and all.
        ...(!error.afterRetry && row.workspace_ids?.length ? { note: WORKSPACES_NOT_CHANGED } : {}),
      });
    }
    if (error instanceof AbortError) {
      // Stopped before its first attempt: nothing was sent.
      if (!interruption.abortSignal.aborted) {
        return outcome({ status: "not_attempted", http_status: null, attempts: 0, request_id: null, error: null });
      }
      // Cut off in flight: the server may or may not have acted on it.
      return outcome(
        {
          status: "failed",
          http_status: null,
          attempts: 1,
          request_id: null,
          error: { code: "interrupted", status: null, message: "interrupted: outcome unknown" },
        },
        { outcomeUnknown: true },
      );
    }
    const known = error instanceof DeepsetCloudError ? error : undefined;
    const attempts = known?.attempts ?? 1;
    const requestId = known?.requestId ?? null;
    const status = error instanceof ApiError ? error.status : null;
    const report = describeError(error);
    const unknown = error instanceof ConnectionError && error.outcomeUnknown;
    // The row stays `failed`, so a later --resume sends it again (and a 409 then counts as done).
    if (unknown && !/outcome unknown/i.test(report.message)) report.message = `outcome unknown: ${report.message}`;
    const sent = outcome(
      { status: "failed", http_status: status, attempts, request_id: requestId, error: report },
      { outcomeUnknown: unknown },
    );
    if (error instanceof ConnectionError && UNREACHABLE.has(error.reason)) sent.stop = "unreachable";
    return sent;
  }
}
