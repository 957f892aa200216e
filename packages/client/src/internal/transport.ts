// The one road every request takes, whether it comes from a method of the client or from
// `dc.api`: it is the `fetch` that openapi-fetch calls. Here a request is matched to its
// operation in the spec and checked against it, gets its headers, and is sent attempt by
// attempt — each under its own timeout, never following a redirect, waiting out the shared
// rate-limit pause, retrying what a retry can mend — until an answer settles it.
import {
  AbortError,
  type ApiError,
  errorFromResponse,
  InvalidRequestError,
  MissingApiKeyError,
} from "../core/error.js";
import type { Logger } from "../core/logger.js";
import { runAttempt } from "./attempt.js";
import { eitherSignal } from "./either-signal.js";
import { findOperation, type Operation } from "./operations.js";
import type { RateLimitGate } from "./rate-limit.js";
import { redactHeaders, redactKey } from "./redact.js";
import { isRetryable, MAX_RETRY_AFTER_MS, outcomeUnknown, retryDelayMs, serverAskedMs } from "./retry-policy.js";
import { sleep } from "./sleep.js";
import { userAgent } from "./user-agent.js";
import { validateRequest } from "./validate.js";

/** What an API key may consist of: printable ASCII, no spaces (a token68-like header value). */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

export interface TransportSettings {
  fetch: typeof globalThis.fetch;
  apiKey: string | undefined;
  /** The base URL; its path is taken off request paths before they are matched to operations. */
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  rateLimitWaitMs: number;
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
}

export type Transport = (request: Request, call?: CallSettings) => Promise<Response>;

/** What the transport learnt of a call, for the client's methods to read back from its response. */
export interface CallRecord {
  attempts: number;
  requestId: string | undefined;
  /** Set when the answer is not a documented success. */
  error: ApiError | undefined;
}

const records = new WeakMap<Response, CallRecord>();

export function recordOf(response: Response): CallRecord | undefined {
  return records.get(response);
}

export function createTransport(settings: TransportSettings): Transport {
  const { apiKey, logger, gate } = settings;
  const basePath = new URL(settings.baseUrl).pathname.replace(/\/$/, "");
  const ua = userAgent();

  return async (request, call = {}) => {
    const url = new URL(request.url);
    const path = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const found = findOperation(request.method, path);
    const body = request.body === null ? null : await request.text();
    if (found) validateRequest(found.operation, { url, headers: request.headers, pathParams: found.pathParams, body });
    if (!apiKey) throw new MissingApiKeyError();
    // fetch refuses such a header value with a message that quotes it, key and all.
    if (!SENDABLE_KEY.test(apiKey)) {
      throw new InvalidRequestError([
        { path: "apiKey", message: "contains whitespace, a line break or a non-ASCII character; it cannot be sent" },
      ]);
    }
    const { headers, method } = request;
    headers.set("Authorization", `Bearer ${apiKey}`);
    headers.set("Accept", "application/json");
    headers.set("User-Agent", ua);

    const operation = found?.operation;
    const signal = call.signal ?? request.signal;
    // Waits end when the call is aborted, and also when the caller asks for no further attempts.
    const waits = call.stopSignal ? eitherSignal(signal, call.stopSignal) : undefined;
    const waitSignal = waits?.signal ?? signal;
    const timeoutMs = call.timeoutMs ?? settings.timeoutMs;
    const maxRetries = call.maxRetries ?? settings.maxRetries;
    const rateLimitWaitMs = call.rateLimitWaitMs ?? settings.rateLimitWaitMs;
    const target = url.origin;
    const init: RequestInit = { method, headers, body, redirect: "manual" };

    let attempts = 0;
    let retries = 0;
    let rateLimitWaited = 0;
    let unknownOutcome = false;
    let last: { response: Response; error: ApiError | undefined } | { thrown: unknown } | undefined;

    /** The call ends with what its last attempt got: the answer (recorded for the methods) or what was thrown. */
    const settle = (): Response => {
      if (!last || !("response" in last)) throw last?.thrown;
      records.set(last.response, { attempts, requestId: requestIdOf(last.response), error: last.error });
      return last.response;
    };

    try {
      for (;;) {
        try {
          if (call.stopSignal?.aborted) throw new AbortError("The call was stopped");
          await gate.acquire(waitSignal);
        } catch (error) {
          // Stopped rather than aborted: nothing new starts, and what the last attempt got stands.
          if (last && !signal.aborted) return settle();
          throw error;
        }
        attempts++;
        const startedAt = gate.now();
        const started = performance.now();
        const elapsed = () => `${Math.round(performance.now() - started)} ms`;
        let response: Response;
        try {
          response = await runAttempt(
            async (attemptSignal) => complete(await settings.fetch(url, { ...init, signal: attemptSignal })),
            {
              timeoutMs,
              signal,
              target,
              attempt: attempts,
            },
          );
        } catch (error) {
          logger?.debug(`${method} ${url} → no response: ${(error as Error).name} (attempt ${attempts}, ${elapsed()})`);
          if (!isRetryable(error)) throw error;
          last = { thrown: error };
          unknownOutcome ||= outcomeUnknown(error);
          if (retries >= maxRetries) throw error;
          const wait = retryDelayMs(retries++, undefined);
          logger?.warn(
            `${method} ${url} failed: ${(error as Error).message}; retrying in ${seconds(wait)} (retry ${retries} of ${maxRetries})`,
          );
          if (!(await pause(wait, waitSignal, signal))) throw error;
          continue;
        }

        const { status } = response;
        const requestId = requestIdOf(response);
        logger?.debug(
          `${method} ${url} → ${status} (attempt ${attempts}, ${elapsed()}${requestId ? `, request id ${requestId}` : ""})`,
        );
        if (status !== 429) gate.succeeded();
        if (operation ? operation.success.includes(status) : response.ok) {
          last = { response, error: undefined };
          return settle();
        }
        const error = await errorFor(response, {
          method,
          url: String(url),
          attempts,
          operation,
          apiKey,
          afterRetry: unknownOutcome,
        });
        // A redirect, or a success the spec does not know: nothing to retry, and no data to hand on.
        if (status < 400) throw error;
        last = { response, error };

        if (status === 429) {
          const asked = serverAskedMs(response.headers);
          if (asked !== undefined && asked <= MAX_RETRY_AFTER_MS) {
            // Within its Retry-After, a 429 is "wait", not "failed": it spends the call's
            // rate-limit budget, not its retries.
            if (rateLimitWaited + asked > rateLimitWaitMs) return settle();
            rateLimitWaited += asked;
            gate.pause(asked, startedAt);
            logger?.warn(
              `${method} ${url} answered 429; every call waits ${seconds(asked)} (${seconds(rateLimitWaited)} of this call's ${seconds(rateLimitWaitMs)} for rate limits)`,
            );
            continue;
          }
        }
        if (!isRetryable(error) || retries >= maxRetries) return settle();
        unknownOutcome ||= outcomeUnknown(error);
        const wait = retryDelayMs(retries++, response.headers);
        logger?.warn(
          `${method} ${url} answered ${status}; retrying in ${seconds(wait)} (retry ${retries} of ${maxRetries})`,
        );
        if (status === 429) gate.pause(wait, startedAt);
        else if (!(await pause(wait, waitSignal, signal))) return settle();
      }
    } finally {
      waits?.release();
    }
  };
}

/**
 * The response with its whole body read, so that an attempt's timeout covers the body too
 * and the connection is free again whatever the caller does with it.
 */
async function complete(response: Response): Promise<Response> {
  const { status, statusText, headers } = response;
  const body = status === 204 || status === 205 || status === 304 ? null : await response.arrayBuffer();
  return new Response(body, { status, statusText, headers });
}

/** Waits before a retry; false when the caller asked for no further attempts meanwhile. */
async function pause(ms: number, waitSignal: AbortSignal, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, waitSignal);
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}

async function errorFor(
  response: Response,
  call: {
    method: string;
    url: string;
    attempts: number;
    operation: Operation | undefined;
    apiKey: string | undefined;
    afterRetry: boolean;
  },
): Promise<ApiError> {
  const text = response.bodyUsed ? "" : await response.clone().text();
  return errorFromResponse(
    {
      status: response.status,
      body: redactKey(parseBody(text), call.apiKey),
      headers: redactHeaders(response.headers, call.apiKey),
      attempts: call.attempts,
      method: call.method,
      url: call.url,
      documented: call.operation?.success,
      afterRetry: call.afterRetry,
    },
    call.operation?.responses,
  );
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function requestIdOf(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
