// Sends one invitation through the client and turns what happened into the row's outcome:
// `invited` on a 201 and only then, `already_member` on a 409, and `failed` with the real
// status for any other answer (a redirect or an undocumented 2xx included). Nothing here
// speaks HTTP.
import { AbortError, AlreadyMemberError, ApiError, type DeepsetCloud, DeepsetCloudError } from "@dcloud/client";
import { describeError } from "../errors.js";
import { invitationOf, type ValidRow } from "../rows/checked.js";
import { type InviteRow, WORKSPACES_NOT_CHANGED } from "../rows/outcome.js";
import type { Interruption } from "./interruption.js";

export async function sendRow(
  client: DeepsetCloud,
  organizationId: string,
  row: ValidRow,
  interruption: Interruption,
): Promise<InviteRow> {
  const outcome = (fields: Omit<InviteRow, "line" | "email">): InviteRow => ({
    line: row.line,
    email: row.email,
    ...fields,
  });
  try {
    const { attempts, requestId } = await client.inviteUser(organizationId, invitationOf(row), {
      stopSignal: interruption.stopSignal,
      signal: interruption.abortSignal,
    });
    return outcome({ status: "invited", http_status: 201, attempts, request_id: requestId ?? null, error: null });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      // A 409 after an attempt with an unknown outcome is most likely that attempt's own
      // invitation (the client documents this), so it counts as invited.
      const member = !error.afterRetry;
      return outcome({
        status: member ? "already_member" : "invited",
        http_status: 409,
        attempts: error.attempts,
        request_id: error.requestId ?? null,
        error: null,
        // An existing member keeps the workspace access they had: say so rather than exit 0 in silence.
        ...(member && row.workspace_ids?.length ? { note: WORKSPACES_NOT_CHANGED } : {}),
      });
    }
    if (error instanceof AbortError) {
      // Stopped before its first attempt: nothing was sent.
      if (!interruption.abortSignal.aborted) {
        return outcome({ status: "not_attempted", http_status: null, attempts: 0, request_id: null, error: null });
      }
      // Cut off in flight: the server may or may not have acted on it.
      return outcome({
        status: "failed",
        http_status: null,
        attempts: 1,
        request_id: null,
        error: { code: "interrupted", status: null, message: "interrupted: outcome unknown" },
      });
    }
    const known = error instanceof DeepsetCloudError ? error : undefined;
    const attempts = known?.attempts ?? 1;
    const requestId = known?.requestId ?? null;
    const status = error instanceof ApiError ? error.status : null;
    return outcome({
      status: "failed",
      http_status: status,
      attempts,
      request_id: requestId,
      error: describeError(error),
    });
  }
}
