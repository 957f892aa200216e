// Two failures that no retry can mend, met for real on 127.0.0.1: a proxy that refuses the
// tunnel (a wrong proxy password: company proxies lock the account after a few tries) and a
// TLS certificate the machine does not trust. Each is tried once, whatever maxRetries says.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, STATUS_CODES } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ProxyAgent, fetch as undiciFetch } from "undici";
import { describe, expect, it, onTestFinished } from "vitest";
import { ConnectionError, createDeepsetCloud } from "../../src/index.js";
import { ADA, API_KEY, ORG } from "../helpers/mock-fetch.js";

async function listen(server: import("node:net").Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

describe("a proxy that refuses the tunnel", () => {
  it.each([407, 403])("with %i: ConnectionError (proxy_refused), one CONNECT with maxRetries 3", async (status) => {
    let tunnels = 0;
    const proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on("connect", (_req, client: Socket) => {
      tunnels++;
      client.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: 0\r\n\r\n`);
    });
    const port = await listen(proxy);
    const dispatcher = new ProxyAgent(`http://127.0.0.1:${port}`);
    onTestFinished(() => dispatcher.close());
    const fetch = ((url: string, init: RequestInit) =>
      undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: "https://api.example.test", fetch, maxRetries: 3 });

    const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ConnectionError;

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "proxy_refused", outcomeUnknown: false, attempts: 1 });
    expect(error.message).toContain(`Proxy response (${status})`);
    expect(tunnels).toBe(1);
  });
});

describe("a TLS certificate the machine does not trust", () => {
  it("self-signed: ConnectionError (untrusted_certificate), one connection with maxRetries 3", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dcloud-client-tls-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await promisify(execFile)(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "key.pem",
      ].concat(["-out", "cert.pem", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]),
      { cwd: dir },
    );
    let connections = 0;
    const server = createHttpsServer(
      { key: await readFile(join(dir, "key.pem")), cert: await readFile(join(dir, "cert.pem")) },
      (_req, res) => res.writeHead(201).end(),
    );
    server.on("connection", () => connections++);
    const port = await listen(server);
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: `https://127.0.0.1:${port}`, maxRetries: 3 });

    const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as ConnectionError;

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: "untrusted_certificate", outcomeUnknown: false, attempts: 1 });
    expect(error.message).toMatch(/^Could not reach .*NODE_EXTRA_CA_CERTS/);
    expect(connections).toBe(1);
  });
});
