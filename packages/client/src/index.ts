export type { ClientOptions, InviteResult, RequestOptions, UserInvitation, UserMe, Workspace } from "./client.js";
export { createDeepsetCloud, DEFAULT_TIMEOUT_MS, DeepsetCloud } from "./client.js";
export type { ApiErrorInit, ConnectionFailure, ErrorCode, ErrorContext, RequestIssue } from "./core/error.js";
export {
  AbortError,
  AlreadyMemberError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  DeepsetCloudError,
  ERROR_CODES,
  InvalidRequestError,
  MissingApiKeyError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  SignupFailedError,
  TimeoutError,
  UnexpectedStatusError,
  UnprocessableEntityError,
} from "./core/error.js";
export type { Logger } from "./core/logger.js";
export type { components, operations, paths } from "./generated/openapi.js";
export type { Region } from "./internal/base-url.js";
export { isRegion, normalizeBaseUrl, REGION_URLS } from "./internal/base-url.js";
export { VERSION } from "./version.js";
