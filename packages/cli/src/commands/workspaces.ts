// `dcloud workspaces`: the workspaces the API key can see, by name and ID — the names that
// `dcloud invite --workspace NAME` takes.
import type { Command } from "commander";
import { WORKSPACES_HELP } from "../help.js";
import type { Act } from "./declare.js";

export function registerWorkspaces(program: Command, action: Act): void {
  program
    .command("workspaces")
    .description("list the workspaces the API key can see, with their IDs")
    .addHelpText("after", WORKSPACES_HELP)
    .action(action("workspaces"));
}
