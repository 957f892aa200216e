// What a failed fetch means: why no answer came, whether the request may have reached the
// server, and how to say so. Node's fetch says only "fetch failed"; the facts are in the chain
// of causes beneath it (a system call's code, a TLS code, undici's words for a proxy's refusal).
import { ConnectionError, type ConnectionFailure } from "../core/error.js";

/** Node's codes for a TLS certificate it refused (unknown issuer, expired, wrong host name, …). */
const CERTIFICATE_CODE = /CERT|^UNABLE_TO_VERIFY_LEAF_SIGNATURE$|^INVALID_CA$/;
/** Certificates signed by an issuer Node does not know: what a company's TLS inspection presents. */
const UNKNOWN_ISSUER_CODE = /SELF_SIGNED|ISSUER_CERT|VERIFY_LEAF|UNTRUSTED/;
/** undici's words when a proxy answers CONNECT with anything but 200 (407 wrong password, 403 …). */
const PROXY_REFUSAL = /Proxy response \((\d{3})\)/;

const REASON_BY_CODE: Readonly<Record<string, ConnectionFailure>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  EAI_NONAME: "dns",
  ECONNRESET: "reset",
  ECONNABORTED: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  UND_ERR_CLOSED: "reset",
};

/** Reasons that prove the request never left: the connection (or tunnel, or TLS) was never set up. */
const NEVER_SENT = new Set<ConnectionFailure>(["refused", "dns", "untrusted_certificate", "proxy_refused"]);
/** System calls that fail before a request is written. */
const SETUP_SYSCALLS = new Set(["connect", "getaddrinfo", "getaddrinfo6"]);

interface Cause {
  /** A DOMException: a wrapper such as undici's "Request was cancelled.", never the explanation. */
  wrapper: boolean;
  message: string;
  code: string | undefined;
  syscall: string | undefined;
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
  const chain = causes(error);
  const coded = [...chain].reverse().find((c) => c.code !== undefined);
  const code = coded?.code;
  const proxyAt = chain.findIndex((c) => PROXY_REFUSAL.test(c.message));
  const proxy = proxyAt === -1 ? undefined : chain[proxyAt];
  const reason: ConnectionFailure = proxy
    ? "proxy_refused"
    : code && CERTIFICATE_CODE.test(code)
      ? "untrusted_certificate"
      : ((code ? REASON_BY_CODE[code] : undefined) ?? "other");
  const neverSent =
    NEVER_SENT.has(reason) || SETUP_SYSCALLS.has(coded?.syscall ?? "") || code === "UND_ERR_CONNECT_TIMEOUT";
  const outcomeUnknown = attempt.answered || !neverSent;
  // A fetch that explains the proxy's refusal (as the CLI's does) wraps undici's words in its own.
  const explained = proxy ? chain.slice(1, proxyAt).find((c) => !c.wrapper) : undefined;
  const detail = explained?.message ?? describe(chain, coded);
  const message = outcomeUnknown
    ? `The outcome of ${attempt.request} is unknown: ${attempt.answered ? "the answer was cut short" : "no answer came"} (${detail}); the server may have carried it out`
    : `Could not reach ${attempt.target}: ${detail}`;
  return new ConnectionError(message, { cause: error, attempts: attempt.attempt, reason, outcomeUnknown });
}

/** The error and its causes, outermost first (fetch wraps what failed, sometimes twice). */
function causes(error: unknown): Cause[] {
  const chain: Cause[] = [];
  let current = error as { cause?: unknown } | undefined;
  for (let depth = 0; depth < 8 && current instanceof Object; depth++) {
    const { message, code, syscall } = current as { message?: unknown; code?: unknown; syscall?: unknown };
    chain.push({
      wrapper: current instanceof DOMException,
      message: message ? String(message) : "",
      // A DOMException's code is a number, not one of Node's names.
      code: typeof code === "string" ? code : undefined,
      syscall: typeof syscall === "string" ? syscall : undefined,
    });
    current = current.cause as { cause?: unknown } | undefined;
  }
  return chain;
}

/**
 * A failed system call (`connect ECONNREFUSED 1.2.3.4:443`) is named by its code; anything
 * else (a TLS certificate problem, an error of the fetch's dispatcher) by its message and code.
 */
function describe(chain: Cause[], coded: Cause | undefined): string {
  const innermost = chain[chain.length - 1];
  const { code, syscall } = coded ?? {};
  const message = (coded ?? innermost)?.message;
  if (code && (syscall || !message)) return code;
  if (!message) return "fetch failed";
  const described = code ? `${message} (${code})` : message;
  if (code && UNKNOWN_ISSUER_CODE.test(code)) {
    return `${described}; to trust a company certificate authority (TLS inspection), set NODE_EXTRA_CA_CERTS to its PEM file`;
  }
  return described;
}
