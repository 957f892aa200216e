// The client: its settings, and the API's operations as methods. Requests are made by
// openapi-fetch with the types generated from spec/openapi.yaml, so a path, parameter or body
// the spec does not have is a compile error. Everything between openapi-fetch and the network
// (validation, headers, timeouts, retries, the rate-limit pause, redirects, logging) is the
// transport's (internal/transport.ts), for `dc.api` and the methods alike: openapi-fetch builds
// a light OutgoingRequest (its `Request` option), names its operation (middleware), and hands
// it to the transport (its `fetch`); a method passes its own per-call `fetch`, which keeps the
// transport's verdict in a closure.
import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import type { Logger } from "./core/logger.js";
import type { components, paths } from "./generated/openapi.js";
import { normalizeBaseUrl, REGION_URLS, type Region } from "./internal/base-url.js";
import { readEnv } from "./internal/env.js";
import { nameOperation, OutgoingRequest } from "./internal/outgoing-request.js";
import { checkedPathSerializer } from "./internal/path-params.js";
import { RateLimitGate } from "./internal/rate-limit.js";
import { type CallSettings, createTransport, type Transport, type Verdict } from "./internal/transport.js";

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
   * How many times a call is retried after a connection error, a timeout, or a 429 (without
   * a Retry-After, or one past 60 s), 502, 503 or 504 answer. A count. Default: 2. No env var.
   */
  maxRetries?: number | undefined;
  /**
   * How long one attempt may take, in milliseconds, until its whole response (body included)
   * has arrived. Default: 30 000. No env var.
   */
  timeoutMs?: number | undefined;
  /**
   * How long one call may spend, in milliseconds, because of 429s: its attempts answered 429,
   * the pause every call of the client shares and the pacing after it alike. 429s with a
   * Retry-After of at most 60 s do not use up `maxRetries`; once this is spent the call throws
   * `RateLimitError` (after at most one more attempt). Default: 120 000. No env var.
   */
  rateLimitWaitMs?: number | undefined;
  /**
   * The largest success body read, in bytes; a longer one fails the call with
   * `ResponseTooLargeError`, unread. (Error bodies are read up to 64 KiB, whatever this says.)
   * Default: 33 554 432 (32 MiB). No env var.
   */
  maxResponseBytes?: number | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. No env var. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Receives a debug line per attempt (method, URL, status, attempt, duration, request id)
   * and a warning per retry or rate-limit pause with its wait. It never sees the API key.
   * Default: none. No env var.
   */
  logger?: Logger | undefined;
  /**
   * Allow an `http://` base URL on a host other than loopback (the key would travel
   * unencrypted). Default: false. No env var (the CLI has `--allow-insecure-http`).
   */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call overrides. */
export interface RequestOptions {
  /**
   * Aborts the call, also an attempt in flight or a wait: it then rejects with `AbortError`.
   * One signal may be shared by any number of calls. Default: none.
   */
  signal?: AbortSignal | undefined;
  /**
   * Stops the call from going on without cutting what is in flight: once it aborts, no new
   * attempt starts and a wait (to retry, or for the rate-limit pause) ends at once; the call
   * then settles with what its last attempt got, or `AbortError` if none was made.
   */
  stopSignal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call, in milliseconds per attempt. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** Overrides the client's `rateLimitWaitMs` for this call, in milliseconds. */
  rateLimitWaitMs?: number | undefined;
  /** Overrides the client's `maxResponseBytes` for this call, in bytes. */
  maxResponseBytes?: number | undefined;
}

export type UserInvitation = components["schemas"]["UserInvitation"];
export type UserMe = components["schemas"]["UserMe"];
export type Workspace = components["schemas"]["Workspace"];

export interface InviteResult {
  status: 201;
  /** The `x-request-id` response header, when the server sent one. */
  requestId?: string;
  /** How many attempts the call took. */
  attempts: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RATE_LIMIT_WAIT_MS = 120_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export class DeepsetCloud {
  /**
   * The underlying openapi-fetch client, typed with the generated `paths`. It sends through
   * the same transport as the methods (validation, headers, timeouts, retries, the rate-limit
   * pause, redirect refusal, logging) and answers as openapi-fetch does: `{ data, error, response }`.
   */
  readonly api: Client<paths>;
  /** The resolved base URL, without `/api/v1`. */
  readonly baseUrl: string;
  readonly #transport: Transport;
  readonly #gate = new RateLimitGate();

  constructor(options: ClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(
      options.baseUrl ?? readEnv("DEEPSET_CLOUD_API_URL") ?? REGION_URLS[options.region ?? "eu"],
      { allowInsecureHttp: options.allowInsecureHttp ?? false },
    );
    const fetch = options.fetch;
    this.#transport = createTransport({
      // Looked up at call time, so a fetch patched after the client was made is still used.
      fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
      apiKey: options.apiKey ?? readEnv("DEEPSET_CLOUD_API_KEY"),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      rateLimitWaitMs: options.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      logger: options.logger,
      gate: this.#gate,
    });
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      Request: OutgoingRequest as unknown as typeof Request,
      fetch: async (request) => (await this.#transport(request as unknown as OutgoingRequest)).response,
      pathSerializer: checkedPathSerializer,
      // A function, so that openapi-fetch does not make one for every request.
      querySerializer: createQuerySerializer(),
    });
    this.api.use(nameOperation);
  }

  /** When the rate-limit pause in effect ends (ms since the epoch), or undefined when no call is paused. */
  get rateLimitedUntil(): number | undefined {
    return this.#gate.pausedUntil;
  }

  /**
   * Invites a user to an organization: `POST /api/v1/organization/{organization_id}/invitation`.
   * Resolves on 201 only; any other answer rejects with its `ApiError` subclass (a 409 with
   * `AlreadyMemberError`, a 402 with `PaymentRequiredError`, a redirect with `UnexpectedStatusError`, …).
   */
  async inviteUser(
    organizationId: string,
    invitation: UserInvitation,
    options: RequestOptions = {},
  ): Promise<InviteResult> {
    const { attempts, requestId } = await this.#call(
      (fetch) =>
        this.api.POST("/api/v1/organization/{organization_id}/invitation", {
          params: { path: { organization_id: organizationId } },
          body: invitation,
          // A 201 is the invitation: its body is not needed, so it is neither kept nor parsed.
          parseAs: "stream",
          fetch,
        }),
      options,
      true,
    );
    const result: InviteResult = { status: 201, attempts };
    if (requestId) result.requestId = requestId;
    return result;
  }

  /** The user the API key belongs to, with their organization: `GET /api/v1/me`. */
  async getMe(options: RequestOptions = {}): Promise<UserMe> {
    const { data } = await this.#call((fetch) => this.api.GET("/api/v1/me", { fetch }), options);
    return data as UserMe;
  }

  /** The workspaces the API key can see: `GET /api/v1/workspaces`. */
  async listWorkspaces(options: RequestOptions = {}): Promise<Workspace[]> {
    const { data } = await this.#call((fetch) => this.api.GET("/api/v1/workspaces", { fetch }), options);
    return data as Workspace[];
  }

  /**
   * Makes one call through openapi-fetch with a per-call fetch that keeps the transport's
   * verdict; throws the error the verdict holds for an answer that is not a documented success.
   * `discardBody`: the caller does not need a success's body.
   */
  async #call<T extends { data?: unknown }>(
    send: (fetch: typeof globalThis.fetch) => Promise<T>,
    options: RequestOptions,
    discardBody = false,
  ): Promise<{ data: T["data"]; attempts: number; requestId: string | undefined }> {
    let verdict: Verdict | undefined;
    const transport = this.#transport;
    const settings: CallSettings = discardBody ? { ...options, discardBody } : options;
    const fetch = async (request: Request | string | URL) => {
      verdict = await transport(request as unknown as OutgoingRequest, settings);
      return verdict.response;
    };
    let result: T;
    try {
      result = await send(fetch as typeof globalThis.fetch);
    } catch (error) {
      // openapi-fetch parses a success body as JSON; one that is not says so in this package's terms.
      if (error instanceof SyntaxError && verdict && !verdict.error) {
        throw verdict.invalid(`the response was not valid JSON: ${error.message}`);
      }
      throw error;
    }
    if (!verdict) throw new Error("openapi-fetch made no request");
    if (verdict.error) throw verdict.error;
    return { data: result.data, attempts: verdict.attempts, requestId: verdict.requestId };
  }
}

/** Creates a client; see `ClientOptions` for each setting's default. */
export function createDeepsetCloud(options?: ClientOptions): DeepsetCloud {
  return new DeepsetCloud(options);
}
