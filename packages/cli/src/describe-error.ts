// The client's errors in the CLI's terms: each brings its own stable `code` (the client's
// ERROR_CODES), so nothing here restates the vocabulary. Loaded when a command runs, not at
// start-up (it loads the client).
import { ApiError, DeepsetCloudError } from "@dcloud/client";
import { CliError, type ErrorReport } from "./errors.js";

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
