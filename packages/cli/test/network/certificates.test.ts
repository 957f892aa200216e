// A company CA: an HTTPS server on loopback whose certificate is signed by a CA made for this
// run. Trusted through NODE_EXTRA_CA_CERTS, it answers; untrusted, the run fails at once (a
// certificate is not a network blip to retry) with a message that names the TLS problem and
// says how to trust a company CA. Each run's environment is set in full by runCli.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS, runCli } from "../helpers/cli.js";
import { startProxy } from "../helpers/connect-proxy.js";
import { makeCertificates, startHttpsServer, type TestCertificates } from "../helpers/https-server.js";
import { ME_BODY } from "../helpers/server.js";

let certificates: TestCertificates;
beforeAll(async () => {
  certificates = await makeCertificates();
}, 30_000);
afterAll(() => certificates.remove());

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

describe("a server certificate signed by a company CA", { timeout: 30_000 }, () => {
  it("is trusted when NODE_EXTRA_CA_CERTS names the CA's file", async () => {
    const server = await startHttpsServer(certificates);
    const result = await runCli(["whoami", "--api-url", server.url, "--json"], {
      env: { ...env, NODE_EXTRA_CA_CERTS: certificates.caFile },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(ME_BODY);
  });

  it.each([
    ["directly", false],
    ["through a proxy (TLS inspection)", true],
  ])(
    "untrusted, reached %s: one attempt, and a message naming the problem and NODE_EXTRA_CA_CERTS",
    async (_, viaProxy) => {
      const server = await startHttpsServer(certificates);
      const proxy = await startProxy();
      const result = await runCli(["whoami", "--api-url", server.url, "--debug", "--json"], {
        env: { ...env, ...(viaProxy ? { HTTPS_PROXY: proxy.url } : {}) },
      });

      expect(result.code).toBe(1);
      expect(server.requests).toEqual([]);
      expect(proxy.tunnels).toHaveLength(viaProxy ? 1 : 0);
      const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
      expect(error.code).toBe("connection");
      expect(error.message).toContain(
        `Could not reach ${server.url}: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN); to trust a company certificate authority (TLS inspection), set NODE_EXTRA_CA_CERTS to its PEM file`,
      );
      // Not retried (the default would be two retries).
      expect(result.stderr).toContain("(attempt 1,");
      expect(result.stderr).not.toContain("(attempt 2,");
      expect(result.stderr).not.toContain("retrying");
    },
  );
});
