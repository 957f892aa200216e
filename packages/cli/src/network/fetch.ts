// The fetch the client sends through. Node's own fetch ignores the proxy variables, so when one
// is set the run uses undici's instead, loaded only then. `debug` hears where requests to the
// base URL go: which proxy, or why none (NO_PROXY bypassed it).
import type { ProxyInUse } from "./proxy-fetch.js";
import { type ProxySettings, proxyLabel, routeFor } from "./proxy-settings.js";

export async function fetchFor(
  settings: ProxySettings | undefined,
  baseUrl: string,
  debug: (message: string) => void,
): Promise<typeof globalThis.fetch | undefined> {
  if (!settings) return undefined;
  const route = routeFor(new URL(baseUrl), settings);
  let proxy: ProxyInUse | undefined;
  if (route.proxy) {
    proxy = {
      variable: route.proxy.variable,
      label: proxyLabel(route.proxy),
      hasCredentials: route.proxy.url.username !== "",
    };
    debug(
      `proxy ${proxy.label} (from ${proxy.variable}${proxy.hasCredentials ? ", credentials not shown" : ""}) for ${baseUrl}`,
    );
  } else {
    debug(`no proxy for ${baseUrl}: ${route.why}`);
  }
  const { createProxyFetch } = await import("./proxy-fetch.js");
  return createProxyFetch(settings, proxy);
}
