// ~/.deepset-cloud/.env is the file the official Python SDK's `deepset-cloud login`
// writes (API_KEY, API_URL). Reading it lets a user who logged in there use dcloud
// without further setup; it is read by the SDK's own rules (dotenv-grammar.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../errors.js";
import { dotenvValues } from "./dotenv-grammar.js";

/** How the file is named in messages (the real path holds the user's home directory). */
export const ENV_FILE_LABEL = "~/.deepset-cloud/.env";

export function envFilePath(home: string): string {
  return join(home, ".deepset-cloud", ".env");
}

/**
 * The file's variables; a missing file is the same as an empty one. `env` is the environment
 * that `${NAME}` in a value expands from, as the SDK expands it.
 */
export function readEnvFile(path: string, env: NodeJS.ProcessEnv): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError("usage", `Cannot read ${ENV_FILE_LABEL} (${path}): ${(error as Error).message}`);
  }
  return dotenvValues(text, env);
}
