// The proxy a run goes through, read from the environment as curl and undici read it:
// https_proxy / HTTPS_PROXY for https:// URLs, http_proxy / HTTP_PROXY for http:// ones (and
// for https:// ones when no HTTPS proxy is set, as undici does), no_proxy / NO_PROXY for the
// hosts reached directly; lower case first. Nothing here loads undici. A proxy URL may hold
// credentials (http://user:password@host:port): only `proxyLabel` is ever printed.
import { CliError } from "../errors.js";

export interface ProxyFromEnv {
  /** The variable it came from, e.g. `HTTPS_PROXY`. */
  variable: string;
  /** The proxy's URL, credentials included. */
  url: URL;
}

export interface ProxySettings {
  https: ProxyFromEnv | undefined;
  http: ProxyFromEnv | undefined;
  /** NO_PROXY: host names, domain suffixes (`.corp.example`, `*.corp.example`), `*`, each with an optional `:port`. */
  noProxy: { variable: string; value: string } | undefined;
}

/** Where a request to a URL goes: through a proxy, or direct and why. */
export type Route = { proxy: ProxyFromEnv } | { proxy: undefined; why: string };

/** undefined when no proxy is set; a malformed proxy URL is a usage error naming its variable. */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings | undefined {
  const https = readProxy(env, "https_proxy", "HTTPS_PROXY");
  const http = readProxy(env, "http_proxy", "HTTP_PROXY");
  if (!https && !http) return undefined;
  return { https, http, noProxy: firstSet(env, "no_proxy", "NO_PROXY") };
}

/** The route undici's EnvHttpProxyAgent takes for `target` with these settings (for --debug and error messages). */
export function routeFor(target: URL, { https, http, noProxy }: ProxySettings): Route {
  const proxy = target.protocol === "https:" ? (https ?? http) : http;
  if (!proxy) return { proxy: undefined, why: `${https?.variable} applies to https:// URLs only` };
  const entry = noProxy && bypassingEntry(target, noProxy.value);
  if (entry) return { proxy: undefined, why: `${noProxy.variable} entry "${entry}" bypasses ${proxy.variable}` };
  return { proxy };
}

/** The proxy as it may be printed: scheme, host and port, never its credentials. */
export function proxyLabel({ url }: ProxyFromEnv): string {
  return `${url.protocol}//${url.host}`;
}

function readProxy(env: NodeJS.ProcessEnv, ...names: string[]): ProxyFromEnv | undefined {
  const found = firstSet(env, ...names);
  return found && { variable: found.variable, url: parseProxyUrl(found.variable, found.value) };
}

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): { variable: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { variable: name, value };
  }
  return undefined;
}

// The value is never quoted in a message: it may hold a password.
function parseProxyUrl(variable: string, value: string): URL {
  const expected = "expected http://[user:password@]host:port";
  // Like curl, a value without a scheme (proxy.example.com:8080) means http://.
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError("usage", `${variable} is not a valid proxy URL; ${expected}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError("usage", `${variable} names a ${url.protocol}// proxy; ${expected} (or https://)`);
  }
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    throw new CliError(
      "usage",
      `${variable} has a "%" in its user name or password that is not followed by two hex digits; percent-encode it as %25`,
    );
  }
  return url;
}

/** The NO_PROXY entry that sends `target` direct, matched as undici matches it. */
function bypassingEntry(target: URL, noProxy: string): string | undefined {
  if (noProxy === "*") return "*";
  // url.host keeps an IPv6 address's brackets, as undici compares it.
  const host = target.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  return noProxy.split(/[,\s]/).find((entry) => {
    if (!entry) return false;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort && Number(withPort[2]) !== port) return false;
    const name = (withPort?.[1] ?? entry).replace(/^\*?\./, "").toLowerCase();
    return host === name || host.endsWith(`.${name}`);
  });
}
