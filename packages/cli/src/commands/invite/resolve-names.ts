// resolve names: the workspace names the rows use are resolved with one list of the
// workspaces, for the whole run (exact name first, then a unique match ignoring case). A name
// that does not resolve makes every row that uses it invalid, and is told once, with how many
// rows use it: it stops the run, unless --skip-invalid. An answer unlike the spec stops it too.
import { withWorkspaceIds } from "../../input/validate.js";
import { describeNameProblem, resolveWorkspaceNames } from "../../input/workspace-names.js";
import type { Problem } from "../../rows/checked.js";
import type { Checked, Resolved, Stage } from "./plan.js";
import { refuse } from "./problems.js";

export async function resolveNames({ namesUsed, ...plan }: Checked, { output, client }: Stage): Promise<Resolved> {
  if (namesUsed.size === 0) return plan;
  const { ids, problems } = resolveWorkspaceNames(await (await client()).listWorkspaces(), namesUsed);
  const messages = new Map(problems.map((p) => [p.name, p.message]));
  const { rows } = plan;
  rows.resolveWorkspaces((row) =>
    withWorkspaceIds(
      row,
      (name) => ids.get(name),
      (name) => messages.get(name) ?? "",
    ),
  );
  const label = plan.input.format === "flags" ? "--workspace" : plan.input.label;
  for (const problem of problems) {
    output.error(`${label}: ${plan.input.format === "flags" ? problem.message : describeNameProblem(problem)}`);
  }
  // Under --json, the error's problems name every row, each with its line.
  const found = problems
    .flatMap(({ lines, message }) => lines.map((line): Problem => ({ line, field: "workspaces", message })))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  refuse(plan, found, rows.invalid, rows.length);
  return plan;
}
