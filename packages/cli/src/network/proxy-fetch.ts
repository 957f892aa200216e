// The fetch of a run that has a proxy set: undici's fetch through its EnvHttpProxyAgent, which
// tunnels each request through the proxy with CONNECT unless NO_PROXY says otherwise. Loaded
// only when a proxy variable is set, and built into a file of its own (see build.mjs): it
// imports nothing of the CLI but types.
//
// A failure on the way to the proxy is reworded to say so: the client would otherwise report
// "could not reach <the API>" with a code that does not mention the proxy at all.
import { STATUS_CODES } from "node:http";
import { EnvHttpProxyAgent, errors, fetch, type RequestInfo, type RequestInit } from "undici";
import type { ProxySettings } from "./proxy-settings.js";

/** The proxy that requests to the base URL go through, as it may be printed. */
export interface ProxyInUse {
  variable: string;
  /** Scheme, host and port; never the credentials. */
  label: string;
  hasCredentials: boolean;
}

/** Errors of the connection to the proxy itself (through the proxy, the API's host is never resolved or dialled). */
const CONNECT_SYSCALLS = new Set(["connect", "getaddrinfo"]);

/** `proxy`: where requests to the base URL (the only URL the client asks for) go; undefined when direct. */
export function createProxyFetch(settings: ProxySettings, proxy: ProxyInUse | undefined): typeof globalThis.fetch {
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: settings.http?.url.href,
    httpsProxy: settings.https?.url.href,
    noProxy: settings.noProxy?.value ?? "",
  });
  const proxiedFetch = async (input: RequestInfo, init?: RequestInit) => {
    try {
      return await fetch(input, { ...init, dispatcher });
    } catch (error) {
      throw proxy ? explainProxyFailure(error, proxy) : error;
    }
  };
  // undici's fetch types are its own, not those of @types/node; the client passes a URL and an init.
  return proxiedFetch as unknown as typeof globalThis.fetch;
}

/** fetch's TypeError with a cause that names the proxy, when the proxy is what failed; else the error as it was. */
function explainProxyFailure(error: unknown, proxy: ProxyInUse): unknown {
  const where = `the proxy ${proxy.label} (from ${proxy.variable})`;
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const refused = cause instanceof errors.RequestAbortedError && /^Proxy response \((\d{3})\)/.exec(cause.message);
    if (refused) {
      const status = Number(refused[1]);
      // undici's error stays beneath: it is how the client knows a refused tunnel (never retried).
      return fetchFailed(
        `${where} refused the tunnel: ${status} ${STATUS_CODES[status] ?? ""}`.trim() + advice(status, proxy),
        undefined,
        cause,
      );
    }
    const { code, syscall } = cause as { code?: unknown; syscall?: unknown };
    if (typeof code === "string" && typeof syscall === "string" && CONNECT_SYSCALLS.has(syscall)) {
      // The code stays: it tells the client that nothing was sent.
      return fetchFailed(`${where} cannot be reached`, code);
    }
  }
  return error;
}

function advice(status: number, proxy: ProxyInUse): string {
  if (status === 407) {
    return proxy.hasCredentials
      ? `; check the user name and password in ${proxy.variable}`
      : `; it asks for credentials: ${proxy.variable}=http://user:password@host:port`;
  }
  if (status === 403) return "; it does not allow connections to this host";
  return "";
}

function fetchFailed(message: string, code?: string, cause?: unknown): TypeError {
  const explained = Object.assign(new Error(message, cause ? { cause } : undefined), code ? { code } : {});
  return new TypeError("fetch failed", { cause: explained });
}
