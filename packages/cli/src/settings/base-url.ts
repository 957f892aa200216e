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
  /** Hears, for --debug, that an http:// URL of an official host was read as https://. */
  note?: (message: string) => void;
}

/** The API's own hosts: they answer over HTTPS, so they are never sent anything in clear. */
const OFFICIAL_HOSTS = new Set(Object.values(REGION_URLS).map((url) => new URL(url).hostname));

export function resolveBaseUrl(sources: BaseUrlSources): Setting<string> {
  const raw = findBaseUrl(sources);
  const value = overHttps(raw, sources.note ?? (() => {}));
  try {
    // The client strips a trailing /api/v1 and refuses plain http:// to non-loopback hosts.
    return { value: normalizeBaseUrl(value, { allowInsecureHttp: sources.allowInsecureHttp }), source: raw.source };
  } catch (error) {
    if (!(error instanceof DeepsetCloudError)) throw error;
    throw new CliError("usage", `${error.message} (base URL from ${raw.source})`);
  }
}

/**
 * The SDK's `deepset-cloud login` writes `API_URL=http://api.us.deepset.ai/api/v1` for the US
 * region. Sending the key there in clear is never right, and refusing the URL would lock out
 * everyone who logged in with the SDK: an official host named with http:// is reached over
 * https:// instead — even under --allow-insecure-http, which is meant for other hosts.
 */
function overHttps({ value, source }: Setting<string>, note: (message: string) => void): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return value; // normalizeBaseUrl says what is wrong with it
  }
  if (url.protocol !== "http:" || !OFFICIAL_HOSTS.has(url.hostname.replace(/\.$/, ""))) return value;
  const insecure = url.origin;
  url.protocol = "https:";
  note(`${insecure} (from ${source}) is read as ${url.origin}: the official hosts are reached over HTTPS only`);
  return url.href;
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
