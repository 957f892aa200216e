// An error that stops a command before any row has an outcome (usage, input, missing
// key, unreachable /me): a message on stderr, and under --json the document
// `{ "error": { code, status, message } }` on stdout.
import { type ErrorReport, hintFor } from "../errors.js";
import type { Output } from "./output.js";

export function renderFatalError(output: Output, report: ErrorReport): void {
  output.error(report.message);
  const hint = hintFor(report.code);
  if (hint) output.hint(hint);
  if (output.options.json) output.document({ error: report });
}
