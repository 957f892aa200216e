// A tiny HTTP proxy in front of Prism. It forwards every request unchanged, except that
// it can add `Prefer: code=<status>`, which makes Prism answer with that status (if the
// request is valid). The client and the CLI have no business sending Prism's Prefer
// header, so this is how tests and the demo drive a 402, 409, 422 or 503 through the
// real code. It also counts the requests that reached it and records each response's
// `sl-violations` header (Prism's list of request/response violations of the spec), so
// a test can assert that nothing the client or CLI sent broke the spec, and that a
// command sent nothing at all.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request that passed through the proxy, and Prism's answer to it. */
export interface ProxiedExchange {
  method: string;
  /** Path and query, as received. */
  path: string;
  status: number;
  /** Prism's `sl-violations` header, or undefined when the exchange broke no rule of the spec. */
  violations: string | undefined;
}

export interface PreferProxy {
  /** The proxy's origin, e.g. `http://127.0.0.1:41235`; use it as the API URL. */
  readonly url: string;
  /** How many requests reached the proxy (and so would have reached Prism). */
  readonly requests: number;
  /** Every exchange whose response has arrived, in order. */
  readonly exchanges: readonly ProxiedExchange[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 (port 0) that forwards to `targetUrl` (Prism's origin).
 * With `code`, every request gets `Prefer: code=<code>`; without it, the proxy only
 * counts and records. With `stripAuthorization`, the key never reaches Prism (which answers 401).
 */
export async function startPreferProxy(
  targetUrl: string,
  code?: number,
  options: {
    /** Drop the request's Authorization header, so Prism's bearer check answers 401 (how a CLI test meets a 401). */
    stripAuthorization?: boolean;
  } = {},
): Promise<PreferProxy> {
  const target = new URL(targetUrl);
  if (target.protocol !== "http:") throw new Error(`startPreferProxy: only http:// targets, got ${targetUrl}`);
  let requests = 0;
  const exchanges: ProxiedExchange[] = [];

  const server = http.createServer((req, res) => {
    requests += 1;
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
    if (code !== undefined) headers["prefer"] = `code=${code}`;
    if (options.stripAuthorization) delete headers["authorization"];
    const upstream = http.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent: false,
      },
      (answer) => {
        const violations = answer.headers["sl-violations"];
        exchanges.push({
          method: req.method ?? "GET",
          path: req.url ?? "/",
          status: answer.statusCode ?? 0,
          violations: Array.isArray(violations) ? violations.join(", ") : violations,
        });
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`prefer-proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    exchanges,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
}
