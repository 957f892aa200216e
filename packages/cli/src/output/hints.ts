// A next step to print under an error, by error code: what the user can do about it.
import type { ErrorCode } from "../errors.js";

const HINTS: Partial<Record<ErrorCode, string>> = {
  authentication: "The API key was refused: check that it is current and meant for this base URL's region.",
  permission_denied: "The API key's user may not do this; inviting users needs an organization admin.",
  payment_required: "The organization's plan does not allow invitations; upgrade it in deepset Cloud.",
  not_found: "Check the organization ID (--org) and the base URL (--api-url, --region).",
  connection: "Check the base URL (--api-url, --region) and your network.",
  timeout: "The API did not answer in time; try again, or raise --timeout.",
};

export function hintFor(code: ErrorCode): string | undefined {
  return HINTS[code];
}
