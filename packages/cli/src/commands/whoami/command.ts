// `dcloud whoami`: the user and organization the API key belongs to (GET /api/v1/me).
// A quick check that the key, region and URL are right.
import { helpText } from "../command.js";
import type { Program } from "../options.js";

const EXAMPLES = `
Examples:
  $ dcloud whoami
  $ dcloud whoami --json
  $ printf '%s' "$KEY" | dcloud whoami --api-key-file -
`;

export function declareWhoami(program: Program) {
  return program
    .command("whoami")
    .description("show the user and organization the API key belongs to")
    .addHelpText("after", helpText(EXAMPLES));
}

export type WhoamiDeclared = ReturnType<typeof declareWhoami>;
