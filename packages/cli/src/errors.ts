// The client's errors and the CLI's own in the CLI's terms: a stable `code` string for
// `--json`, the HTTP status when there was one, a message, the exit code, and a next step to
// print under the error. The client's errors are mapped by class (`instanceof`), never by
// parsing messages. Printing them is output/error.ts's job.
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

/** Every `error.code` the CLI prints: the exit code it leads to, and what the user can do about it. */
export const ERROR_CODES = {
  usage: { exit: ExitCode.Usage },
  invalid_input: { exit: ExitCode.Usage },
  declined: { exit: ExitCode.Usage },
  missing_api_key: { exit: ExitCode.Auth },
  invalid_api_key: { exit: ExitCode.Auth },
  authentication: {
    exit: ExitCode.Auth,
    hint: "The API key was refused: check that it is current and meant for this base URL's region.",
  },
  permission_denied: {
    exit: ExitCode.Auth,
    hint: "The API key's user may not do this; inviting users needs an organization admin.",
  },
  payment_required: {
    exit: ExitCode.PaymentRequired,
    hint: "The organization's plan does not allow invitations; upgrade it in deepset Cloud.",
  },
  not_found: {
    exit: ExitCode.Failed,
    hint: "Check the organization ID (--org) and the base URL (--api-url, --region).",
  },
  unprocessable: { exit: ExitCode.Failed },
  rate_limited: { exit: ExitCode.Failed },
  signup_failed: { exit: ExitCode.Failed },
  server_error: { exit: ExitCode.Failed },
  connection: { exit: ExitCode.Failed, hint: "Check the base URL (--api-url, --region) and your network." },
  timeout: { exit: ExitCode.Failed, hint: "The API did not answer in time; try again, or raise --timeout." },
  aborted: { exit: ExitCode.Failed },
  interrupted: { exit: ExitCode.Failed },
  unexpected_status: { exit: ExitCode.Failed },
  api_error: { exit: ExitCode.Failed },
  internal: { exit: ExitCode.Failed },
} as const satisfies Record<string, { exit: ExitCode; hint?: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The client's error classes with the code each stands for, most specific first: the first `instanceof` match wins. */
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

export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code].exit;
}

/** A next step to print under an error of this code, if there is one. */
export function hintFor(code: ErrorCode): string | undefined {
  const entry: { exit: ExitCode; hint?: string } = ERROR_CODES[code];
  return entry.hint;
}
