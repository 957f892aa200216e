// Checks a request against the spec before it is sent, with the validators that
// `pnpm generate` compiled from the spec's schemas (src/generated/validators.ts).
import { InvalidRequestError, type RequestIssue } from "../core/error.js";
import { requestValidators } from "../generated/validators.js";

/** The shape of an Ajv standalone validator and of the errors it leaves on itself. */
interface AjvError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string; [key: string]: unknown };
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

export type ValidatedOperation = keyof typeof requestValidators;

/**
 * Throws `InvalidRequestError` naming every problem of the path parameters and the body
 * (`organization_id`, `body.email`, `body.workspace_ids.1`, …); returns when both conform.
 */
export function validateRequest(
  operationId: ValidatedOperation,
  request: { path?: Record<string, unknown>; body?: unknown },
): void {
  const validators = requestValidators[operationId] as { path?: Validator; body?: Validator };
  const issues = [
    ...check(validators.path, request.path ?? {}, ""),
    ...Object.entries(request.path ?? {}).flatMap(([name, value]) => pathSegmentIssues(name, value)),
    ...check(validators.body, request.body, "body"),
  ];
  if (issues.length > 0) throw new InvalidRequestError(issues);
}

/**
 * openapi-fetch percent-encodes path parameters but lets `.` and `..` through, and the URL
 * parser then resolves them as dot segments: `..` as an organization ID would send the
 * request to another endpoint. An empty value would do the same (`//`). The spec cannot
 * say this of a plain string, so it is checked here, for every path parameter.
 */
function pathSegmentIssues(name: string, value: unknown): RequestIssue[] {
  if (typeof value !== "string") return []; // the generated validator reports the type
  if (value.trim() === "") return [{ path: name, message: "must not be empty" }];
  if (value === "." || value === "..") {
    return [{ path: name, message: `must not be "${value}" (a dot segment would change the URL's path)` }];
  }
  return [];
}

function check(validate: Validator | undefined, data: unknown, prefix: string): RequestIssue[] {
  if (!validate || validate(data)) return [];
  return (validate.errors ?? []).map((error) => {
    const segments = error.instancePath.split("/").slice(1);
    if (error.keyword === "required" && error.params.missingProperty) segments.push(error.params.missingProperty);
    const path = [prefix, ...segments].filter(Boolean).join(".") || "body";
    return { path, message: error.keyword === "required" ? "is required" : (error.message ?? error.keyword) };
  });
}
