// `dcloud login`: the key from --api-key-file, or typed at a hidden prompt on a terminal;
// checked with GET /api/v1/me through the same client every command uses (so a refused key
// ends with exit 4 and is never written); then saved, and who is logged in where is said.
import type { UserMe } from "@dcloud/client";
import { CliError } from "../../errors.js";
import { ExitCode } from "../../exit-codes.js";
import type { Output } from "../../output/output.js";
import { readApiKeyFile } from "../../settings/api-key.js";
import { ENV_FILE_LABEL, envFilePath } from "../../settings/env-file.js";
import { readHidden } from "../../settings/hidden-input.js";
import { saveLogin } from "../../settings/login-file.js";
import { present } from "../../settings/setting.js";
import type { CommandContext } from "../act.js";
import type { Run } from "../command.js";
import type { LoginDeclared } from "./command.js";

const PROMPT = "Paste your deepset Cloud API key (Settings → API Keys; the input is hidden): ";

export const run: Run<LoginDeclared> = async (context, command) => {
  const flags = command.optsWithGlobals();
  const { output, runtime, env } = context;
  const entered =
    flags.apiKeyFile !== undefined
      ? (await readApiKeyFile(flags.apiKeyFile, context.readStdin)).value
      : await ask(context);
  if (entered === undefined) return ExitCode.Interrupted;
  const client = await context.connect(entered);
  // A key the API refuses throws here (exit 4): nothing is written.
  const me = await client.getMe();
  // The URL is saved when the user named one; else the file's own (or none: EU) stays.
  const urlGiven = flags.apiUrl !== undefined || flags.region !== undefined || present(env.DEEPSET_CLOUD_API_URL);
  await saveLogin(envFilePath(runtime.home), {
    apiKey: entered.trim(),
    apiUrl: urlGiven ? `${client.baseUrl.replace(/\/+$/, "")}/api/v1` : undefined,
  });
  renderLogin(output, me, client.baseUrl);
  return ExitCode.Ok;
};

/** The key typed at a hidden prompt; undefined on Ctrl-C. Without a terminal, a usage error. */
async function ask({ runtime }: CommandContext): Promise<string | undefined> {
  const terminal = runtime.secretInput();
  if (!terminal || runtime.stderr.isTTY !== true) {
    throw new CliError(
      "usage",
      "No terminal to type the API key at: pass --api-key-file PATH, or --api-key-file - to read it from stdin.",
    );
  }
  const typed = await readHidden(terminal, runtime.stderr, PROMPT);
  if ("entered" in typed) return typed.entered;
  if (typed.cancelled === "interrupt") return undefined;
  throw new CliError("declined", "No API key was entered; nothing was saved.");
}

function renderLogin(output: Output, me: UserMe, baseUrl: string): void {
  if (output.options.json) {
    output.document(me);
    return;
  }
  const name = [me.given_name, me.family_name].filter(Boolean).join(" ");
  output.line(
    `Logged in as ${name ? `${name} <${me.email}>` : me.email} to organization ` +
      `${me.organization.name} (${me.organization.organization_id}) at ${baseUrl}.`,
  );
  output.line(`The key is saved in ${ENV_FILE_LABEL}.`);
}
