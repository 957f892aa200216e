import { DeepsetCloudError } from "../core/error.js";

/** The API's hosts by region (the spec's `servers`). */
export const REGION_URLS = {
  eu: "https://api.cloud.deepset.ai",
  us: "https://api.us.deepset.ai",
} as const;

export type Region = keyof typeof REGION_URLS;

export function isRegion(value: string): value is Region {
  return Object.hasOwn(REGION_URLS, value);
}

/**
 * The origin (plus any path prefix) that the spec's paths hang from. Users often paste the
 * URL the Python SDK uses, which ends in `/api/v1`; the spec's paths already start with it.
 */
export function normalizeBaseUrl(raw: string, { allowInsecureHttp = false } = {}): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new DeepsetCloudError(`Invalid base URL "${raw}": not an absolute URL such as ${REGION_URLS.eu}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new DeepsetCloudError(`Invalid base URL "${raw}": only https:// (or http:// to loopback) is supported`);
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new DeepsetCloudError(
      `Refusing http:// base URL "${url.origin}": the API key would travel unencrypted. ` +
        "Use https://, or allow it explicitly (allowInsecureHttp / --allow-insecure-http).",
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new DeepsetCloudError(`Invalid base URL "${url.origin}": it may not carry a query, fragment or credentials`);
  }
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  return url.origin + path;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === "[::1]"
  );
}
