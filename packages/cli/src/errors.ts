// What the CLI tells a user (and a script) about an error: a stable `code` string for
// `--json`, the HTTP status when there was one, a message, and the exit code. The client's
// errors bring their own codes (its ERROR_CODES); the CLI adds the few of its own. This module
// loads nothing of the client (its types only), so commands can use it at start-up.
import type { ErrorCode as ClientErrorCode } from "@dcloud/client";
import { ExitCode } from "./exit-codes.js";

/** The codes of the errors the CLI raises itself, with the exit codes they lead to. */
const CLI_ERROR_CODES = {
  usage: ExitCode.Usage,
  invalid_input: ExitCode.Usage,
  declined: ExitCode.Usage,
  invalid_api_key: ExitCode.Auth,
  interrupted: ExitCode.Failed,
  internal: ExitCode.Failed,
} as const satisfies Record<string, ExitCode>;

/** The client's codes whose exit code is not 1: nothing was sent (2), no plan (3), no access (4). */
const CLIENT_EXIT_CODES: Partial<Record<ClientErrorCode, ExitCode>> = {
  invalid_request: ExitCode.Usage,
  payment_required: ExitCode.PaymentRequired,
  missing_api_key: ExitCode.Auth,
  authentication: ExitCode.Auth,
  permission_denied: ExitCode.Auth,
};

/** Every `error.code` the CLI prints: the client's, and its own. */
export type ErrorCode = ClientErrorCode | keyof typeof CLI_ERROR_CODES;

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

export function exitCodeFor(code: ErrorCode): ExitCode {
  if (Object.hasOwn(CLI_ERROR_CODES, code)) return CLI_ERROR_CODES[code as keyof typeof CLI_ERROR_CODES];
  return CLIENT_EXIT_CODES[code as ClientErrorCode] ?? ExitCode.Failed;
}
