// `dcloud whoami`: the user and organization the API key belongs to (GET /api/v1/me).
// A quick check that the key, region and URL are right.
import type { Command } from "commander";
import { ExitCode } from "../exit-codes.js";
import { WHOAMI_HELP } from "../help.js";
import { renderMe } from "../output/whoami.js";
import type { ActionFactory } from "./action.js";

export function registerWhoami(program: Command, action: ActionFactory): void {
  program
    .command("whoami")
    .description("show the user and organization the API key belongs to")
    .addHelpText("after", WHOAMI_HELP)
    .action(
      action(async ({ connect, output }) => {
        const client = await connect();
        renderMe(output, await client.getMe());
        return ExitCode.Ok;
      }),
    );
}
