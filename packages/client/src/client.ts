// The client: settings, the one place where a call becomes HTTP attempts (timeouts,
// retries, logging, errors), and the API's operations as methods. Requests are made by
// openapi-fetch with the types generated from spec/openapi.yaml, so a path, parameter or
// body the spec does not have is a compile error, and checked at run time by validators
// generated from the same spec before anything is sent.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";
import { responseDescriptions } from "./generated/responses.js";
import { ApiError, ConnectionError, errorFromResponse, TimeoutError } from "./core/error.js";
import type { Logger } from "./core/logger.js";
import { runAttempt } from "./internal/attempt.js";
import { normalizeBaseUrl, REGION_URLS, type Region } from "./internal/base-url.js";
import { fillPathParams } from "./internal/path-params.js";
import { PlainRequest } from "./internal/plain-request.js";
import { readEnv } from "./internal/env.js";
import { redactKey } from "./internal/redact.js";
import { isRetryable, outcomeUnknown, retryDelayMs } from "./internal/retry-policy.js";
import { sleep } from "./internal/sleep.js";
import { createTransportFetch } from "./internal/transport-fetch.js";
import { validateRequest } from "./internal/validate.js";

export interface ClientOptions {
  /**
   * The deepset Cloud API key, sent as `Authorization: Bearer <key>`.
   * Default: env `DEEPSET_CLOUD_API_KEY`. When neither is set, the first request throws
   * `MissingApiKeyError` and nothing is sent.
   */
  apiKey?: string | undefined;
  /**
   * Where the API lives. Default: env `DEEPSET_CLOUD_API_URL`, else the URL of `region`.
   * A trailing `/api/v1` (as the Python SDK's URLs have) is accepted and stripped.
   */
  baseUrl?: string | undefined;
  /** The region whose URL is the default base URL: `"eu"` → api.cloud.deepset.ai, `"us"` → api.us.deepset.ai. Default: `"eu"`. */
  region?: Region | undefined;
  /**
   * How many times a call is retried after a connection error, a timeout, or a 429, 502,
   * 503 or 504 answer (so a call makes at most `maxRetries + 1` attempts). Default: 2.
   */
  maxRetries?: number | undefined;
  /** How long one attempt may take, in milliseconds, until its whole response has arrived. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Receives a debug line per attempt (method, URL, status, attempt, duration, request id)
   * and a warning per retry with its wait. It never sees the API key. Default: none.
   */
  logger?: Logger | undefined;
  /** Allow an `http://` base URL on a host other than loopback (the key would travel unencrypted). Default: false. */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call overrides. */
export interface RequestOptions {
  /** Aborts the call, also while it waits to retry: it then rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call, in milliseconds per attempt. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
}

export type UserInvitation = components["schemas"]["UserInvitation"];
export type UserMe = components["schemas"]["UserMe"];

export interface InviteResult {
  status: 201;
  /** The `x-request-id` response header, when the server sent one. */
  requestId?: string;
  /** How many attempts the call took. */
  attempts: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

const INVITE = "/api/v1/organization/{organization_id}/invitation";
const ME = "/api/v1/me";

type OperationId = keyof typeof responseDescriptions;
/** What each attempt passes to openapi-fetch: its signal, the fetch that records the request, and the Request class. */
type AttemptInit = {
  signal: AbortSignal;
  fetch: typeof globalThis.fetch;
  Request: typeof globalThis.Request;
};
type Send<R> = (init: AttemptInit) => Promise<R>;

export class DeepsetCloud {
  /** The underlying openapi-fetch client, typed with the generated `paths`; it sends the same headers. */
  readonly api: Client<paths>;
  /** The resolved base URL, without `/api/v1`. */
  readonly baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #logger: Logger | undefined;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(
      options.baseUrl ?? readEnv("DEEPSET_CLOUD_API_URL") ?? REGION_URLS[options.region ?? "eu"],
      { allowInsecureHttp: options.allowInsecureHttp ?? false },
    );
    this.#apiKey = options.apiKey ?? readEnv("DEEPSET_CLOUD_API_KEY");
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#logger = options.logger;
    this.#fetch = createTransportFetch({
      // Looked up at call time, so a fetch patched after the client was made is still used.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      apiKey: this.#apiKey,
    });
    this.api = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.#fetch });
  }

  /**
   * Invites a user to an organization: `POST /api/v1/organization/{organization_id}/invitation`.
   * The organization ID and the invitation are checked against the spec first
   * (`InvalidRequestError`, nothing sent). Resolves on 201; any other answer rejects with
   * the matching `ApiError` subclass (a 409 with `AlreadyMemberError`, a 402 with
   * `PaymentRequiredError`, …).
   */
  async inviteUser(
    organizationId: string,
    invitation: UserInvitation,
    options: RequestOptions = {},
  ): Promise<InviteResult> {
    const operationId = "invite_user_to_organization_api_v1_organization__organization_id__invitation_post";
    const organization_id = organizationId;
    validateRequest(operationId, { path: { organization_id }, body: invitation });
    // Serialized once, so every attempt sends the same bytes even if the caller's object changes meanwhile.
    const json = JSON.stringify(invitation);
    const { attempts, requestId } = await this.#call(operationId, "POST", options, (init) =>
      this.api.POST(INVITE, {
        ...init,
        params: { path: { organization_id } },
        pathSerializer: fillPathParams,
        body: invitation,
        bodySerializer: () => json,
        // The spec states no body for 201, so it is read as text and not parsed.
        parseAs: "text",
      }),
    );
    return { status: 201, attempts, ...(requestId ? { requestId } : {}) };
  }

  /** The user the API key belongs to, with their organization: `GET /api/v1/me`. */
  async getMe(options: RequestOptions = {}): Promise<UserMe> {
    const { result } = await this.#call("read_users_me_api_v1_me_get", "GET", options, (init) => this.api.GET(ME, init));
    return result.data as UserMe;
  }

  /**
   * One call: attempts until one succeeds, one fails in a way a retry cannot mend, or the
   * retries run out; each non-2xx answer becomes its error class.
   */
  async #call<R extends { response: Response; error?: unknown; data?: unknown }>(
    operationId: OperationId,
    method: string,
    options: RequestOptions,
    send: Send<R>,
  ): Promise<{ result: R; attempts: number; requestId: string | null }> {
    const maxRetries = options.maxRetries ?? this.#maxRetries;
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    let unknownOutcome = false;
    for (let attempt = 1; ; attempt++) {
      let url = this.baseUrl;
      const started = performance.now();
      const recordingFetch: typeof globalThis.fetch = (input, init) => {
        url = typeof input === "object" && "url" in input ? input.url : String(input);
        return this.#fetch(input, init);
      };
      const elapsed = () => `${Math.round(performance.now() - started)} ms`;
      let error: unknown;
      try {
        const result = await runAttempt(
          (signal) => send({ signal, fetch: recordingFetch, Request: PlainRequest as unknown as typeof Request }),
          {
            timeoutMs,
            signal: options.signal,
            target: this.baseUrl,
            attempt,
          },
        );
        const { response } = result;
        const requestId = response.headers.get("x-request-id");
        this.#logger?.debug(
          `${method} ${url} → ${response.status} (attempt ${attempt}, ${elapsed()}${requestId ? `, request id ${requestId}` : ""})`,
        );
        if (response.ok) return { result, attempts: attempt, requestId };
        error = errorFromResponse(
          {
            status: response.status,
            body: redactKey(result.error, this.#apiKey),
            headers: response.headers,
            attempts: attempt,
            method,
            url,
            afterRetry: unknownOutcome,
          },
          responseDescriptions[operationId],
        );
      } catch (thrown) {
        if (thrown instanceof ConnectionError || thrown instanceof TimeoutError) {
          this.#logger?.debug(`${method} ${url} → no response: ${thrown.name} (attempt ${attempt}, ${elapsed()})`);
        }
        error = thrown;
      }
      if (!isRetryable(error) || attempt > maxRetries) throw error;
      unknownOutcome ||= outcomeUnknown(error);
      // An answer may say when to come back (Retry-After); no answer says nothing.
      const wait = retryDelayMs(attempt - 1, error instanceof ApiError ? error.headers : undefined);
      this.#logger?.warn(
        `${method} ${url} ${describeFailure(error)}; retrying in ${(wait / 1000).toFixed(2)} s (retry ${attempt} of ${maxRetries})`,
      );
      await sleep(wait, options.signal);
    }
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return `answered ${error.status}`;
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Creates a client; see `ClientOptions` for each setting's default. */
export function createDeepsetCloud(options?: ClientOptions): DeepsetCloud {
  return new DeepsetCloud(options);
}
