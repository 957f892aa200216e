// Where the API lives, first found wins: --api-url, --region, env DEEPSET_CLOUD_API_URL,
// API_URL in ~/.deepset-cloud/.env, then the EU region. The URL is checked here, before
// any request (and before the API key is even looked up), so an http:// URL to a remote
// host is refused without a connection being tried.
import { DeepsetCloudError, normalizeBaseUrl, REGION_URLS, type Region } from "@dcloud/client";
import { CliError } from "../errors.js";
import { ENV_FILE_LABEL } from "./env-file.js";
import { present, type Setting } from "./setting.js";

export interface BaseUrlSources {
  apiUrl: string | undefined;
  region: Region | undefined;
  env: NodeJS.ProcessEnv;
  envFile: () => Record<string, string>;
  allowInsecureHttp: boolean;
}

export function resolveBaseUrl(sources: BaseUrlSources): Setting<string> {
  const raw = findBaseUrl(sources);
  try {
    // The client strips a trailing /api/v1 and refuses plain http:// to non-loopback hosts.
    return { value: normalizeBaseUrl(raw.value, { allowInsecureHttp: sources.allowInsecureHttp }), source: raw.source };
  } catch (error) {
    if (!(error instanceof DeepsetCloudError)) throw error;
    throw new CliError("usage", `${error.message} (base URL from ${raw.source})`);
  }
}

function findBaseUrl({ apiUrl, region, env, envFile }: BaseUrlSources): Setting<string> {
  const fromFlag = present(apiUrl);
  if (fromFlag) return { value: fromFlag, source: "--api-url" };
  if (region) return { value: REGION_URLS[region], source: "--region" };
  const fromEnv = present(env.DEEPSET_CLOUD_API_URL);
  if (fromEnv) return { value: fromEnv, source: "env DEEPSET_CLOUD_API_URL" };
  const fromFile = present(envFile().API_URL);
  if (fromFile) return { value: fromFile, source: `${ENV_FILE_LABEL} (API_URL)` };
  return { value: REGION_URLS.eu, source: "default (EU region)" };
}
