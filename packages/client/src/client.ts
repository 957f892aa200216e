// The client: its settings, and the API's operations as methods. Requests are made by
// openapi-fetch with the types generated from spec/openapi.yaml, so a path, parameter or body
// the spec does not have is a compile error. Everything between openapi-fetch and the network
// (validation, headers, timeouts, retries, the rate-limit pause, redirects, logging) is the
// transport's (internal/transport.ts), for `dc.api` and the methods alike.
import createClient, { type Client } from "openapi-fetch";
import { DeepsetCloudError } from "./core/error.js";
import type { Logger } from "./core/logger.js";
import type { components, paths } from "./generated/openapi.js";
import { normalizeBaseUrl, REGION_URLS, type Region } from "./internal/base-url.js";
import { readEnv } from "./internal/env.js";
import { checkedPathSerializer } from "./internal/path-params.js";
import { RateLimitGate } from "./internal/rate-limit.js";
import { createTransport, recordOf, type Transport } from "./internal/transport.js";

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
   * a usable Retry-After), 502, 503 or 504 answer. Default: 2.
   */
  maxRetries?: number | undefined;
  /** How long one attempt may take, in milliseconds, until its whole response has arrived. Default: 30 000. */
  timeoutMs?: number | undefined;
  /**
   * How long one call may wait in total, in milliseconds, for 429s whose Retry-After is at
   * most 60 s; such waits do not use up `maxRetries`. Past it the call throws
   * `RateLimitError`. Default: 120 000.
   */
  rateLimitWaitMs?: number | undefined;
  /** The fetch to use. Default: `globalThis.fetch`, looked up at each request. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Receives a debug line per attempt (method, URL, status, attempt, duration, request id)
   * and a warning per retry or rate-limit pause with its wait. It never sees the API key. Default: none.
   */
  logger?: Logger | undefined;
  /** Allow an `http://` base URL on a host other than loopback (the key would travel unencrypted). Default: false. */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call overrides. */
export interface RequestOptions {
  /** Aborts the call, also an attempt in flight or a wait: it then rejects with `AbortError`. */
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
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      rateLimitWaitMs: options.rateLimitWaitMs ?? DEFAULT_RATE_LIMIT_WAIT_MS,
      logger: options.logger,
      gate: this.#gate,
    });
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: (request) => this.#transport(request),
      pathSerializer: checkedPathSerializer,
    });
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
    const { response } = await this.api.POST("/api/v1/organization/{organization_id}/invitation", {
      params: { path: { organization_id: organizationId } },
      body: invitation,
      // The spec states no body for 201, so it is not parsed.
      parseAs: "text",
      fetch: this.#fetchFor(options),
    });
    const { attempts, requestId } = settled(response);
    return { status: 201, attempts, ...(requestId ? { requestId } : {}) };
  }

  /** The user the API key belongs to, with their organization: `GET /api/v1/me`. */
  async getMe(options: RequestOptions = {}): Promise<UserMe> {
    const result = await parsed(this.api.GET("/api/v1/me", { fetch: this.#fetchFor(options) }));
    settled(result.response);
    return result.data as UserMe;
  }

  /** The workspaces the API key can see: `GET /api/v1/workspaces`. */
  async listWorkspaces(options: RequestOptions = {}): Promise<Workspace[]> {
    const result = await parsed(this.api.GET("/api/v1/workspaces", { fetch: this.#fetchFor(options) }));
    settled(result.response);
    return result.data as Workspace[];
  }

  #fetchFor(options: RequestOptions): typeof globalThis.fetch {
    return (request) => this.#transport(request as Request, options);
  }
}

/** What the transport recorded of the call; throws the error it recorded for an answer that is not a documented success. */
function settled(response: Response): { attempts: number; requestId: string | undefined } {
  const record = recordOf(response);
  if (!record) throw new DeepsetCloudError(`No record of the call to ${response.url}`);
  if (record.error) throw record.error;
  return record;
}

/** openapi-fetch parses a success body as JSON; a body that is not says so in this package's terms. */
async function parsed<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new DeepsetCloudError(`The response was not valid JSON: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Creates a client; see `ClientOptions` for each setting's default. */
export function createDeepsetCloud(options?: ClientOptions): DeepsetCloud {
  return new DeepsetCloud(options);
}
