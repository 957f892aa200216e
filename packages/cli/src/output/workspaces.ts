import type { Workspace } from "@dcloud/client";
import type { Output } from "./output.js";

/** Under --json, the array as the API gives it; otherwise a table of names and IDs. */
export function renderWorkspaces(output: Output, workspaces: readonly Workspace[]): void {
  if (output.options.json) {
    output.document(workspaces);
    return;
  }
  if (workspaces.length === 0) {
    output.line("no workspaces: the API key can see none.");
    return;
  }
  const width = Math.max("NAME".length, ...workspaces.map((w) => w.name.length));
  output.line(`${output.out.bold("NAME".padEnd(width))}  ${output.out.bold("WORKSPACE ID")}`);
  for (const w of [...workspaces].sort((a, b) => a.name.localeCompare(b.name))) {
    output.line(`${w.name.padEnd(width)}  ${w.workspace_id}`);
  }
}
