// `dcloud login`: asks for an API key on a terminal (hidden) or reads it with --api-key-file,
// checks it with GET /api/v1/me, and saves it in ~/.deepset-cloud/.env — the file the
// official Python SDK's `deepset-cloud login` writes, so both tools share one login.
import { helpText } from "../command.js";
import type { Program } from "../options.js";

const EXAMPLES = `
Examples:
  $ dcloud login
  $ dcloud login --region us
  $ dcloud login --api-key-file ~/.config/dcloud/key
  $ printf '%s' "$KEY" | dcloud login --api-key-file -

The key is checked before it is saved: a key the API refuses is not written (exit 4).
It goes to ~/.deepset-cloud/.env as API_KEY (mode 0600, in a folder at 0700), with API_URL
when --api-url, --region or DEEPSET_CLOUD_API_URL names where it belongs; other lines of
the file are kept. Without a terminal, pass --api-key-file.
`;

export function declareLogin(program: Program) {
  return program
    .command("login")
    .description("check an API key and save it in ~/.deepset-cloud/.env (the Python SDK's file)")
    .addHelpText("after", helpText(EXAMPLES));
}

export type LoginDeclared = ReturnType<typeof declareLogin>;
