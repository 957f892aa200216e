// What a failed fetch means: why no answer came, whether the request may have reached the
// server, and how to say so. Node's fetch says only "fetch failed"; the facts are in the chain
// of causes beneath it (a system call's code, a TLS code, undici's words for a proxy's refusal).
import { ConnectionError, type ConnectionFailure } from "../core/error.js";

/** Node's codes by what they mean; last, the codes of a TLS certificate it refused (unknown issuer, expired, wrong host name, …). */
const REASONS: [RegExp, ConnectionFailure][] = [
  [/^ECONNREFUSED$/, "refused"],
  [/^(ENOTFOUND|EAI_(AGAIN|FAIL|NONAME))$/, "dns"],
  [/^(ECONNRESET|ECONNABORTED|EPIPE|UND_ERR_(SOCKET|CLOSED))$/, "reset"],
  [/CERT|^UNABLE_TO_VERIFY_LEAF_SIGNATURE$|^INVALID_CA$/, "untrusted_certificate"],
];
/** Certificates signed by an issuer Node does not know: what a company's TLS inspection presents. */
const UNKNOWN_ISSUER_CODE = /SELF_SIGNED|ISSUER_CERT|VERIFY_LEAF|UNTRUSTED/;
/** undici's words when a proxy answers CONNECT with anything but 200 (407 wrong password, 403 …). */
const PROXY_REFUSAL = /Proxy response \(\d{3}\)/;
/** System calls that fail before a request is written. */
const SETUP_SYSCALL = /^(connect|getaddrinfo6?)$/;

/** One error of the chain fetch throws. */
interface Cause {
  message?: unknown;
  /** Node's name for what failed (a DOMException's code is a number instead). */
  code?: unknown;
  syscall?: unknown;
  cause?: unknown;
}

export interface FailedAttempt {
  /** The origin asked, for "could not reach …". */
  target: string;
  /** "POST https://…/invitation", for "the outcome of … is unknown". */
  request: string;
  attempt: number;
  /** True once the status line had come: a failure now cut the body short. */
  answered: boolean;
}

/** Whether no answer came because of the network (fetch rejects with a TypeError then). */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

export function connectionError(error: unknown, attempt: FailedAttempt): ConnectionError {
  // The error and its causes, outermost first (fetch wraps what failed, sometimes twice).
  const chain: Cause[] = [];
  for (let c = error; chain.length < 8 && c instanceof Object; c = (c as Cause).cause) chain.push(c);
  const coded = chain.findLast((c) => typeof c.code === "string");
  const code = coded?.code as string | undefined;
  const proxyAt = chain.findIndex((c) => PROXY_REFUSAL.test(text(c)));
  const reason: ConnectionFailure =
    proxyAt !== -1 ? "proxy_refused" : (REASONS.find(([codes]) => codes.test(code ?? ""))?.[1] ?? "other");
  // Refused, not found, TLS or the proxy's refusal: the connection was never set up.
  const neverSent =
    (reason !== "reset" && reason !== "other") ||
    SETUP_SYSCALL.test(String(coded?.syscall)) ||
    code === "UND_ERR_CONNECT_TIMEOUT";
  const outcomeUnknown = attempt.answered || !neverSent;
  // A fetch that explains the proxy's refusal (as the CLI's does) wraps undici's words in its own;
  // a DOMException is a wrapper such as undici's "Request was cancelled.", never the explanation.
  const explained = proxyAt === -1 ? undefined : chain.slice(1, proxyAt).find((c) => !(c instanceof DOMException));
  const detail = explained ? text(explained) : describe(coded ?? chain.at(-1), code);
  const message = outcomeUnknown
    ? `The outcome of ${attempt.request} is unknown: ${attempt.answered ? "the answer was cut short" : "no answer came"} (${detail}); the server may have carried it out`
    : `Could not reach ${attempt.target}: ${detail}`;
  return new ConnectionError(message, { cause: error, attempts: attempt.attempt, reason, outcomeUnknown });
}

function text(cause: Cause): string {
  return cause.message ? String(cause.message) : "";
}

/**
 * A failed system call (`connect ECONNREFUSED 1.2.3.4:443`) is named by its code; anything
 * else (a TLS certificate problem, an error of the fetch's dispatcher) by its message and code.
 */
function describe(cause: Cause | undefined, code: string | undefined): string {
  const message = cause ? text(cause) : "";
  if (code && (cause?.syscall || !message)) return code;
  if (!code) return message || "fetch failed";
  return UNKNOWN_ISSUER_CODE.test(code)
    ? `${message} (${code}); to trust a company certificate authority (TLS inspection), set NODE_EXTRA_CA_CERTS to its PEM file`
    : `${message} (${code})`;
}
