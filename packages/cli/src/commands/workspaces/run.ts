// `dcloud workspaces`: GET /api/v1/workspaces, printed — once the answer is seen to be what the
// spec states (an array of { name, workspace_id }); anything else is an error that says so.
import type { Workspace } from "@dcloud/client";
import { ExitCode } from "../../exit-codes.js";
import { checkWorkspacesAnswer } from "../../input/workspace-names.js";
import type { Output } from "../../output/output.js";
import type { Run } from "../command.js";
import type { WorkspacesDeclared } from "./command.js";

export const run: Run<WorkspacesDeclared> = async ({ connect, output }) => {
  const client = await connect();
  renderWorkspaces(output, checkWorkspacesAnswer(await client.listWorkspaces()));
  return ExitCode.Ok;
};

/** Under --json, the array as the API gives it; otherwise a table of names and IDs. */
function renderWorkspaces(output: Output, workspaces: readonly Workspace[]): void {
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
