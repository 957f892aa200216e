// When to try a request again, and how long to wait first. Pure functions: the loop that
// uses them lives in transport.ts.
import { ApiError, ConnectionError, TimeoutError } from "../core/error.js";

/** Statuses that say "not now" rather than "no": the same request may well succeed later. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** The longest wait a server's Retry-After is obeyed for; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * What a Retry-After of 0, a negative one, one that cannot be read or a date in the past
 * counts as: a server that says "at once" and then refuses again must still cost the call
 * time, or a call against it would never end.
 */
export const FLOOR_RETRY_AFTER_MS = 1_000;

export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return RETRYABLE_STATUSES.has(error.status);
  // A connection failure that will happen again, whatever the wait: a certificate the machine
  // does not trust, or a proxy that refused the tunnel (retrying a wrong proxy password locks the
  // account on company proxies).
  if (error instanceof ConnectionError)
    return error.reason !== "untrusted_certificate" && error.reason !== "proxy_refused";
  return error instanceof TimeoutError;
}

/**
 * Whether the server may have acted on a request whose attempt failed: after a timeout, a
 * connection that failed once the request was sent, or a 5xx nobody knows, so a later 409 may
 * be this call's own invitation. A 429 or a refused connection means the request was not acted on.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500;
  return error instanceof TimeoutError || (error instanceof ConnectionError && error.outcomeUnknown);
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

/**
 * What a server asked for in `retry-after-ms` or `Retry-After` (seconds or an HTTP date), in
 * ms; undefined when it sent neither header. A value of 0 or less, one that cannot be read, or
 * a date in the past counts as FLOOR_RETRY_AFTER_MS.
 */
export function serverAskedMs(headers: Headers, now = Date.now()): number | undefined {
  const inMs = headers.get("retry-after-ms")?.trim();
  const retryAfter = headers.get("retry-after")?.trim();
  if (inMs === undefined && retryAfter === undefined) return undefined;
  let ms = inMs ? Number(inMs) : Number.NaN;
  if (!Number.isFinite(ms) && retryAfter !== undefined) {
    // An HTTP date names its weekday or month; without letters, Date.parse would read "-5" as a year.
    ms = /^\d+(\.\d+)?$/.test(retryAfter)
      ? Number(retryAfter) * 1000
      : /[a-z]/i.test(retryAfter)
        ? Date.parse(retryAfter) - now
        : Number.NaN;
  }
  return Number.isFinite(ms) && ms > 0 ? ms : FLOOR_RETRY_AFTER_MS;
}
