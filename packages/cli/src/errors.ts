// What the CLI tells a user (and a script) about an error: a stable `code` string for
// `--json`, the HTTP status when there was one, a message, and the exit code. Client
// errors are mapped by class (`instanceof`), never by parsing messages.
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
import { ExitCode } from "./exit-codes.js";

/** Every `error.code` the CLI prints, with the exit code it leads to. */
export const ERROR_CODES = {
  usage: ExitCode.Usage,
  invalid_input: ExitCode.Usage,
  declined: ExitCode.Usage,
  missing_api_key: ExitCode.Auth,
  invalid_api_key: ExitCode.Auth,
  authentication: ExitCode.Auth,
  permission_denied: ExitCode.Auth,
  payment_required: ExitCode.PaymentRequired,
  not_found: ExitCode.Failed,
  unprocessable: ExitCode.Failed,
  rate_limited: ExitCode.Failed,
  signup_failed: ExitCode.Failed,
  server_error: ExitCode.Failed,
  connection: ExitCode.Failed,
  timeout: ExitCode.Failed,
  aborted: ExitCode.Failed,
  interrupted: ExitCode.Failed,
  unexpected_status: ExitCode.Failed,
  api_error: ExitCode.Failed,
  internal: ExitCode.Failed,
} as const satisfies Record<string, ExitCode>;

export type ErrorCode = keyof typeof ERROR_CODES;

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

/** One problem of the input: where (the file's line, or null for flags; the field) and what. */
export interface InputProblem {
  line: number | null;
  field: string | null;
  message: string;
}

/** An error the CLI itself raises (bad flag, no key, …) with the code it stands for. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For `invalid_input` from a file: every problem found, each with its line. */
    readonly problems?: InputProblem[],
  ) {
    super(message);
  }
}

/** An error as the CLI reports it: the `error` object of `--json`, plus the exit code. */
export interface ErrorReport {
  code: ErrorCode;
  status: number | null;
  message: string;
  problems?: InputProblem[];
}

export function describeError(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return { code: error.code, status: null, message: error.message, ...(error.problems ? { problems: error.problems } : {}) };
  }
  const status = error instanceof ApiError ? error.status : null;
  const match = CLIENT_ERROR_CODES.find(([Class]) => error instanceof Class);
  const message = error instanceof Error ? error.message : String(error);
  return { code: match ? match[1] : "internal", status, message };
}

export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code];
}
