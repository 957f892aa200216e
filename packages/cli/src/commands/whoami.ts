// `dcloud whoami`: the user and organization the API key belongs to (GET /api/v1/me).
// A quick check that the key, region and URL are right.
import type { Command } from "commander";
import { WHOAMI_HELP } from "../help.js";
import type { Act } from "./declare.js";

export function registerWhoami(program: Command, action: Act): void {
  program
    .command("whoami")
    .description("show the user and organization the API key belongs to")
    .addHelpText("after", WHOAMI_HELP)
    .action(action("whoami"));
}
