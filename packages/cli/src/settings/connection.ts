// Everything needed to talk to the API, resolved from flags, environment and
// ~/.deepset-cloud/.env. The base URL is resolved first: a refused URL is a usage
// error (exit 2) whether or not a key exists.
import type { Region } from "@dcloud/client";
import { once } from "../util/once.js";
import { resolveApiKey } from "./api-key.js";
import { resolveBaseUrl } from "./base-url.js";
import { envFilePath, readEnvFile } from "./env-file.js";
import type { Setting } from "./setting.js";

export interface ConnectionFlags {
  /** Not a flag: the key `dcloud login` was given, which it checks before saving. */
  enteredApiKey?: string | undefined;
  apiUrl?: string | undefined;
  region?: Region | undefined;
  apiKeyFile?: string | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  allowInsecureHttp?: boolean | undefined;
}

export interface Environment {
  env: NodeJS.ProcessEnv;
  home: string;
  readStdin: () => Promise<string>;
}

export interface ConnectionSettings {
  apiKey: Setting<string>;
  baseUrl: Setting<string>;
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  allowInsecureHttp: boolean;
}

/** `note` hears which source each setting came from (for --debug), as soon as it is known. */
export async function resolveConnection(
  flags: ConnectionFlags,
  environment: Environment,
  note: (message: string) => void = () => {},
): Promise<ConnectionSettings> {
  // The .env file is read at most once, and only if a setting falls through to it.
  const envFile = once(() => readEnvFile(envFilePath(environment.home), environment.env));
  const allowInsecureHttp = flags.allowInsecureHttp ?? false;
  const baseUrl = resolveBaseUrl({
    apiUrl: flags.apiUrl,
    region: flags.region,
    env: environment.env,
    envFile,
    allowInsecureHttp,
    note,
  });
  note(`base URL ${baseUrl.value} (from ${baseUrl.source})`);
  const apiKey = await resolveApiKey({
    entered: flags.enteredApiKey,
    apiKeyFile: flags.apiKeyFile,
    env: environment.env,
    envFile,
    readStdin: environment.readStdin,
  });
  note(`API key from ${apiKey.source}`);
  return { apiKey, baseUrl, timeoutMs: flags.timeout, maxRetries: flags.maxRetries, allowInsecureHttp };
}
