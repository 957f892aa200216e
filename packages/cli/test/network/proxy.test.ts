// dcloud behind a proxy, with real parts on loopback: the built CLI in a child process, a
// CONNECT proxy that records each tunnel, and an HTTPS server whose certificate a CA made for
// this run signs, trusted through NODE_EXTRA_CA_CERTS. Each run's environment is set here in
// full (runCli passes on nothing of this machine's own proxy or CA settings), and a target on
// 127.0.0.1 is proxied like any other unless NO_PROXY names it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS, runCli } from "../helpers/cli.js";
import { startProxy } from "../helpers/connect-proxy.js";
import { makeCertificates, startHttpsServer, type TestCertificates } from "../helpers/https-server.js";
import { closedPortUrl, ME_BODY } from "../helpers/server.js";

let certificates: TestCertificates;
beforeAll(async () => {
  certificates = await makeCertificates();
}, 30_000);
afterAll(() => certificates.remove());

/** The environment of a run that trusts the test CA, plus `extra`. */
const trusting = (extra: Record<string, string>) => ({
  DEEPSET_CLOUD_API_KEY: KEYS.env,
  NODE_EXTRA_CA_CERTS: certificates.caFile,
  ...extra,
});

const hostOf = (url: string) => new URL(url).host;

describe("a proxy in the environment", { timeout: 30_000 }, () => {
  it.each(["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"])(
    "%s: requests go through its tunnel, and --debug says which proxy",
    async (variable) => {
      const server = await startHttpsServer(certificates);
      const proxy = await startProxy();
      const result = await runCli(["whoami", "--api-url", server.url, "--json", "--debug"], {
        env: trusting({ [variable]: proxy.url }),
      });

      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(ME_BODY);
      expect(proxy.tunnels.map((t) => t.target)).toEqual([hostOf(server.url)]);
      expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
        ["GET", "/api/v1/me", `Bearer ${KEYS.env}`],
      ]);
      expect(result.stderr).toContain(`debug: proxy ${proxy.url} (from ${variable}) for ${server.url}\n`);
    },
  );

  it("lower case wins over upper case, as curl reads them", async () => {
    const server = await startHttpsServer(certificates);
    const lower = await startProxy();
    const upper = await startProxy();
    const result = await runCli(["whoami", "--api-url", server.url], {
      env: trusting({ https_proxy: lower.url, HTTPS_PROXY: upper.url }),
    });
    expect(result.code).toBe(0);
    expect(lower.tunnels).toHaveLength(1);
    expect(upper.tunnels).toHaveLength(0);
  });

  it.each([
    ["the host", () => "127.0.0.1"],
    ["the host and its port", (port: string) => `example.com, 127.0.0.1:${port}`],
    ["*", () => "*"],
  ])(
    "NO_PROXY naming %s: the request goes direct, and --debug says NO_PROXY bypassed the proxy",
    async (_, noProxy) => {
      const server = await startHttpsServer(certificates);
      const proxy = await startProxy();
      const value = noProxy(new URL(server.url).port);
      const result = await runCli(["whoami", "--api-url", server.url, "--debug"], {
        env: trusting({ HTTPS_PROXY: proxy.url, NO_PROXY: value }),
      });

      expect(result.code).toBe(0);
      expect(proxy.tunnels).toEqual([]);
      expect(server.requests).toHaveLength(1);
      expect(result.stderr).toMatch(
        new RegExp(`debug: no proxy for ${server.url}: NO_PROXY entry "[^"]+" bypasses HTTPS_PROXY\\n`),
      );
    },
  );

  it("NO_PROXY naming another port of the host does not bypass the proxy", async () => {
    const server = await startHttpsServer(certificates);
    const proxy = await startProxy();
    const result = await runCli(["whoami", "--api-url", server.url], {
      env: trusting({ HTTPS_PROXY: proxy.url, NO_PROXY: "127.0.0.1:1" }),
    });
    expect(result.code).toBe(0);
    expect(proxy.tunnels).toHaveLength(1);
  });
});

describe("a proxy that fails", { timeout: 30_000 }, () => {
  it.each([
    [407, "407 Proxy Authentication Required; it asks for credentials: HTTPS_PROXY=http://user:password@host:port"],
    [403, "403 Forbidden; it does not allow connections to this host"],
  ])(
    "refusing the tunnel with %i: the message names the proxy and its answer; nothing reaches the server",
    async (status, says) => {
      const server = await startHttpsServer(certificates);
      const proxy = await startProxy({ refuse: status });
      const result = await runCli(["whoami", "--api-url", server.url, "--max-retries", "0", "--json"], {
        env: trusting({ HTTPS_PROXY: proxy.url }),
      });

      expect(result.code).toBe(1);
      expect(server.requests).toEqual([]);
      expect(proxy.tunnels).toHaveLength(1);
      const message = `Could not reach ${server.url}: the proxy ${proxy.url} (from HTTPS_PROXY) refused the tunnel: ${says}`;
      expect(result.stderr).toContain(`error: ${message}\n`);
      expect(JSON.parse(result.stdout)).toEqual({ error: { code: "connection", status: null, message } });
    },
  );

  it("that cannot be reached: the message names the proxy, not the API", async () => {
    const server = await startHttpsServer(certificates);
    const down = await closedPortUrl();
    const result = await runCli(["whoami", "--api-url", server.url, "--max-retries", "0"], {
      env: trusting({ HTTPS_PROXY: down }),
    });

    expect(result.code).toBe(1);
    expect(server.requests).toEqual([]);
    expect(result.stderr).toContain(
      `error: Could not reach ${server.url}: the proxy ${down} (from HTTPS_PROXY) cannot be reached (ECONNREFUSED)\n`,
    );
  });
});

describe("a malformed proxy URL", { timeout: 30_000 }, () => {
  it.each([
    [
      "HTTPS_PROXY",
      "http://proxy.example.com:port",
      "HTTPS_PROXY is not a valid proxy URL; expected http://[user:password@]host:port",
    ],
    [
      "http_proxy",
      "ftp://proxy.example.com:21",
      "http_proxy names a ftp:// proxy; expected http://[user:password@]host:port (or https://)",
    ],
  ])("%s=%s: a usage error naming the variable (exit 2), nothing sent", async (variable, value, message) => {
    const server = await startHttpsServer(certificates);
    const result = await runCli(["whoami", "--api-url", server.url, "--json"], {
      env: trusting({ [variable]: value }),
    });

    expect(result.code).toBe(2);
    expect(server.requests).toEqual([]);
    expect(result.stderr).toContain(`error: ${message}\n`);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: "usage", status: null, message } });
  });
});

describe("proxy credentials (http://user:password@host:port)", { timeout: 30_000 }, () => {
  const user = "alice.proxyuser";
  const password = "Pr0xy-s3cret!";
  const withCredentials = (url: string) => url.replace("http://", `http://${user}:${encodeURIComponent(password)}@`);
  const basic = Buffer.from(`${user}:${password}`).toString("base64");
  const expectHidden = (...outputs: string[]) => {
    for (const output of outputs) {
      for (const secret of [user, password, encodeURIComponent(password), basic]) expect(output).not.toContain(secret);
    }
  };

  it("reach the proxy as Proxy-Authorization, and appear in no output, --debug and --json included", async () => {
    const server = await startHttpsServer(certificates);
    const proxy = await startProxy();
    const result = await runCli(["whoami", "--api-url", server.url, "--debug", "--json"], {
      env: trusting({ HTTPS_PROXY: withCredentials(proxy.url) }),
    });

    expect(result.code).toBe(0);
    expect(proxy.tunnels.map((t) => t.proxyAuthorization)).toEqual([`Basic ${basic}`]);
    // Neither the credentials nor the key travel to the API server.
    expect(server.requests[0]?.headers["proxy-authorization"]).toBeUndefined();
    expect(result.stderr).toContain(
      `debug: proxy ${proxy.url} (from HTTPS_PROXY, credentials not shown) for ${server.url}\n`,
    );
    expectHidden(result.stdout, result.stderr);
  });

  it("appear in no error: a refused tunnel, an unreachable proxy, a malformed URL", async () => {
    const server = await startHttpsServer(certificates);
    const refusing = await startProxy({ refuse: 407 });
    const down = await closedPortUrl();
    const args = ["whoami", "--api-url", server.url, "--max-retries", "0", "--debug"];
    const runs = await Promise.all([
      runCli(args, { env: trusting({ HTTPS_PROXY: withCredentials(refusing.url) }) }),
      runCli([...args, "--json"], { env: trusting({ HTTPS_PROXY: withCredentials(refusing.url) }) }),
      runCli([...args, "--json"], { env: trusting({ HTTPS_PROXY: withCredentials(down) }) }),
      runCli([...args, "--json"], { env: trusting({ HTTPS_PROXY: `${withCredentials(down)}:99999` }) }),
    ]);

    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 2]);
    expect(runs[0]?.stderr).toContain(
      "refused the tunnel: 407 Proxy Authentication Required; check the user name and password in HTTPS_PROXY",
    );
    for (const run of runs) expectHidden(run.stdout, run.stderr);
  });
});
