// Sends one invitation through the client and turns its answer into a row. Only answers
// to an attempt become rows; an error that means nothing was sent (a request the client
// refused to send, a missing key) is thrown on, because it stops the command.
import {
  AbortError,
  AlreadyMemberError,
  ApiError,
  ConnectionError,
  TimeoutError,
  type DeepsetCloud,
  type UserInvitation,
} from "@dcloud/client";
import { describeError } from "../errors.js";
import type { InviteRow } from "./row.js";

export async function sendInvitation(
  client: DeepsetCloud,
  organizationId: string,
  invitation: UserInvitation,
  line: number | null = null,
): Promise<InviteRow> {
  const row = (fields: Omit<InviteRow, "line" | "email">): InviteRow => ({ line, email: invitation.email, ...fields });
  try {
    const { attempts, requestId } = await client.inviteUser(organizationId, invitation);
    return row({ status: "invited", http_status: 201, attempts, request_id: requestId ?? null, error: null });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      // A 409 after an attempt with an unknown outcome is most likely that attempt's own
      // invitation (the client documents this), so it counts as invited.
      return row({
        status: error.afterRetry ? "invited" : "already_member",
        http_status: 409,
        attempts: error.attempts,
        request_id: error.requestId ?? null,
        error: null,
      });
    }
    if (error instanceof ApiError) {
      return row({
        status: "failed",
        http_status: error.status,
        attempts: error.attempts,
        request_id: error.requestId ?? null,
        error: describeError(error),
      });
    }
    if (error instanceof ConnectionError || error instanceof TimeoutError) {
      // No answer to the last attempt, so no status or request id.
      return row({ status: "failed", http_status: null, attempts: error.attempts, request_id: null, error: describeError(error) });
    }
    if (error instanceof AbortError) {
      return row({ status: "failed", http_status: null, attempts: 1, request_id: null, error: describeError(error) });
    }
    throw error;
  }
}
