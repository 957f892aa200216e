// When to try a request again, and how long to wait first. Pure functions: the loop that
// uses them lives in transport.ts.
import { ApiError, ConnectionError, TimeoutError } from "../core/error.js";

/** Statuses that say "not now" rather than "no": the same request may well succeed later. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** The longest wait a server's Retry-After is obeyed for; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Connection errors that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Node's codes for a TLS certificate it refused (expired, wrong host name, unknown issuer, …):
 * the same certificate will be refused again, so a retry cannot help.
 */
const CERTIFICATE_CODE = /CERT|^UNABLE_TO_VERIFY_LEAF_SIGNATURE$|^INVALID_CA$/;

export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return RETRYABLE_STATUSES.has(error.status);
  if (error instanceof ConnectionError) return !CERTIFICATE_CODE.test(rootCause(error).code ?? "");
  return error instanceof TimeoutError;
}

/**
 * What went wrong under a failed fetch: fetch wraps it ("fetch failed"), sometimes twice (an
 * aborted dispatch), so the innermost cause is the one that knows (ECONNREFUSED, a TLS code, …).
 */
export function rootCause(error: unknown): {
  code?: string | undefined;
  message?: string | undefined;
  syscall?: unknown;
} {
  let cause = error as { cause?: unknown };
  for (let depth = 0; depth < 8 && cause.cause instanceof Object; depth++) cause = cause.cause as { cause?: unknown };
  const { code, message, syscall } = cause as { code?: unknown; message?: unknown; syscall?: unknown };
  // A DOMException's code is a number, not one of Node's names.
  return { code: typeof code === "string" ? code : undefined, message: message ? String(message) : undefined, syscall };
}

/**
 * Whether the server may have acted on a request whose attempt failed: after a timeout, a
 * reset connection or a 5xx nobody knows, so a later 409 may be this call's own invitation.
 * A 429 or a refused connection means the request was not acted on.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  if (error instanceof TimeoutError) return true;
  if (error instanceof ConnectionError) {
    const { code } = rootCause(error);
    return !(code && NOT_SENT_CODES.has(code));
  }
  return false;
}

/**
 * How long to wait before retry number `retry` (0 for the first retry): what the server
 * asked for in `retry-after-ms` or `Retry-After` (seconds or an HTTP date), at most 60 s;
 * otherwise min(0.5·2ⁿ, 8) s, less up to 25 % jitter so that clients do not retry in step.
 */
export function retryDelayMs(
  retry: number,
  headers: Headers | undefined,
  { random = Math.random, now = Date.now() }: { random?: () => number; now?: number } = {},
): number {
  const asked = headers ? serverAskedMs(headers, now) : undefined;
  if (asked !== undefined) return Math.min(asked, MAX_RETRY_AFTER_MS);
  return Math.min(0.5 * 2 ** retry, 8) * (1 - 0.25 * random()) * 1000;
}

/** What a server asked for in `retry-after-ms` or `Retry-After` (seconds or an HTTP date), in ms; undefined when neither says. */
export function serverAskedMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const retryAfter = headers.get("retry-after")?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  // An HTTP date names its weekday or month; without letters, Date.parse would read "-5" as a year.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
