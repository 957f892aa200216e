// When the request may have reached the server but no whole answer came back, the error says
// the outcome is unknown — never "could not reach", which is kept for a request that provably
// never left. Real connections on 127.0.0.1.

import type { AddressInfo } from "node:net";
import { createServer as createNetServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ConnectionError, createDeepsetCloud } from "../../src/index.js";
import { startServer } from "../helpers/http-server.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

async function attempt(baseUrl: string) {
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl, maxRetries: 0 });
  return (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ConnectionError;
}

describe("a connection that fails after the request was sent", () => {
  it("reset once the request has arrived: outcomeUnknown, and the message says so", async () => {
    const api = await startServer((_req, res) => res.socket?.destroy());

    const error = await attempt(api.url);

    expect(api.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toContain("outcome");
    expect(error.message).toContain("unknown");
    expect(error.message).not.toMatch(/could not reach/i);
  });

  it("a body shorter than its Content-Length: outcomeUnknown", async () => {
    const api = await startServer((_req, res) => {
      res.writeHead(201, { "content-length": "100" });
      res.write("{}");
      setTimeout(() => res.socket?.destroy(), 20);
    });

    const error = await attempt(api.url);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.reason).toBe("reset");
    expect(error.message).toContain("the answer was cut short");
  });
});

describe("a request that never left", () => {
  it("refused: not outcomeUnknown, 'could not reach'", async () => {
    const server = createNetServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const error = await attempt(`http://127.0.0.1:${port}`);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: false, reason: "refused" });
    expect(error.message).toMatch(/^Could not reach/);
  });

  it("a host that does not resolve: not outcomeUnknown", async () => {
    const fetch: typeof globalThis.fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.example.test"), {
          code: "ENOTFOUND",
          syscall: "getaddrinfo",
        }),
      });
    };
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://api.example.test", fetch, maxRetries: 0 });
    const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ConnectionError;

    expect(error).toMatchObject({ outcomeUnknown: false, reason: "dns" });
  });
});
