// The official hosts are reached over HTTPS only. The SDK's `deepset-cloud login` writes
// `API_URL=http://api.us.deepset.ai/api/v1` for the US: such a URL, from any source, is read as
// https:// (with a --debug note) — never refused, and the key never travels in clear.
//
// The end-to-end cases cannot reach a real deepset host, and must not: dcloud runs behind a
// recording proxy on 127.0.0.1 that refuses everything. What the proxy is asked shows how the
// request would have gone out: an https:// request asks for a CONNECT tunnel to port 443 (the
// key would travel inside TLS); an http:// one hands the proxy the request itself, key included.
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { REGION_URLS } from "@dcloud/client";
import { describe, expect, it, onTestFinished } from "vitest";
import { CliError } from "../../src/errors.js";
import { type BaseUrlSources, resolveBaseUrl } from "../../src/settings/base-url.js";
import { KEYS, runCli } from "../helpers/cli.js";

function resolve(sources: Partial<BaseUrlSources>) {
  const notes: string[] = [];
  const setting = resolveBaseUrl({
    apiUrl: undefined,
    region: undefined,
    env: {},
    envFile: () => ({}),
    allowInsecureHttp: false,
    note: (message) => notes.push(message),
    ...sources,
  });
  return { ...setting, notes };
}

describe("an http:// URL naming an official host", () => {
  it.each([
    ["--api-url", { apiUrl: "http://api.us.deepset.ai/api/v1" }, REGION_URLS.us],
    ["DEEPSET_CLOUD_API_URL", { env: { DEEPSET_CLOUD_API_URL: "http://api.cloud.deepset.ai" } }, REGION_URLS.eu],
    ["the .env file", { envFile: () => ({ API_URL: "http://api.us.deepset.ai/api/v1" }) }, REGION_URLS.us],
    ["--api-url, capitals and the port 80", { apiUrl: "HTTP://API.US.DEEPSET.AI:80/api/v1/" }, REGION_URLS.us],
    [
      "--api-url under --allow-insecure-http",
      { apiUrl: "http://api.us.deepset.ai", allowInsecureHttp: true },
      REGION_URLS.us,
    ],
  ])("from %s is read as https://, with a note", (_, sources, expected) => {
    const { value, notes } = resolve(sources);
    expect(value).toBe(expected);
    expect(notes).toEqual([
      expect.stringMatching(/^http:\/\/api\.(us|cloud)\.deepset\.ai \(from .+\) is read as https:/),
    ]);
  });

  it("says in its note where the URL came from", () => {
    const { notes } = resolve({ envFile: () => ({ API_URL: "http://api.us.deepset.ai/api/v1" }) });
    expect(notes).toEqual([
      "http://api.us.deepset.ai (from ~/.deepset-cloud/.env (API_URL)) is read as https://api.us.deepset.ai: " +
        "the official hosts are reached over HTTPS only",
    ]);
  });

  it.each(["http://api.us.deepset.ai.evil.example", "http://evil.example/api.us.deepset.ai", "http://deepset.ai"])(
    "a look-alike (%s) is not an official host: refused as any http:// URL is",
    (apiUrl) => {
      expect(() => resolve({ apiUrl })).toThrow(CliError);
      expect(() => resolve({ apiUrl })).toThrow(/Refusing http:\/\/ base URL/);
    },
  );

  it("https:// and loopback URLs are left as they are, without a note", () => {
    expect(resolve({ apiUrl: "https://api.us.deepset.ai/api/v1" })).toMatchObject({ value: REGION_URLS.us, notes: [] });
    expect(resolve({ apiUrl: "http://127.0.0.1:8080" })).toMatchObject({ value: "http://127.0.0.1:8080", notes: [] });
  });
});

/** A proxy that records what it is asked and refuses it all, so nothing leaves this machine. */
async function startRecordingProxy() {
  const tunnels: string[] = [];
  const inClear: { url: string; authorization: string | undefined }[] = [];
  const sockets = new Set<Socket>();
  const proxy = createServer((request, response) => {
    inClear.push({ url: request.url ?? "", authorization: request.headers.authorization });
    response.writeHead(502).end();
  });
  proxy.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  proxy.on("connect", (request, client: Socket) => {
    tunnels.push(request.url ?? "");
    client.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
  });
  await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
  onTestFinished(
    () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => done());
      }),
  );
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels, inClear };
}

/** The file the SDK's login writes for the US region, byte for byte: unquoted, no final newline. */
const SDK_US_FILE = `API_KEY=${KEYS.dotenv}\nAPI_URL=http://api.us.deepset.ai/api/v1\nDEFAULT_WORKSPACE_NAME=default`;

describe("the key is never sent in clear to an official host", { timeout: 30_000 }, () => {
  it.each([
    ["the SDK's US file", [] as string[], {}],
    ["the SDK's US file, under --allow-insecure-http", ["--allow-insecure-http"], {}],
    ["--api-url http://api.us.deepset.ai", ["--api-url", "http://api.us.deepset.ai"], {}],
    ["DEEPSET_CLOUD_API_URL=http://api.cloud.deepset.ai", [], { DEEPSET_CLOUD_API_URL: "http://api.cloud.deepset.ai" }],
  ])("%s: dcloud asks for a TLS tunnel to port 443, and hands nothing over in clear", async (_, args, env) => {
    const proxy = await startRecordingProxy();
    const result = await runCli(["whoami", "--max-retries", "0", "--debug", ...args], {
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, ...env },
      dotenv: SDK_US_FILE,
    });

    expect(proxy.inClear).toEqual([]);
    expect(proxy.tunnels).toHaveLength(1);
    expect(proxy.tunnels[0]).toMatch(/^api\.(us|cloud)\.deepset\.ai:443$/);
    expect(result.code).not.toBe(2);
    expect(result.stderr).toMatch(/debug: http:\/\/api\.(us|cloud)\.deepset\.ai \(from .+\) is read as https:/);
  });
});
