// One class per meaning, so callers branch with `instanceof` rather than on status codes.
// Every class extends DeepsetCloudError; every HTTP answer outside 2xx is an ApiError.
import type { components } from "../generated/openapi.js";

/** The base of every error this package throws. */
export class DeepsetCloudError extends Error {
  override name = "DeepsetCloudError";
}

/** One problem found in a request before it was sent. */
export interface RequestIssue {
  /** Where the problem is: `organization_id`, `body.email`, `body.workspace_ids.1`, … */
  path: string;
  message: string;
}

/** The request failed validation; nothing was sent. */
export class InvalidRequestError extends DeepsetCloudError {
  override name = "InvalidRequestError";
  readonly issues: RequestIssue[];
  constructor(issues: RequestIssue[]) {
    super(`Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.issues = issues;
  }
}

/** No API key was given (option `apiKey` or env `DEEPSET_CLOUD_API_KEY`); nothing was sent. */
export class MissingApiKeyError extends DeepsetCloudError {
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
  override name = "ApiError";
  readonly status: number;
  /** The `x-request-id` response header, for deepset support. */
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly headers: Headers;
  readonly attempts: number;
  constructor(init: ApiErrorInit, summary?: string) {
    super(describe(init, summary));
    this.status = init.status;
    this.requestId = init.headers.get("x-request-id") ?? undefined;
    this.body = init.body;
    this.headers = init.headers;
    this.attempts = init.attempts;
  }
}

/**
 * A redirect (3xx; never followed, so the request went nowhere else), or a 1xx/2xx that the
 * spec does not document for the operation: whatever the server did, it is not what the call
 * asked for. For a redirect, `location` is where it pointed, without its query string.
 */
export class UnexpectedStatusError extends ApiError {
  override name = "UnexpectedStatusError";
  readonly location: string | undefined;
  constructor(init: ApiErrorInit) {
    const location = redirectTarget(init);
    super(init, unexpectedSummary(init, location));
    this.location = location;
  }
}

/** 401: the API key is wrong, expired or revoked. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}

/** 402: inviting is not available on the organization's plan. */
export class PaymentRequiredError extends ApiError {
  override name = "PaymentRequiredError";
}

/** 403: the key's user may not do this (inviting needs an admin). */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}

/** 404: no such organization, or the URL does not point at the API. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** 409: the user already belongs to the organization. */
export class AlreadyMemberError extends ApiError {
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
  override name = "UnprocessableEntityError";
  readonly detail: components["schemas"]["ValidationError"][];
  constructor(init: ApiErrorInit, summary?: string) {
    const detail = validationDetail(init.body);
    super(init, detail.length > 0 ? detail.map(formatValidationItem).join("; ") : summary);
    this.detail = detail;
  }
}

/** 429: too many requests. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}

/** 503 on an invitation: something went wrong during signup. */
export class SignupFailedError extends ApiError {
  override name = "SignupFailedError";
}

/** Any other 5xx. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

/** No response: the connection was refused or reset, or the host was not found. */
export class ConnectionError extends DeepsetCloudError {
  override name = "ConnectionError";
  /** How many attempts the call made, this one included. */
  readonly attempts: number;
  constructor(message: string, options: { cause?: unknown; attempts?: number } = {}) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts ?? 1;
  }
}

/** An attempt ran past its timeout (`timeoutMs`). */
export class TimeoutError extends DeepsetCloudError {
  override name = "TimeoutError";
  /** How many attempts the call made, this one included. */
  readonly attempts: number;
  constructor(message: string, options: { cause?: unknown; attempts?: number } = {}) {
    super(message, { cause: options.cause });
    this.attempts = options.attempts ?? 1;
  }
}

/** The caller's AbortSignal aborted the call. */
export class AbortError extends DeepsetCloudError {
  override name = "AbortError";
}

const CLASS_BY_STATUS: Record<number, typeof ApiError> = {
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: AlreadyMemberError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

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
  if (init.status === 503 && summary !== undefined) return new SignupFailedError(init, summary);
  const Class = CLASS_BY_STATUS[init.status] ?? (init.status >= 500 ? ServerError : ApiError);
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
