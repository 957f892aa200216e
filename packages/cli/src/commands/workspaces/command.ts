// `dcloud workspaces`: the workspaces the API key can see, by name and ID — the names that
// `dcloud invite --workspace NAME` takes.
import { helpText } from "../command.js";
import type { Program } from "../options.js";

const EXAMPLES = `
Examples:
  $ dcloud workspaces
  $ dcloud workspaces --json

Their names are what \`dcloud invite --workspace NAME\` and a file's workspaces column take.
`;

export function declareWorkspaces(program: Program) {
  return program
    .command("workspaces")
    .description("list the workspaces the API key can see, with their IDs")
    .addHelpText("after", helpText(EXAMPLES));
}

export type WorkspacesDeclared = ReturnType<typeof declareWorkspaces>;
