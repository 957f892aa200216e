// What checking found, said where it is (the file's line and field, or the flag), and the
// refusal that follows: nothing is sent while a row is invalid, unless --skip-invalid.
import { CliError } from "../../errors.js";
import type { Output } from "../../output/output.js";
import type { Problem } from "../../rows/checked.js";
import { FLAG_OF_FIELD } from "../../rows/fields.js";
import type { Read } from "./plan.js";

/** Prints the problems found; then, unless --skip-invalid, stops the run (exit 2). */
export function refuseProblems(
  output: Output,
  { input, options }: Pick<Read, "input" | "options">,
  found: readonly Problem[],
  invalidRows: number,
  rows: number,
): void {
  if (found.length === 0) return;
  renderProblems(output, found, input.label);
  refuse({ input, options }, found, invalidRows, rows);
}

/** Unless --skip-invalid, stops the run (exit 2) over the problems found, which are printed already. */
export function refuse(
  { input, options }: Pick<Read, "input" | "options">,
  found: readonly Problem[],
  invalidRows: number,
  rows: number,
): void {
  if (found.length === 0 || options.skipInvalid) return;
  const what =
    input.format === "flags"
      ? "The invitation is invalid"
      : `${invalidRows} of ${rows} rows of ${input.label} are invalid`;
  const advice = input.format === "flags" ? "" : " Fix them, or pass --skip-invalid to invite the valid rows.";
  throw new CliError("invalid_input", `${what}; nothing was sent.${advice}`, [...found]);
}

function renderProblems(output: Output, problems: readonly Problem[], label: string): void {
  for (const p of problems) output.error(`${where(p, label)}: ${p.message}`);
}

export function renderUnknownColumns(output: Output, names: readonly string[], label: string): void {
  const list = names.map((n) => JSON.stringify(n)).join(", ");
  output.warn(
    `${label} line 1: ${names.length === 1 ? "column" : "columns"} ${list} ${names.length === 1 ? "is" : "are"} not an invitation field; ignored.`,
  );
}

function where({ line, field }: Problem, label: string): string {
  if (line === null) return field ? FLAG_OF_FIELD[field] : label;
  return `${label} line ${line}${field ? `, ${field}` : ""}`;
}
