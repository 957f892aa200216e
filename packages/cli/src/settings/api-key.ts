// Where the API key comes from, first found wins: --api-key-file, env
// DEEPSET_CLOUD_API_KEY, then API_KEY in ~/.deepset-cloud/.env. There is deliberately
// no flag that takes the key itself: it would end up in shell history and `ps`.
// The key's value never appears in any message built here.
import { readFile } from "node:fs/promises";
import { CliError } from "../errors.js";
import { ENV_FILE_LABEL } from "./env-file.js";
import { present, type Setting } from "./setting.js";

export interface ApiKeySources {
  /** The key typed at `dcloud login`'s prompt (or read from its --api-key-file): it wins. */
  entered?: string | undefined;
  /** `--api-key-file`: a path, or `-` for stdin. */
  apiKeyFile: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Read only when the earlier sources give nothing. */
  envFile: () => Record<string, string>;
  readStdin: () => Promise<string>;
}

const NO_KEY_HELP =
  `Run \`dcloud login\` (it saves the key in ${ENV_FILE_LABEL}, as the Python SDK's \`deepset-cloud login\` does), ` +
  "pass --api-key-file PATH (or - for stdin), or set DEEPSET_CLOUD_API_KEY. " +
  "Create a key in deepset Cloud under Settings → API Keys.";

export async function resolveApiKey(sources: ApiKeySources): Promise<Setting<string>> {
  const found = await findApiKey(sources);
  if (!found) throw new CliError("missing_api_key", `No API key found. ${sdkVariableNote(sources.env)}${NO_KEY_HELP}`);
  checkSendable(found);
  return found;
}

/**
 * The SDK reads its key from the variable API_KEY; someone used to it may have set that and
 * expect dcloud to see it. dcloud does not read so generic a name (any tool's key could be in
 * it), so the error says which name it reads instead.
 */
function sdkVariableNote(env: NodeJS.ProcessEnv): string {
  if (!present(env.API_KEY)) return "";
  return `API_KEY is set in the environment, but dcloud does not read it: it reads DEEPSET_CLOUD_API_KEY (or API_KEY in ${ENV_FILE_LABEL}). `;
}

async function findApiKey({
  entered,
  apiKeyFile,
  env,
  envFile,
  readStdin,
}: ApiKeySources): Promise<Setting<string> | undefined> {
  if (entered !== undefined) {
    const value = present(entered);
    if (!value) throw new CliError("missing_api_key", "No API key was entered; nothing was saved.");
    return { value, source: "dcloud login" };
  }
  if (apiKeyFile !== undefined) return readApiKeyFile(apiKeyFile, readStdin);
  const fromEnv = present(env.DEEPSET_CLOUD_API_KEY);
  if (fromEnv) return { value: fromEnv, source: "env DEEPSET_CLOUD_API_KEY" };
  const fromFile = present(envFile().API_KEY);
  if (fromFile) return { value: fromFile, source: `${ENV_FILE_LABEL} (API_KEY)` };
  return undefined;
}

/** The key in --api-key-file PATH, or on stdin for `-`; an empty one is an error, not a fall-through. */
export async function readApiKeyFile(apiKeyFile: string, readStdin: () => Promise<string>): Promise<Setting<string>> {
  const source = apiKeyFile === "-" ? "--api-key-file - (stdin)" : `--api-key-file ${apiKeyFile}`;
  const text = apiKeyFile === "-" ? await readStdin() : await readKeyFile(apiKeyFile);
  const value = present(text);
  // The user pointed at this file on purpose: falling back to another key would hide the mistake.
  if (!value) throw new CliError("missing_api_key", `No API key in ${source}: it is empty.`);
  return { value, source };
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError("usage", `Cannot read the API key file ${path}: ${reason}`);
  }
}

/**
 * A key with a line break or other control character inside cannot go into an HTTP header;
 * fetch would refuse it with a message that quotes the header, key included. Stop here with
 * a message that does not.
 */
function checkSendable({ value, source }: Setting<string>): void {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new CliError(
      "invalid_api_key",
      `The API key from ${source} contains spaces, line breaks or non-ASCII characters; it cannot be sent.`,
    );
  }
}
