// The client: settings, the one place where a call becomes an HTTP exchange, and the
// API's operations as methods. Requests are made by openapi-fetch with the types
// generated from spec/openapi.yaml, so a path, parameter or body the spec does not
// have is a compile error.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";
import { responseDescriptions } from "./generated/responses.js";
import { errorFromResponse } from "./core/error.js";
import type { Logger } from "./core/logger.js";
import { runAttempt } from "./internal/attempt.js";
import { normalizeBaseUrl, REGION_URLS, type Region } from "./internal/base-url.js";
import { readEnv } from "./internal/env.js";
import { checkOrganizationId } from "./internal/organization-id.js";
import { redactKey } from "./internal/redact.js";
import { createTransportFetch, requestOf } from "./internal/transport-fetch.js";

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
  /** How long one attempt may take, in milliseconds, until its whole response has arrived. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** The fetch to use. Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Receives one debug line per request. It never sees the API key. Default: none. */
  logger?: Logger | undefined;
  /** Allow an `http://` base URL on a host other than loopback (the key would travel unencrypted). Default: false. */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call overrides. */
export interface RequestOptions {
  /** Aborts the call: it then rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call, in milliseconds. */
  timeoutMs?: number | undefined;
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

const INVITE = "/api/v1/organization/{organization_id}/invitation";
const ME = "/api/v1/me";

export class DeepsetCloud {
  /** The underlying openapi-fetch client, typed with the generated `paths`; it sends the same headers. */
  readonly api: Client<paths>;
  /** The resolved base URL, without `/api/v1`. */
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  readonly #apiKey: string | undefined;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(
      options.baseUrl ?? readEnv("DEEPSET_CLOUD_API_URL") ?? REGION_URLS[options.region ?? "eu"],
      { allowInsecureHttp: options.allowInsecureHttp ?? false },
    );
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#apiKey = options.apiKey ?? readEnv("DEEPSET_CLOUD_API_KEY");
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      fetch: createTransportFetch({
        // Looked up at call time, so a fetch patched after the client was made is still used.
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        apiKey: this.#apiKey,
        logger: options.logger,
      }),
    });
  }

  /**
   * Invites a user to an organization: `POST /api/v1/organization/{organization_id}/invitation`.
   * Resolves on 201; any other answer rejects with the matching `ApiError` subclass
   * (a 409 with `AlreadyMemberError`, a 402 with `PaymentRequiredError`, …).
   */
  async inviteUser(
    organizationId: string,
    invitation: UserInvitation,
    options: RequestOptions = {},
  ): Promise<InviteResult> {
    const organization_id = checkOrganizationId(organizationId);
    const { response } = await this.#call(
      "invite_user_to_organization_api_v1_organization__organization_id__invitation_post",
      "POST",
      options,
      (signal) =>
        // The 201 body is not described by the spec, so it is read as text and not parsed.
        this.api.POST(INVITE, { params: { path: { organization_id } }, body: invitation, signal, parseAs: "text" }),
    );
    const requestId = response.headers.get("x-request-id") ?? undefined;
    return { status: 201, attempts: 1, ...(requestId ? { requestId } : {}) };
  }

  /** The user the API key belongs to, with their organization: `GET /api/v1/me`. */
  async getMe(options: RequestOptions = {}): Promise<UserMe> {
    const { data } = await this.#call("read_users_me_api_v1_me_get", "GET", options, (signal) =>
      this.api.GET(ME, { signal }),
    );
    return data as UserMe;
  }

  /** One call: runs the attempt and turns a non-2xx answer into its error class. */
  async #call<R extends { response: Response; error?: unknown; data?: unknown }>(
    operationId: keyof typeof responseDescriptions,
    method: string,
    options: RequestOptions,
    send: (signal: AbortSignal) => Promise<R>,
  ): Promise<R> {
    const result = await runAttempt(send, {
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      signal: options.signal,
      target: this.baseUrl,
    });
    const { response } = result;
    if (response.ok) return result;
    const url = requestOf(response)?.url ?? response.url;
    throw errorFromResponse(
      { status: response.status, body: redactKey(result.error, this.#apiKey), headers: response.headers, attempts: 1, method, url },
      responseDescriptions[operationId],
    );
  }
}

/** Creates a client; see `ClientOptions` for each setting's default. */
export function createDeepsetCloud(options?: ClientOptions): DeepsetCloud {
  return new DeepsetCloud(options);
}
