import { InvalidRequestError } from "../core/error.js";

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
  const url = URL.parse(raw.trim());
  if (!url) throw invalidBaseUrl(`Invalid base URL "${raw}": not an absolute URL such as ${REGION_URLS.eu}`);
  const { protocol, origin } = url;
  if (protocol !== "https:" && protocol !== "http:") {
    throw invalidBaseUrl(`Invalid base URL "${raw}": only https:// (or http:// to loopback) is supported`);
  }
  if (protocol === "http:" && !allowInsecureHttp && !LOOPBACK.test(url.hostname)) {
    throw invalidBaseUrl(
      `Refusing http:// base URL "${origin}": the API key would travel unencrypted; use https://, or allowInsecureHttp (--allow-insecure-http)`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw invalidBaseUrl(`Invalid base URL "${origin}": it may not carry a query, fragment or credentials`);
  }
  return origin + url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
}

/**
 * Loopback by literal only: `localhost`, an address in 127.0.0.0/8, `::1` or `::ffff:127.x.x.x`
 * (which the URL parser writes as `::ffff:7fxx:xxxx`). A name such as `foo.localhost` is
 * whatever the resolver makes of it, so it does not count.
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/;

/** A base URL that cannot be used: nothing is sent. */
function invalidBaseUrl(message: string): InvalidRequestError {
  return new InvalidRequestError([{ path: "baseUrl", message }], message);
}
