// A stand-in for the API that behaves like the real one where bulk runs care: an invitation
// is applied once per email (ignoring case), and a repeat gets 409. Faults can be scripted
// per email and attempt, including the nasty one: apply the invitation, then fail the
// response. Listens on 127.0.0.1 (a free port) and closes when the test ends.
import { createServer, type ServerResponse } from "node:http";
import { listenForThisTest, ME_BODY, ORG_ID } from "./server.js";

export type Fault =
  | { kind: "status"; status: number; headers?: Record<string, string> } // answer this without applying
  | { kind: "apply-then-status"; status: number } // apply, then answer this (the outcome is lost)
  | { kind: "reset" } // destroy the connection without an answer, without applying
  | { kind: "apply-then-reset" }; // apply, then destroy the connection

export interface InvitationServer {
  url: string;
  /** Invitations applied, by lower-cased email: how many times (1 is right). */
  applied: Map<string, number>;
  /** Every POST to the invitation path, in order of arrival. */
  posts: { email: string; body: string; authorization: string | undefined }[];
  /** Requests of any kind. */
  requests: number;
}

export interface InvitationServerOptions {
  /** Faults for an email's attempts: the first entry for its first attempt, and so on. */
  faults?: Record<string, Fault[]>;
  /** A status for every invitation (e.g. 402), applied to none. */
  always?: number;
  /** Wait this long before answering each invitation. */
  delayMs?: number;
}

export async function startInvitationServer(options: InvitationServerOptions = {}): Promise<InvitationServer> {
  const state: InvitationServer = { url: "", applied: new Map(), posts: [], requests: 0 };
  const attempts = new Map<string, number>();
  const invitePath = `/api/v1/organization/${ORG_ID}/invitation`;

  const reply = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      state.requests++;
      if (req.method === "GET" && req.url === "/api/v1/me") return reply(res, 200, ME_BODY);
      if (req.method !== "POST" || req.url !== invitePath) return reply(res, 404, { detail: "Not Found" });
      const email = String((JSON.parse(body) as { email?: unknown }).email).toLowerCase();
      state.posts.push({ email, body, authorization: req.headers.authorization });
      const attempt = attempts.get(email) ?? 0;
      attempts.set(email, attempt + 1);
      const apply = () => state.applied.set(email, (state.applied.get(email) ?? 0) + 1);
      const answer = () => {
        if (options.always) return reply(res, options.always);
        const fault = options.faults?.[email]?.[attempt];
        if (fault?.kind === "status") return reply(res, fault.status, undefined, fault.headers);
        if (fault?.kind === "reset") return req.socket.destroy();
        if (state.applied.has(email))
          return reply(res, 409, { detail: "The user already belongs to the organization." });
        apply();
        if (fault?.kind === "apply-then-status") return reply(res, fault.status);
        if (fault?.kind === "apply-then-reset") return req.socket.destroy();
        reply(res, 201, {}, { "x-request-id": `req-${state.posts.length}` });
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  state.url = await listenForThisTest(server);
  return state;
}

/** A CSV of `n` distinct users, header first; `user<i>@example.com`. */
export function usersCsv(n: number, { role = "member" }: { role?: string } = {}): string {
  const rows = ["email,given_name,family_name,role,workspace_ids"];
  for (let i = 1; i <= n; i++) rows.push(`user${i}@example.com,Given${i},Family${i},${role},`);
  return `${rows.join("\n")}\n`;
}
