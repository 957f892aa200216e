// The one road every request takes, whether it comes from a method of the client or from
// `dc.api`: it is the `fetch` that openapi-fetch calls, with the request openapi-fetch built
// (an OutgoingRequest: its URL, headers and serialized body, and the operation it is for).
// Here a request is checked against its operation, gets its headers, and is sent attempt by
// attempt — each under its own timeout, never following a redirect, reading at most a bounded
// body, waiting out the shared rate-limit pause within the call's budget, retrying what a retry
// can mend — until an answer settles it. The verdict is the return value: the response for
// openapi-fetch, and for the client's methods the error it stands for.
import {
  AbortError,
  ApiError,
  errorFromResponse,
  InvalidRequestError,
  MissingApiKeyError,
  ResponseTooLargeError,
} from "../core/error.js";
import type { Logger } from "../core/logger.js";
import { runAttempt } from "./attempt.js";
import type { OutgoingRequest } from "./outgoing-request.js";
import type { RateLimitGate } from "./rate-limit.js";
import { readBody } from "./read-body.js";
import { redactHeaders, redactorFor } from "./redact.js";
import { isRetryable, MAX_RETRY_AFTER_MS, outcomeUnknown, retryDelayMs, serverAskedMs } from "./retry-policy.js";
import { sleep } from "./sleep.js";
import { userAgent } from "./user-agent.js";
import { validateRequest } from "./validate.js";

/** What an API key may consist of: printable ASCII, no spaces (a token68-like header value). */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;
/** How much of an error body is read and kept. */
export const ERROR_BODY_BYTES = 64 * 1024;

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  rateLimitWaitMs: number;
  maxResponseBytes: number;
  logger: Logger | undefined;
  gate: RateLimitGate;
}

/** Per-call settings; each overrides the client's. */
export interface CallSettings {
  signal?: AbortSignal | undefined;
  stopSignal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  rateLimitWaitMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  /** The caller does not need a success's body (a 201 is the invitation): it is not kept. */
  discardBody?: boolean | undefined;
}

/** How a call ended with an answer. */
export interface Verdict {
  /** The answer, its body read (bounded), for openapi-fetch to parse. */
  response: Response;
  attempts: number;
  requestId: string | undefined;
  /** Set when the answer is not a documented success. */
  error: ApiError | undefined;
  /** The error for a success whose body turned out unusable (`summary` says why). */
  invalid(summary: string): ApiError;
}

export type Transport = (request: OutgoingRequest, call?: CallSettings) => Promise<Verdict>;

/** What one attempt came back with. */
type Attempted = { response: Response; error: ApiError | undefined };

export function createTransport(settings: TransportSettings): Transport {
  const { apiKey, logger, gate } = settings;
  const redact = redactorFor(apiKey);
  /** The headers every request carries; the key is checked once, and one that cannot be sent fails every call. */
  const own = ownHeaders(apiKey);

  return async (request, call = {}) => {
    const { method, url, operation } = request;
    if (operation) validateRequest(operation, request);
    if (typeof own === "function") throw own();
    const { headers } = request;
    for (const name in own) headers.set(name, own[name] as string);
    const signal = call.signal ?? request.signal;
    const { stopSignal } = call;
    const timeoutMs = call.timeoutMs ?? settings.timeoutMs;
    const maxRetries = call.maxRetries ?? settings.maxRetries;
    const rateLimitWaitMs = call.rateLimitWaitMs ?? settings.rateLimitWaitMs;
    const maxResponseBytes = call.maxResponseBytes ?? settings.maxResponseBytes;
    const target = originOf(url);
    const described = `${method} ${url}`;
    const { body } = request;

    /** The error for an answer, from its body (at most 64 KiB, already redacted). */
    const errorFor = (response: Response, text: string, truncated: boolean, attempt: number, afterRetry: boolean) =>
      errorFromResponse(
        {
          status: response.status,
          body: parseBody(text),
          bodyTruncated: truncated,
          headers: redactHeaders(response.headers, redact),
          attempts: attempt,
          method,
          url,
          documented: operation?.success,
          afterRetry,
        },
        operation?.responses,
      );

    /** One attempt: sent, answered, its body read within the attempt's timeout. */
    const attemptOnce = (attempt: number, afterRetry: boolean): Promise<Attempted> =>
      runAttempt(
        async (attemptSignal, answered) => {
          const response = await settings.fetch(url, {
            method,
            headers,
            body,
            redirect: "manual",
            signal: attemptSignal,
          });
          answered();
          const { status } = response;
          if (operation ? operation.success.includes(status) : status < 300) {
            if (call.discardBody) {
              // Read only to free the connection; the caller reads nothing of it.
              await readBody(response, ERROR_BODY_BYTES, "drain");
              return { response, error: undefined };
            }
            const { bytes, truncated } = await readBody(response, maxResponseBytes, "whole");
            if (truncated) {
              throw new ResponseTooLargeError({
                status,
                body: undefined,
                bodyTruncated: true,
                headers: redactHeaders(response.headers, redact),
                attempts: attempt,
                method,
                url,
                maxResponseBytes,
              });
            }
            return { response: rebuilt(response, bytes), error: undefined };
          }
          const { bytes, truncated } = await readBody(response, ERROR_BODY_BYTES, "head");
          const text = redact(new TextDecoder().decode(bytes));
          const error = errorFor(response, text, truncated, attempt, afterRetry);
          return { response: rebuilt(response, text), error };
        },
        { timeoutMs, signal, target, request: described, attempt },
      );

    let attempts = 0;
    let retries = 0;
    let rateLimitWaited = 0;
    let unknownOutcome = false;
    /** What the last attempt got: an answer, or what it threw. */
    let last: Attempted | { thrown: unknown } | undefined;

    /** The call ends with what its last attempt got. */
    const settle = (): Verdict => {
      if (!last) throw new AbortError("The call was stopped before any attempt", { attempts: 0 });
      if ("thrown" in last) throw last.thrown;
      const { response, error } = last;
      const requestId = response.headers.get("x-request-id") ?? undefined;
      const invalid = (summary: string) =>
        new ApiError(
          {
            status: response.status,
            body: undefined,
            headers: redactHeaders(response.headers, redact),
            attempts,
            method,
            url,
          },
          summary,
        );
      return { response, attempts, requestId, error, invalid };
    };

    for (;;) {
      // Stage 1: wait for the shared rate-limit pause, within what is left of the call's budget.
      if (stopSignal?.aborted) return settle();
      let waited: number | undefined;
      try {
        waited = gate.tryAcquire() ? 0 : await gate.acquire(rateLimitWaitMs - rateLimitWaited, signal, stopSignal);
      } catch (error) {
        // Stopped rather than aborted: nothing new starts, and what the last attempt got stands.
        if (!signal?.aborted && last) return settle();
        throw withAttempts(error, attempts);
      }
      rateLimitWaited += waited ?? rateLimitWaitMs - rateLimitWaited;
      // The budget is spent: a call that has an answer ends with it; one that has none yet
      // makes its one attempt.
      if (waited === undefined && last) return settle();
      if (stopSignal?.aborted) {
        if (waited !== undefined) gate.release();
        return settle();
      }
      const reserved = waited !== undefined;

      // Stage 2: one attempt.
      attempts++;
      const startedAt = gate.now();
      const elapsed = () => `${Math.round(gate.now() - startedAt)} ms`;
      let attempted: Attempted;
      try {
        attempted = await attemptOnce(attempts, unknownOutcome);
        if (reserved) gate.release();
      } catch (error) {
        if (reserved) gate.release();
        logger?.debug(`${described} → no response: ${(error as Error).name} (attempt ${attempts}, ${elapsed()})`);
        if (!isRetryable(error) || retries >= maxRetries) throw error;
        last = { thrown: error };
        unknownOutcome ||= outcomeUnknown(error);
        const wait = retryDelayMs(retries++, undefined);
        logger?.warn(
          `${described} failed: ${(error as Error).message}; retrying in ${seconds(wait)} (retry ${retries} of ${maxRetries})`,
        );
        if (!(await pause(wait, signal, stopSignal))) throw error;
        continue;
      }

      // Stage 3: what the answer means.
      last = attempted;
      const { response, error } = attempted;
      const { status } = response;
      if (logger) {
        const requestId = response.headers.get("x-request-id");
        logger.debug(
          `${described} → ${status} (attempt ${attempts}, ${elapsed()}${requestId ? `, request id ${requestId}` : ""})`,
        );
      }
      if (status !== 429) gate.succeeded();
      if (!error) return settle();
      // A redirect, or a success the spec does not know: nothing to retry, and no data to hand on.
      if (status < 400) throw error;
      if (!isRetryable(error)) return settle();

      // Stage 4: wait before the next attempt. A 429's wait is the whole client's pause and
      // spends the call's rate-limit budget; within its Retry-After (at most 60 s) it does not
      // spend the call's retries.
      const asked = status === 429 ? serverAskedMs(response.headers) : undefined;
      const withinRetryAfter = asked !== undefined && asked <= MAX_RETRY_AFTER_MS;
      if (!withinRetryAfter && retries >= maxRetries) return settle();
      const wait = withinRetryAfter ? asked : retryDelayMs(retries++, response.headers);
      if (status === 429) {
        // The attempt a 429 answered is time the rate limit cost too. Counted, so that a quota
        // that says 429 for ever ends the call within its budget plus one attempt however short
        // the waits it asks (`retry-after-ms: 4`) and however slow its answers: only waits
        // counted, such a call made thousands of attempts and outlasted its budget many times.
        rateLimitWaited += gate.now() - startedAt;
        if (rateLimitWaited + wait > rateLimitWaitMs) return settle();
        // Without a Retry-After the server named no wait for everyone: the others pause for the
        // first step of the backoff, this call for its own (which grows with its retries).
        const shared = asked !== undefined ? wait : Math.min(wait, retryDelayMs(0, undefined));
        gate.pause(shared, startedAt);
        logger?.warn(
          `${described} answered 429; every call waits ${seconds(shared)} (${seconds(rateLimitWaited)} of this call's ${seconds(rateLimitWaitMs)} for rate limits spent)`,
        );
        if (wait > shared) {
          rateLimitWaited += wait - shared;
          if (!(await pause(wait - shared, signal, stopSignal))) return settle();
        }
        continue;
      }
      unknownOutcome ||= outcomeUnknown(error);
      logger?.warn(`${described} answered ${status}; retrying in ${seconds(wait)} (retry ${retries} of ${maxRetries})`);
      if (!(await pause(wait, signal, stopSignal))) return settle();
    }
  };
}

/** Authorization, Accept and User-Agent; or what makes the error every call with this key throws. */
function ownHeaders(apiKey: string | undefined): Record<string, string> | (() => Error) {
  if (!apiKey) return () => new MissingApiKeyError();
  // fetch refuses such a header value with a message that quotes it, key and all.
  if (!SENDABLE_KEY.test(apiKey)) {
    return () =>
      new InvalidRequestError([
        { path: "apiKey", message: "contains whitespace, a line break or a non-ASCII character; it cannot be sent" },
      ]);
  }
  return { authorization: `Bearer ${apiKey}`, accept: "application/json", "user-agent": userAgent() };
}

/** Waits before a retry; false when the caller asked for no further attempts meanwhile. */
async function pause(
  ms: number,
  signal: AbortSignal | undefined,
  stopSignal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    await sleep(ms, signal, stopSignal);
    return true;
  } catch (error) {
    if (signal?.aborted) throw error;
    return false;
  }
}

/** An abort while waiting, with the attempts the call had made. */
function withAttempts(error: unknown, attempts: number): unknown {
  return error instanceof AbortError ? new AbortError(error.message, { cause: error.cause, attempts }) : error;
}

function originOf(url: string): string {
  const end = url.indexOf("/", url.indexOf("//") + 2);
  return end === -1 ? url : url.slice(0, end);
}

/** The answer again, with the body as read (a Response refuses a body for 204, 205 and 304). */
function rebuilt(response: Response, body: Uint8Array | string): Response {
  const { status, statusText, headers } = response;
  const carriesBody = status !== 204 && status !== 205 && status !== 304 && status >= 200;
  return new Response(carriesBody ? body : null, { status, statusText, headers });
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
