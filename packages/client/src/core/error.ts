// One class per meaning, so callers branch with `instanceof` (or on `code`) rather than on
// status codes. Every class extends DeepsetCloudError and has a stable `code`; every HTTP
// answer outside the documented successes is an ApiError. ERROR_CODES, at the end, is the one
// table of the vocabulary: the CLI and the contract tests derive theirs from it.
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
  readonly code: ErrorCode;
  /** How many attempts the call made, the last one included; undefined when nothing was sent. */
  readonly attempts: number | undefined;
  /** The `x-request-id` response header of the last answer, when there was one. */
  readonly requestId: string | undefined;
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
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
  readonly issues: RequestIssue[];
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
    super(
      "No API key: pass `apiKey` or set DEEPSET_CLOUD_API_KEY. Create a key in deepset Cloud under Settings → API Keys.",
    );
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
  static readonly status: number | undefined = undefined;
  override name = "ApiError";
  declare readonly attempts: number;
  readonly status: number;
  /** At most 64 KiB of the body: parsed JSON, else text; undefined when empty. */
  readonly body: unknown;
  /** True when the server sent more than `body` holds (the rest was not read). */
  readonly bodyTruncated: boolean;
  readonly headers: Headers;
  constructor(init: ApiErrorInit, summary?: string) {
    super(describe(init, summary), {
      attempts: init.attempts,
      requestId: init.headers.get("x-request-id") ?? undefined,
    });
    this.status = init.status;
    this.body = init.body;
    this.bodyTruncated = init.bodyTruncated ?? false;
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
  readonly location: string | undefined;
  constructor(init: ApiErrorInit) {
    const location = redirectTarget(init);
    super(init, unexpectedSummary(init, location));
    this.location = location;
  }
}

/** A success body longer than `maxResponseBytes`: the call fails rather than hold it; not retried. */
export class ResponseTooLargeError extends ApiError {
  static override readonly code: ErrorCode = "response_too_large";
  override name = "ResponseTooLargeError";
  /** The limit that was passed, in bytes. */
  readonly maxResponseBytes: number;
  constructor(init: ApiErrorInit & { maxResponseBytes: number }) {
    super(init, `the response body is larger than maxResponseBytes (${init.maxResponseBytes} bytes); it was not read`);
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
  readonly afterRetry: boolean;
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
  readonly detail: components["schemas"]["ValidationError"][];
  constructor(init: ApiErrorInit, summary?: string) {
    const detail = validationDetail(init.body);
    super(init, detail.length > 0 ? detail.map(formatValidationItem).join("; ") : summary);
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
  readonly reason: ConnectionFailure;
  /**
   * True when the request may have reached the server and been acted on: the connection
   * closed or was reset after the request was written, or the body was cut short. False when
   * it provably never left (refused, DNS, TLS, the proxy's refusal).
   */
  readonly outcomeUnknown: boolean;
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

/** The classes that stand for one status (401 → AuthenticationError, …), read off the table. */
const CLASS_BY_STATUS = new Map<number, typeof ApiError>(
  Object.values(ERROR_CODES).flatMap((Class) =>
    "status" in Class && Class.status !== undefined ? [[Class.status, Class as typeof ApiError] as const] : [],
  ),
);

/**
 * The error for an answer that is not a documented success. `summaries` are the operation's
 * own words for its statuses (the spec's response descriptions), used when the body says
 * nothing better. A 503 means "signup failed" only where the operation documents it so.
 */
export function errorFromResponse(
  init: ApiErrorInit & { afterRetry?: boolean },
  summaries: Readonly<Record<string, string>> = {},
): ApiError {
  if (init.status < 400) return new UnexpectedStatusError(init);
  const summary = summaries[init.status];
  const Class =
    init.status === 503 && summary === undefined
      ? ServerError
      : (CLASS_BY_STATUS.get(init.status) ?? (init.status >= 500 ? ServerError : ApiError));
  return new Class(init, summary);
}

function redirectTarget({ status, headers, url }: ApiErrorInit): string | undefined {
  const location = status >= 300 && status < 400 ? headers.get("location") : null;
  if (!location) return undefined;
  try {
    const target = new URL(location, url);
    return target.origin + target.pathname;
  } catch {
    return location.split(/[?#]/)[0];
  }
}

function unexpectedSummary({ status, documented }: ApiErrorInit, location: string | undefined): string {
  const expected = documented?.length ? ` (the spec documents ${documented.join(", ")})` : "";
  if (status >= 300 && status < 400) {
    return `a redirect${location ? ` to ${location}` : ""}, not followed: the request was not carried out there${expected}`;
  }
  return `a status the spec does not document for this operation${expected}; the outcome is not known`;
}

function describe(init: ApiErrorInit, summary: string | undefined): string {
  // Below 400 the body is whatever answered instead (a login page, …), not an error message.
  const fromBody = init.status >= 400 ? bodyDetail(init.body) : undefined;
  const words = [fromBody, summary].filter((w): w is string => Boolean(w));
  // The body's own message comes first; the spec's words only where they add something.
  const text = words.length === 2 && words[0] === words[1] ? words[0] : words.join(" — ");
  return `${init.status} from ${init.method} ${init.url}${text ? `: ${text}` : ""}`;
}

/** FastAPI puts a human message in `detail` (a string) for most errors. */
function bodyDetail(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 500) || undefined;
  if (body && typeof body === "object" && "detail" in body) {
    const { detail } = body as { detail: unknown };
    if (typeof detail === "string") return detail;
  }
  return undefined;
}

function validationDetail(body: unknown): components["schemas"]["ValidationError"][] {
  if (body && typeof body === "object" && Array.isArray((body as { detail?: unknown }).detail)) {
    return (body as { detail: unknown[] }).detail.filter(
      (d): d is components["schemas"]["ValidationError"] =>
        Boolean(d) && typeof d === "object" && Array.isArray((d as { loc?: unknown }).loc),
    );
  }
  return [];
}

function formatValidationItem(item: components["schemas"]["ValidationError"]): string {
  return `${item.loc.join(".")}: ${item.msg}`;
}
