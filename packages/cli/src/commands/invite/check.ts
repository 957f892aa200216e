// check: every row is read, once, and checked before anything is sent; the checked rows are
// what every later stage uses. Any invalid row stops the run, unless --skip-invalid.
import { CliError } from "../../errors.js";
import { describeMapping } from "../../input/columns.js";
import { RowValidator } from "../../input/validate.js";
import type { Problem } from "../../rows/checked.js";
import { CheckedRows } from "../../rows/checked-rows.js";
import type { Checked, Read, Stage } from "./plan.js";
import { refuseProblems, renderUnknownColumns } from "./problems.js";

export async function check(plan: Read, { output }: Stage): Promise<Checked> {
  const { input, options } = plan;
  if (input.format === "jsonl" && options.columns.length > 0) {
    throw new CliError(
      "usage",
      `--column maps a CSV header's columns; ${input.label} is JSON Lines, whose keys are the fields.`,
    );
  }
  const validator = new RowValidator(options.defaults);
  const rows = new CheckedRows();
  const problems: Problem[] = [];
  let columns: readonly string[] = [];
  const raw = input.rows({
    roleFromFlag: Boolean(options.defaults.role?.trim()),
    encoding: options.encoding,
    columns: options.columns,
    onUnknownColumns: (names) => renderUnknownColumns(output, names, input.label),
    onColumns(mapping) {
      columns = describeMapping(mapping);
      for (const line of columns) output.debug(`${input.label}: ${line}`);
    },
  });
  for await (const row of raw) {
    const checked = validator.check(row);
    rows.push(checked);
    if (checked.problems) problems.push(...checked.problems);
  }
  if (rows.length === 0) throw new CliError("invalid_input", `${input.label} has no rows to invite; nothing was sent.`);
  refuseProblems(output, plan, problems, rows.invalid, rows.length);
  // The validator and its emails stay behind: the rows alone are kept while they are sent.
  return { ...plan, rows, columns, namesUsed: validator.workspaceNamesUsed };
}
