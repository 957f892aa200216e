// What the CLI tells a user (and a script) about an error: a stable `code` string for
// `--json`, the HTTP status when there was one, a message, and the exit code. This module
// loads nothing of the client, so commands can use it at start-up; describe-error.ts maps
// the client's error classes.
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
  return ERROR_CODES[code];
}
