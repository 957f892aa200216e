export { createDeepsetCloud, DeepsetCloud, DEFAULT_TIMEOUT_MS } from "./client.js";
export type { ClientOptions, RequestOptions, InviteResult, UserInvitation, UserMe, Workspace } from "./client.js";
export {
  DeepsetCloudError,
  InvalidRequestError,
  MissingApiKeyError,
  ApiError,
  UnexpectedStatusError,
  AuthenticationError,
  PaymentRequiredError,
  PermissionDeniedError,
  NotFoundError,
  AlreadyMemberError,
  UnprocessableEntityError,
  RateLimitError,
  SignupFailedError,
  ServerError,
  ConnectionError,
  TimeoutError,
  AbortError,
} from "./core/error.js";
export type { RequestIssue, ApiErrorInit } from "./core/error.js";
export type { Logger } from "./core/logger.js";
export { REGION_URLS, isRegion, normalizeBaseUrl } from "./internal/base-url.js";
export type { Region } from "./internal/base-url.js";
export { VERSION } from "./version.js";
export type { paths, components, operations } from "./generated/openapi.js";
