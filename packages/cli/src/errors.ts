// The client's errors and the CLI's own in the CLI's terms: a stable `code` string for
// `--json`, the HTTP status when there was one, a message, the exit code, and a next step to
// print under the error. The client's errors bring their own codes (its ERROR_CODES); this
// table gives each code its exit code and hint, and `satisfies` makes a code the client adds
// a type error here until it has one. Printing them is output/error.ts's job.
import { ApiError, type ErrorCode as ClientErrorCode, DeepsetCloudError } from "@dcloud/client";
import { ExitCode } from "./exit-codes.js";

/** The codes of the errors the CLI raises itself. */
type CliErrorCode = "usage" | "invalid_input" | "declined" | "invalid_api_key" | "interrupted" | "internal";

/** Every `error.code` the CLI prints: the client's, and its own. */
export type ErrorCode = ClientErrorCode | CliErrorCode;

/** Every code: the exit code it leads to, and what the user can do about it (the error schema lists the same codes). */
export const CODES = {
  usage: { exit: ExitCode.Usage },
  invalid_input: { exit: ExitCode.Usage },
  invalid_request: { exit: ExitCode.Usage },
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
  already_member: { exit: ExitCode.Failed },
  unprocessable: { exit: ExitCode.Failed },
  rate_limited: { exit: ExitCode.Failed },
  signup_failed: { exit: ExitCode.Failed },
  server: { exit: ExitCode.Failed },
  connection: { exit: ExitCode.Failed, hint: "Check the base URL (--api-url, --region) and your network." },
  timeout: { exit: ExitCode.Failed, hint: "The API did not answer in time; try again, or raise --timeout." },
  aborted: { exit: ExitCode.Failed },
  response_too_large: { exit: ExitCode.Failed },
  interrupted: { exit: ExitCode.Failed },
  unexpected_status: { exit: ExitCode.Failed },
  api_error: { exit: ExitCode.Failed },
  internal: { exit: ExitCode.Failed },
} as const satisfies Record<ErrorCode, { exit: ExitCode; hint?: string }>;

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
  const message = error instanceof Error ? error.message : String(error);
  return { code: error instanceof DeepsetCloudError ? error.code : "internal", status, message };
}

export function exitCodeFor(code: ErrorCode): ExitCode {
  return CODES[code].exit;
}

/** A next step to print under an error of this code, if there is one. */
export function hintFor(code: ErrorCode): string | undefined {
  const entry: { exit: ExitCode; hint?: string } = CODES[code];
  return entry.hint;
}
