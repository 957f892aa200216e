// A TLS certificate the machine does not accept (most often a company's TLS inspection, whose
// certificate authority Node does not know) is not a network blip: retrying cannot mend it, and
// the message names the problem and how to trust a company CA.
import { describe, expect, it } from "vitest";
import { ConnectionError, createDeepsetCloud } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, mockFetch, ORG } from "../helpers/mock-fetch.js";

/** What Node's fetch throws when the TLS handshake refuses the server's certificate. */
function certificateFailure(code: string, message: string) {
  return () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
  };
}

async function inviteThrough(fail: () => never) {
  const mock = mockFetch(fail);
  const log: string[] = [];
  const logger = {
    debug: (m: string) => log.push(`debug ${m}`),
    info: () => {},
    warn: (m: string) => log.push(`warn ${m}`),
    error: () => {},
  };
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 2, logger });
  const error = await dc.inviteUser(ORG, ADA).catch((e: unknown) => e);
  return { error, requests: mock.requests.length, log };
}

describe("a certificate error", () => {
  it.each([
    ["SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"],
  ])(
    "from an unknown issuer (%s): ConnectionError naming it and NODE_EXTRA_CA_CERTS, sent once",
    async (code, problem) => {
      const { error, requests, log } = await inviteThrough(certificateFailure(code, problem));

      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).attempts).toBe(1);
      expect(requests).toBe(1);
      // The attempt is logged; no retry is announced.
      expect(log).toEqual([
        expect.stringMatching(/^debug POST \S+ → no response: ConnectionError \(attempt 1, \d+ ms\)$/),
      ]);
      const { message } = error as Error;
      expect(message).toContain(`Could not reach ${BASE_URL}: ${problem} (${code})`);
      expect(message).toContain("NODE_EXTRA_CA_CERTS");
    },
  );

  it.each([
    ["CERT_HAS_EXPIRED", "certificate has expired"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"],
  ])("of another kind (%s): named, not retried, no advice about a company CA", async (code, problem) => {
    const { error, requests } = await inviteThrough(certificateFailure(code, problem));

    expect(error).toBeInstanceOf(ConnectionError);
    expect(requests).toBe(1);
    expect((error as Error).message).toBe(`Could not reach ${BASE_URL}: ${problem} (${code})`);
  });
});
