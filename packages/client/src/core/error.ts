// One class per meaning, so callers branch with `instanceof` (or on `code`) rather than on
// status codes. Every class extends DeepsetCloudError and has a stable `code`; every HTTP
// answer outside the documented successes is an ApiError. ERROR_CODES, at the end, is the one
// table of the vocabulary: the CLI and the contract tests derive theirs from it.
// Instance fields are `declare`d: each constructor sets them, so no field definitions are emitted.
import type { components } from "../generated/openapi.js";

/** What an error knows of the call that raised it. */
export interface ErrorContext {
  cause?: unknown;
  /** How many attempts the call made, the failed one included. */
  attempts?: number | undefined;
  /** The `x-request-id` of the answer, for deepset support. */
  requestId?: string | undefined;
}

/** The base of every error this package throws. */
export abstract class DeepsetCloudError extends Error {
  override name = "DeepsetCloudError";
  /** A stable name for what went wrong (a key of `ERROR_CODES`), for programs and `--json` output. */
  declare readonly code: ErrorCode;
  /** How many attempts the call made, the last one included; undefined when nothing was sent. */
  declare readonly attempts: number | undefined;
  /** The `x-request-id` response header of the last answer, when there was one. */
  declare readonly requestId: string | undefined;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.code = (new.target as unknown as { code: ErrorCode }).code;
    this.attempts = context.attempts;
    this.requestId = context.requestId;
  }
}

/** One problem found in a request before it was sent. */
export interface RequestIssue {
  /** Where the problem is: `organization_id`, `body.email`, `body.workspace_ids.1`, … */
  path: string;
  message: string;
}

/** The request (or a setting it needs, such as the base URL) failed validation; nothing was sent. */
export class InvalidRequestError extends DeepsetCloudError {
  static readonly code: ErrorCode = "invalid_request";
  override name = "InvalidRequestError";
  declare readonly issues: RequestIssue[];
  constructor(issues: RequestIssue[], message?: string) {
    super(message ?? `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}

/** No API key was given (option `apiKey` or env `DEEPSET_CLOUD_API_KEY`); nothing was sent. */
export class MissingApiKeyError extends DeepsetCloudError {
  static readonly code: ErrorCode = "missing_api_key";
  override name = "MissingApiKeyError";
  constructor() {
    super("No API key: pass `apiKey` or set DEEPSET_CLOUD_API_KEY (deepset Cloud → Settings → API Keys creates one).");
  }
}

export interface ApiErrorInit {
  status: number;
  /** The parsed JSON body, or the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  /** True when the body was longer than what was read (error bodies: 64 KiB); `body` holds the start. */
  bodyTruncated?: boolean | undefined;
  headers: Headers;
  /** How many attempts the call made, this one included. */
  attempts: number;
  method: string;
  /** The request URL (it never holds the API key, which travels in a header). */
  url: string;
  /** The success statuses the spec documents for the operation, when it is known. */
  documented?: readonly number[] | undefined;
}

/**
 * Any answer that is not a success the spec documents for the operation. Subclasses name the
 * statuses the API documents or that callers act on. `headers` and `body` have credentials
 * (and the API key wherever it appears) replaced by `***`.
 */
export class ApiError extends DeepsetCloudError {
  static readonly code: ErrorCode = "api_error";
  /** The one status this class stands for, where it has one. */
  declare static readonly status: number | undefined;
  override name = "ApiError";
  declare readonly attempts: number;
  declare readonly status: number;
  /** At most 64 KiB of the body: parsed JSON, else text; undefined when empty. */
  declare readonly body: unknown;
  /** True when the server sent more than `body` holds (the rest was not read). */
  declare readonly bodyTruncated: boolean;
  declare readonly headers: Headers;
  constructor(init: ApiErrorInit, summary?: string) {
    super(describe(init, summary), {
      attempts: init.attempts,
      requestId: init.headers.get("x-request-id") ?? undefined,
    });
    this.status = init.status;
    this.body = init.body;
    this.bodyTruncated = !!init.bodyTruncated;
    this.headers = init.headers;
  }
}

/**
 * A redirect (3xx; never followed, so the request went nowhere else), or a 1xx/2xx that the
 * spec does not document for the operation: whatever the server did, it is not what the call
 * asked for. For a redirect, `location` is where it pointed, without its query string.
 */
export class UnexpectedStatusError extends ApiError {
  static override readonly code: ErrorCode = "unexpected_status";
  override name = "UnexpectedStatusError";
  declare readonly location: string | undefined;
  constructor(init: ApiErrorInit) {
    const { status, headers, url, documented } = init;
    const redirect = status >= 300 && status < 400;
    const raw = redirect ? headers.get("location") : null;
    const target = raw && URL.parse(raw, url);
    // Where it pointed, without its query string (which may carry a token).
    const location = target ? target.origin + target.pathname : raw?.split(/[?#]/)[0] || undefined;
    const expected = documented?.length ? ` (the spec documents ${documented.join(", ")})` : "";
    super(
      init,
      redirect
        ? `a redirect${location ? ` to ${location}` : ""}, not followed${expected}`
        : `a status the spec does not document for this operation${expected}; the outcome is not known`,
    );
    this.location = location;
  }
}

/** A success body longer than `maxResponseBytes`: the call fails rather than hold it; not retried. */
export class ResponseTooLargeError extends ApiError {
  static override readonly code: ErrorCode = "response_too_large";
  override name = "ResponseTooLargeError";
  /** The limit that was passed, in bytes. */
  declare readonly maxResponseBytes: number;
  constructor(init: ApiErrorInit & { maxResponseBytes: number }) {
    super(init, `body larger than maxResponseBytes (${init.maxResponseBytes} bytes), not read`);
    this.maxResponseBytes = init.maxResponseBytes;
  }
}

/** 401: the API key is wrong, expired or revoked. */
export class AuthenticationError extends ApiError {
  static override readonly code: ErrorCode = "authentication";
  static override readonly status = 401;
  override name = "AuthenticationError";
}

/** 402: inviting is not available on the organization's plan. */
export class PaymentRequiredError extends ApiError {
  static override readonly code: ErrorCode = "payment_required";
  static override readonly status = 402;
  override name = "PaymentRequiredError";
}

/** 403: the key's user may not do this (inviting needs an admin). */
export class PermissionDeniedError extends ApiError {
  static override readonly code: ErrorCode = "permission_denied";
  static override readonly status = 403;
  override name = "PermissionDeniedError";
}

/** 404: no such organization, or the URL does not point at the API. */
export class NotFoundError extends ApiError {
  static override readonly code: ErrorCode = "not_found";
  static override readonly status = 404;
  override name = "NotFoundError";
}

/** 409: the user already belongs to the organization. */
export class AlreadyMemberError extends ApiError {
  static override readonly code: ErrorCode = "already_member";
  static override readonly status = 409;
  override name = "AlreadyMemberError";
  /**
   * True when an earlier attempt of the same call had an unknown outcome (a timeout, a reset
   * connection, a 5xx), so this 409 may well be that attempt's own invitation: treat it as invited.
   */
  declare readonly afterRetry: boolean;
  constructor(init: ApiErrorInit & { afterRetry?: boolean }, summary?: string) {
    super(init, summary);
    this.afterRetry = init.afterRetry ?? false;
  }
}

/** 422: the server refused the request's shape; `detail` holds FastAPI's validation items. */
export class UnprocessableEntityError extends ApiError {
  static override readonly code: ErrorCode = "unprocessable";
  static override readonly status = 422;
  override name = "UnprocessableEntityError";
  declare readonly detail: components["schemas"]["ValidationError"][];
  constructor(init: ApiErrorInit, summary?: string) {
    const items = detailOf(init.body);
    const detail = Array.isArray(items) ? items.filter((d) => Array.isArray(d?.loc)) : [];
    super(init, detail.length > 0 ? detail.map((d) => `${d.loc.join(".")}: ${d.msg}`).join("; ") : summary);
    this.detail = detail;
  }
}

/** 429: too many requests, and the call's `rateLimitWaitMs` (or its retries) ran out. */
export class RateLimitError extends ApiError {
  static override readonly code: ErrorCode = "rate_limited";
  static override readonly status = 429;
  override name = "RateLimitError";
}

/** 503 where the operation documents it (an invitation): something went wrong during signup. */
export class SignupFailedError extends ApiError {
  static override readonly code: ErrorCode = "signup_failed";
  static override readonly status = 503;
  override name = "SignupFailedError";
}

/** Any other 5xx. */
export class ServerError extends ApiError {
  static override readonly code: ErrorCode = "server";
  override name = "ServerError";
}

/** Why no answer came, as far as can be told. */
export type ConnectionFailure =
  /** Nothing listened at the address (ECONNREFUSED): the request never left. */
  | "refused"
  /** The host name did not resolve: the request never left. */
  | "dns"
  /** The connection was reset or closed, before or while the answer came. */
  | "reset"
  /** The server's TLS certificate is not one this machine trusts (unknown issuer, expired, wrong host): not retried. */
  | "untrusted_certificate"
  /** A proxy refused the tunnel to the API (407, 403, …): not retried, since proxies lock accounts after failed logins. */
  | "proxy_refused"
  | "other";

/** No (whole) answer: the connection was refused, reset or closed, the host was not found, or TLS failed. */
export class ConnectionError extends DeepsetCloudError {
  static readonly code: ErrorCode = "connection";
  override name = "ConnectionError";
  declare readonly attempts: number;
  declare readonly reason: ConnectionFailure;
  /**
   * True when the request may have reached the server and been acted on: the connection
   * closed or was reset after the request was written, or the body was cut short. False when
   * it provably never left (refused, DNS, TLS, the proxy's refusal).
   */
  declare readonly outcomeUnknown: boolean;
  constructor(
    message: string,
    options: ErrorContext & { reason?: ConnectionFailure | undefined; outcomeUnknown?: boolean | undefined } = {},
  ) {
    super(message, { ...options, attempts: options.attempts ?? 1 });
    this.reason = options.reason ?? "other";
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** An attempt ran past its timeout (`timeoutMs`); the server may have acted on it. */
export class TimeoutError extends DeepsetCloudError {
  static readonly code: ErrorCode = "timeout";
  override name = "TimeoutError";
  declare readonly attempts: number;
  constructor(message: string, options: ErrorContext = {}) {
    super(message, { ...options, attempts: options.attempts ?? 1 });
  }
}

/** The caller's AbortSignal aborted the call (or its stopSignal stopped it before any attempt). */
export class AbortError extends DeepsetCloudError {
  static readonly code: ErrorCode = "aborted";
  override name = "AbortError";
}

/**
 * Every error code with its class: the package's error vocabulary in one place. A key is the
 * `code` of every instance of its class (`new RateLimitError(…).code === "rate_limited"`).
 */
export const ERROR_CODES = {
  invalid_request: InvalidRequestError,
  unexpected_status: UnexpectedStatusError,
  authentication: AuthenticationError,
  payment_required: PaymentRequiredError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  already_member: AlreadyMemberError,
  unprocessable: UnprocessableEntityError,
  rate_limited: RateLimitError,
  signup_failed: SignupFailedError,
  server: ServerError,
  connection: ConnectionError,
  timeout: TimeoutError,
  aborted: AbortError,
  response_too_large: ResponseTooLargeError,
  missing_api_key: MissingApiKeyError,
  /** An ApiError whose status has no class of its own (400, 405, …). */
  api_error: ApiError,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The error for an answer that is not a documented success. `summaries` are the operation's
 * own words for its statuses (the spec's response descriptions), used when the body says
 * nothing better. A 503 means "signup failed" only where the operation documents it so.
 */
export function errorFromResponse(
  init: ApiErrorInit & { afterRetry?: boolean },
  summaries: Readonly<Record<string, string>> = {},
): ApiError {
  const { status } = init;
  if (status < 400) return new UnexpectedStatusError(init);
  const summary = summaries[status];
  // A 503 means "signup failed" only where the operation documents it so.
  const own = status === 503 && summary === undefined ? undefined : classForStatus(status);
  const Class = own ?? (status < 500 ? ApiError : ServerError);
  return new Class(init, summary);
}

/** The class that stands for one status (401 → AuthenticationError, …), read off the table. */
function classForStatus(status: number): typeof ApiError | undefined {
  return Object.values(ERROR_CODES).find((Class) => "status" in Class && Class.status === status) as
    | typeof ApiError
    | undefined;
}

function describe({ status, body, method, url }: ApiErrorInit, summary: string | undefined): string {
  // Below 400 the body is whatever answered instead (a login page, …), not an error message.
  // FastAPI puts a human message in `detail` (a string) for most errors.
  const detail = status < 400 ? 0 : typeof body === "string" ? body.trim().slice(0, 500) : detailOf(body);
  const fromBody = typeof detail === "string" ? detail : "";
  // The body's own message comes first; the spec's words only where they add something.
  const text = fromBody && summary && fromBody !== summary ? `${fromBody} — ${summary}` : fromBody || summary;
  return `${status} from ${method} ${url}${text ? `: ${text}` : ""}`;
}

function detailOf(body: unknown): unknown {
  return (body as { detail?: unknown } | null)?.detail;
}
