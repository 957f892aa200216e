// `dcloud workspaces`: the workspaces the API key can see, by name and ID — the names that
// `dcloud invite --workspace NAME` takes.
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { WORKSPACES_HELP } from "../help.js";
import { renderWorkspaces } from "../output/workspaces.js";
import type { ActionFactory } from "./action.js";

export function registerWorkspaces(program: Command, action: ActionFactory): void {
  program
    .command("workspaces")
    .description("list the workspaces the API key can see, with their IDs")
    .addHelpText("after", WORKSPACES_HELP)
    .action(
      action(async ({ connect, output }) => {
        const client = await connect();
        renderWorkspaces(output, await client.listWorkspaces());
        return ExitCode.Ok;
      }),
    );
}
