// The client's errors in the CLI's terms, mapped by class (`instanceof`), never by parsing
// messages. Loaded when a command runs, not at start-up (it loads the client).
import {
  AbortError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  DeepsetCloudError,
  InvalidRequestError,
  MissingApiKeyError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  SignupFailedError,
  TimeoutError,
  UnexpectedStatusError,
  UnprocessableEntityError,
} from "@dcloud/client";
import { CliError, type ErrorCode, type ErrorReport } from "./errors.js";

/** The client's error classes, most specific first: the first `instanceof` match wins. */
const CLIENT_ERROR_CODES: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, ErrorCode]> = [
  [MissingApiKeyError, "missing_api_key"],
  [UnexpectedStatusError, "unexpected_status"],
  [InvalidRequestError, "invalid_input"],
  [AuthenticationError, "authentication"],
  [PermissionDeniedError, "permission_denied"],
  [PaymentRequiredError, "payment_required"],
  [NotFoundError, "not_found"],
  [UnprocessableEntityError, "unprocessable"],
  [RateLimitError, "rate_limited"],
  [SignupFailedError, "signup_failed"],
  [ServerError, "server_error"],
  [ApiError, "api_error"],
  [ConnectionError, "connection"],
  [TimeoutError, "timeout"],
  [AbortError, "aborted"],
  [DeepsetCloudError, "api_error"],
];

export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return {
      code: error.code,
      status: null,
      message: error.message,
      ...(error.problems ? { problems: error.problems } : {}),
    };
  }
  const status = error instanceof ApiError ? error.status : null;
  const match = CLIENT_ERROR_CODES.find(([Class]) => error instanceof Class);
  const message = error instanceof Error ? error.message : String(error);
  return { code: match ? match[1] : "internal", status, message };
}
