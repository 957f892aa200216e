// A scripted fake of the deepset Cloud API on 127.0.0.1 for whole runs: GET /api/v1/me, GET
// /api/v1/workspaces and POST /api/v1/organization/{id}/invitation, answering each attempt of
// each row as a schedule says (see schedule.ts). Like the real API it applies an invitation
// once per email (ignoring case) and answers 409 after that, so it can tell what a run did:
// which emails it applied, which requests it received, and whether a row was sent again
// after its 201 had been delivered. `calm()` turns the faults off for the run that resumes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Answer, Scenario } from "./schedule.js";
import { ME_BODY, ORG_ID } from "./server.js";

export const WORKSPACE = { name: "Research", workspace_id: "5f2a9c1e-7b3d-4e8f-a0b1-c2d3e4f5a6b7" };

export interface Received {
  /** Lower-cased. */
  email: string;
  /** The row's attempt number, from 0, counted over both runs. */
  attempt: number;
  /** "first" run, or the "resume" after it. */
  phase: "first" | "resume";
  /** What the server did: a status, or "reset". */
  answered: number | "reset";
  /** The invitation was applied by this request. */
  applied: boolean;
}

export interface FakeApi {
  url: string;
  /** Every invitation request, in order of arrival. */
  received: Received[];
  /** Emails (lower-cased) whose invitation the server applied, with how many times (1 is right). */
  applied: Map<string, number>;
  /** Emails whose 201 reached the client, and a request for that email came again afterwards. */
  sentAgainAfterConfirmed: Set<string>;
  /** Invitation requests seen in the current phase. */
  posts(): number;
  /** Resolves once the server has seen `n` invitation requests in the current phase. */
  whenPosts(n: number): Promise<void>;
  /** From now on every invitation is answered "ok" (201, or 409 when already applied). */
  calm(): void;
  close(): Promise<void>;
}

export async function startFakeApi(scenario: Scenario, emails: readonly string[]): Promise<FakeApi> {
  const rowOf = new Map(emails.map((email, i) => [email.toLowerCase(), i]));
  const members = new Set(emails.filter((_, i) => scenario.members[i]).map((e) => e.toLowerCase()));
  const attempts = new Map<string, number>();
  const confirmed = new Set<string>();
  let phase: "first" | "resume" = "first";
  let phasePosts = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const api: FakeApi = {
    url: "",
    received: [],
    applied: new Map(),
    sentAgainAfterConfirmed: new Set(),
    posts: () => phasePosts,
    whenPosts(n) {
      if (phasePosts >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    calm() {
      phase = "resume";
      phasePosts = 0;
    },
    close: async () => {},
  };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const invitation = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const email = String((JSON.parse(body) as { email?: unknown }).email).toLowerCase();
    const attempt = attempts.get(email) ?? 0;
    attempts.set(email, attempt + 1);
    const postNumber = phasePosts++;
    for (const waiter of waiters.filter((w) => phasePosts >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (confirmed.has(email)) api.sentAgainAfterConfirmed.add(email);
    const row = rowOf.get(email);
    const scripted: Answer =
      phase === "first" && row !== undefined
        ? (scenario.answers[row]?.[attempt] ?? { kind: "ok", slowMs: 0 })
        : { kind: "ok", slowMs: 0 };
    const record = (answered: number | "reset", applied: boolean) =>
      api.received.push({ email, attempt, phase, answered, applied });
    const apply = (): boolean => {
      if (members.has(email) || api.applied.has(email)) return false;
      api.applied.set(email, (api.applied.get(email) ?? 0) + 1);
      return true;
    };
    const answer = () => {
      if (res.destroyed) return;
      const stop = phase === "first" ? scenario.stop : null;
      if (stop && postNumber >= stop.afterPosts) {
        record(stop.status, false);
        const detail = { 401: "Not authenticated", 402: "Payment required", 429: "Quota exhausted" }[stop.status];
        return json(res, stop.status, { detail }, stop.status === 429 ? stop.headers : {});
      }
      switch (scripted.kind) {
        case "unprocessable":
          record(422, false);
          return json(res, 422, { detail: [{ loc: ["body", "email"], msg: "rejected", type: "value_error" }] });
        case "rate_limited":
          record(429, false);
          return json(res, 429, { detail: "Too many requests" }, scripted.headers);
        case "unavailable":
          record(503, false);
          return json(res, 503, { detail: "Something went wrong during signup" });
        case "reset_before":
          record("reset", false);
          return req.socket.destroy();
        case "reset_after":
          record("reset", apply());
          return req.socket.destroy();
        case "ok": {
          if (!apply()) {
            record(409, false);
            return json(res, 409, { detail: "The user already belongs to the organization." });
          }
          record(201, true);
          res.on("finish", () => confirmed.add(email));
          return json(res, 201, {}, { "x-request-id": `req-${api.received.length}` });
        }
      }
    };
    if (scripted.slowMs > 0) setTimeout(answer, scripted.slowMs);
    else answer();
  };

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      if (req.method === "GET" && req.url === "/api/v1/me") return json(res, 200, ME_BODY);
      if (req.method === "GET" && req.url === "/api/v1/workspaces") return json(res, 200, [WORKSPACE]);
      if (req.method === "POST" && req.url === `/api/v1/organization/${ORG_ID}/invitation`) {
        return invitation(req, res, body);
      }
      json(res, 404, { detail: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}
