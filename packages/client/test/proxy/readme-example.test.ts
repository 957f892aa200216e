// The README's example for a proxy, run as written: its code block is bundled (types stripped)
// and run by a child Node with HTTP(S)_PROXY naming a CONNECT proxy on loopback, which
// records each tunnel it opens. The request must reach the server through that tunnel.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { answer, startServer } from "../helpers/http-server.js";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const ME = {
  user_id: "0f4c6a52-1c9e-4b6b-9a0e-6f0f5b1f9c2d",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  organization: { organization_id: "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", name: "Analytical Engines Ltd" },
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function readmeExample(): Promise<string> {
  const readme = await readFile(join(packageDir, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Behind a proxy"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("the README has no code block under “Behind a proxy”");
  return code;
}

/** A CONNECT proxy on 127.0.0.1 that records the target of every tunnel. */
async function startProxy(): Promise<{ url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on("connect", (request, client, head) => {
    tunnels.push(request.url ?? "");
    const [host = "", port = ""] = (request.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
}

function runNode(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the README's proxy example", { timeout: 30_000 }, () => {
  it("sends the client's requests through the proxy that HTTPS_PROXY / HTTP_PROXY name", async () => {
    const server = await startServer((request, response) => {
      if (request.url === "/api/v1/me") answer(response, 200, ME);
      else answer(response, 404, { detail: "Not Found" });
    });
    const proxy = await startProxy();
    const probe = "\ndc.getMe().then((me) => console.log(JSON.stringify(me)));\n";
    const bundled = await build({
      stdin: { contents: (await readmeExample()) + probe, loader: "ts", resolveDir: packageDir },
      alias: { "@dcloud/client": join(packageDir, "src/index.ts") },
      bundle: true,
      platform: "node",
      // CommonJS: undici, bundled in, requires Node's modules.
      format: "cjs",
      write: false,
      logLevel: "silent",
    });
    const dir = await mkdtemp(join(tmpdir(), "dcloud-proxy-example-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "example.cjs");
    await writeFile(file, bundled.outputFiles[0]?.text ?? "");

    // Only what the example needs: none of this machine's own proxy settings.
    const result = await runNode(file, {
      PATH: process.env.PATH ?? "",
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      DEEPSET_CLOUD_API_URL: server.url,
      DEEPSET_CLOUD_API_KEY: "dc_example_key_0123456789",
    });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(ME);
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);
    expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ["GET", "/api/v1/me", "Bearer dc_example_key_0123456789"],
    ]);
  });
});
