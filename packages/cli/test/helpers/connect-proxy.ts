// A forward proxy on 127.0.0.1 that speaks CONNECT, as corporate proxies do for https://: it
// records every tunnel asked of it (target and Proxy-Authorization header), then opens it, or
// refuses it with the status a test chooses. Closed when the test ends.
import { createServer, STATUS_CODES } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { onTestFinished } from "vitest";

export interface Tunnel {
  /** host:port, as the CONNECT line names it. */
  target: string;
  proxyAuthorization: string | undefined;
}

export interface TestProxy {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  tunnels: Tunnel[];
}

export async function startProxy({ refuse }: { refuse?: number } = {}): Promise<TestProxy> {
  const tunnels: Tunnel[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  // Plain requests (no tunnel) are not what a client should send for https://.
  const proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on("connection", track);
  proxy.on("connect", (request, client: Socket, head: Buffer) => {
    const target = request.url ?? "";
    tunnels.push({ target, proxyAuthorization: request.headers["proxy-authorization"] });
    if (refuse) {
      const challenge = refuse === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : "";
      client.end(`HTTP/1.1 ${refuse} ${STATUS_CODES[refuse]}\r\n${challenge}Content-Length: 0\r\n\r\n`);
      return;
    }
    const [host = "", port = ""] = target.split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    track(upstream);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
}
