// `dcloud logout`: removes API_KEY and API_URL from ~/.deepset-cloud/.env (the file `dcloud
// login` and the Python SDK's `deepset-cloud login` write), keeping its other lines.
import { helpText } from "../command.js";
import type { Program } from "../options.js";

const EXAMPLES = `
Examples:
  $ dcloud logout

Nothing to remove is not an error (exit 0). A key in DEEPSET_CLOUD_API_KEY is not touched.
`;

export function declareLogout(program: Program) {
  return program
    .command("logout")
    .description("remove the saved API key (and API URL) from ~/.deepset-cloud/.env")
    .addHelpText("after", helpText(EXAMPLES));
}

export type LogoutDeclared = ReturnType<typeof declareLogout>;
