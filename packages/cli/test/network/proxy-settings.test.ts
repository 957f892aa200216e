// Reading the proxy variables, and the route a URL takes (what --debug and error messages
// say): NO_PROXY host names, domain suffixes, `*` and ports, matched as undici's
// EnvHttpProxyAgent matches them. proxy.test.ts checks, with a real proxy, that the two agree.
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/errors.js";
import { readProxySettings, routeFor } from "../../src/network/proxy-settings.js";

const PROXY = "http://proxy.corp.example:3128";

function routeOf(url: string, env: NodeJS.ProcessEnv): string {
  const settings = readProxySettings(env);
  if (!settings) return "no proxy set";
  const route = routeFor(new URL(url), settings);
  return route.proxy ? `via ${route.proxy.variable}` : `direct: ${route.why}`;
}

describe("readProxySettings", () => {
  it("is undefined when no proxy is set (NO_PROXY alone, or blank values, set none)", () => {
    expect(readProxySettings({})).toBeUndefined();
    expect(readProxySettings({ NO_PROXY: "*", HTTPS_PROXY: "  ", http_proxy: "" })).toBeUndefined();
  });

  it("reads a value without a scheme as http://, as curl does", () => {
    expect(readProxySettings({ HTTPS_PROXY: "proxy.corp.example:3128" })?.https?.url.href).toBe(`${PROXY}/`);
  });

  it.each([
    ["http://proxy.corp.example:99999", "HTTPS_PROXY is not a valid proxy URL"],
    ["http://", "HTTPS_PROXY is not a valid proxy URL"],
    ["socks5://proxy.corp.example:1080", "HTTPS_PROXY names a socks5:// proxy"],
    ["http://user:100%@proxy.corp.example:3128", `HTTPS_PROXY has a "%" in its user name or password`],
  ])("refuses %s as a usage error naming the variable, not its value", (value, message) => {
    const refuse = () => readProxySettings({ HTTPS_PROXY: value });
    expect(refuse).toThrow(CliError);
    expect(refuse).toThrow(message);
    try {
      refuse();
    } catch (error) {
      expect((error as CliError).code).toBe("usage");
      expect((error as Error).message).not.toContain("proxy.corp.example");
    }
  });
});

describe("routeFor", () => {
  it.each([
    // [url, NO_PROXY, route]
    ["https://api.cloud.deepset.ai", undefined, "via HTTPS_PROXY"],
    ["https://127.0.0.1:8443", undefined, "via HTTPS_PROXY"],
    ["https://localhost:8443", undefined, "via HTTPS_PROXY"],
    [
      "https://api.cloud.deepset.ai",
      "api.cloud.deepset.ai",
      'direct: NO_PROXY entry "api.cloud.deepset.ai" bypasses HTTPS_PROXY',
    ],
    [
      "https://api.cloud.deepset.ai",
      "API.Cloud.Deepset.AI",
      'direct: NO_PROXY entry "API.Cloud.Deepset.AI" bypasses HTTPS_PROXY',
    ],
    ["https://api.cloud.deepset.ai", "deepset.ai", 'direct: NO_PROXY entry "deepset.ai" bypasses HTTPS_PROXY'],
    ["https://api.cloud.deepset.ai", ".deepset.ai", 'direct: NO_PROXY entry ".deepset.ai" bypasses HTTPS_PROXY'],
    ["https://api.cloud.deepset.ai", "*.deepset.ai", 'direct: NO_PROXY entry "*.deepset.ai" bypasses HTTPS_PROXY'],
    ["https://api.cloud.deepset.ai", "notdeepset.ai", "via HTTPS_PROXY"],
    ["https://api.cloud.deepset.ai", "*", 'direct: NO_PROXY entry "*" bypasses HTTPS_PROXY'],
    [
      "https://api.cloud.deepset.ai",
      "localhost, deepset.ai:443",
      'direct: NO_PROXY entry "deepset.ai:443" bypasses HTTPS_PROXY',
    ],
    ["https://api.cloud.deepset.ai", "deepset.ai:8443", "via HTTPS_PROXY"],
    ["https://127.0.0.1:8443", "127.0.0.1:8443", 'direct: NO_PROXY entry "127.0.0.1:8443" bypasses HTTPS_PROXY'],
  ])("%s with NO_PROXY=%s: %s", (url, noProxy, route) => {
    expect(routeOf(url, { HTTPS_PROXY: PROXY, ...(noProxy === undefined ? {} : { NO_PROXY: noProxy }) })).toBe(route);
  });

  it("takes HTTP_PROXY for https:// when no HTTPS proxy is set, and HTTPS_PROXY never for http://", () => {
    expect(routeOf("https://api.cloud.deepset.ai", { HTTP_PROXY: PROXY })).toBe("via HTTP_PROXY");
    expect(routeOf("http://127.0.0.1:8080", { HTTPS_PROXY: PROXY })).toBe(
      "direct: HTTPS_PROXY applies to https:// URLs only",
    );
    expect(routeOf("http://127.0.0.1:8080", { HTTPS_PROXY: PROXY, http_proxy: PROXY })).toBe("via http_proxy");
  });

  it("reads lower case first, for NO_PROXY too", () => {
    expect(routeOf("https://a.example", { https_proxy: PROXY, HTTPS_PROXY: "http://other:1" })).toBe("via https_proxy");
    expect(routeOf("https://a.example", { HTTPS_PROXY: PROXY, no_proxy: "a.example", NO_PROXY: "b.example" })).toBe(
      'direct: no_proxy entry "a.example" bypasses HTTPS_PROXY',
    );
  });
});
