// resolve names: the workspace names the rows use are resolved with one list of the
// workspaces, for the whole run. An unknown name is an invalid row: it stops the run, unless
// --skip-invalid.
import { withWorkspaceIds } from "../../input/validate.js";
import { workspaceNames } from "../../input/workspace-names.js";
import type { Problem } from "../../rows/checked.js";
import type { Checked, Resolved, Stage } from "./plan.js";
import { refuseProblems } from "./problems.js";

export async function resolveNames({ namesUsed, ...plan }: Checked, { output, client }: Stage): Promise<Resolved> {
  if (namesUsed.size === 0) return plan;
  const names = workspaceNames(await (await client()).listWorkspaces());
  // What to say of each unknown name, worked out once however many rows use it.
  const unknownNames = new Map<string, string>();
  const unknown: Problem[] = [];
  for (const [name, lines] of namesUsed) {
    if (names.idOf(name) !== undefined) continue;
    const message = names.unknown(name);
    unknownNames.set(name, message);
    for (const line of lines) unknown.push({ line, field: "workspaces", message });
  }
  unknown.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const rows = plan.rows.map((row) =>
    withWorkspaceIds(row, names.idOf, (name) => unknownNames.get(name) ?? names.unknown(name)),
  );
  refuseProblems(output, plan, unknown, rows.filter((row) => row.problems).length, rows.length);
  return { ...plan, rows };
}
