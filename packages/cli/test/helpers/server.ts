// A scripted stand-in for the deepset Cloud API on 127.0.0.1 (a free port): it records
// every request and answers from a per-test script. It closes itself when the test ends.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to provoke a timeout). */
  delayMs?: number;
}

/** Maps "METHOD /path" to a reply, or to replies given in turn (the last one repeats); anything else gets 404. */
export type Routes = Record<string, Reply | Reply[]>;

export interface ScriptedServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  requests: RecordedRequest[];
}

export const ORG_ID = "3c9f7a2e-5d1b-4e8a-9f60-1b2c3d4e5f60";
export const INVITE_PATH = `/api/v1/organization/${ORG_ID}/invitation`;

export const ME_BODY = {
  user_id: "7e1d2c3b-4a59-4687-9a0b-c1d2e3f40516",
  given_name: "Ada",
  family_name: "Lovelace",
  email: "ada@example.com",
  organization: { organization_id: ORG_ID, name: "Analytical Engines" },
  // The live /me carries more fields than the spec names; they must pass through.
  is_superuser: false,
};

export async function startServer(routes: Routes = {}): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  const next = (key: string): Reply => {
    const route = routes[key];
    if (!Array.isArray(route)) return route ?? { status: 404, body: { detail: "Not Found" } };
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    return route[Math.min(index, route.length - 1)] ?? { status: 404 };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const reply = next(`${recorded.method} ${recorded.url}`);
      const send = () => {
        const hasBody = reply.body !== undefined;
        res.writeHead(reply.status, { ...(hasBody ? { "content-type": "application/json" } : {}), ...reply.headers });
        res.end(hasBody ? JSON.stringify(reply.body) : undefined);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  return { url: await listenForThisTest(server), requests };
}

/** Listens on 127.0.0.1 (a free port) until the current test ends; resolves the server's URL. */
export async function listenForThisTest(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback URL where nothing listens (a port that was free a moment ago). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The usual happy answers: /me, and 201 for the invitation. */
export const OK_ROUTES: Routes = {
  "GET /api/v1/me": { status: 200, body: ME_BODY, headers: { "x-request-id": "req-me-1" } },
  [`POST ${INVITE_PATH}`]: { status: 201, body: {}, headers: { "x-request-id": "req-invite-1" } },
};

export function inviteReply(reply: Reply | Reply[]): Routes {
  return { ...OK_ROUTES, [`POST ${INVITE_PATH}`]: reply };
}
