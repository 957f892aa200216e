// What validation found, said where it is: the file's line and field, or the flag.
import type { Problem } from "../input/validate.js";
import { FLAG_OF_FIELD } from "../rows/fields.js";
import type { Output } from "./output.js";

export function renderProblems(output: Output, problems: readonly Problem[], label: string): void {
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
