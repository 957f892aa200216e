// Checks a request against the spec before it is sent, with the validators that
// `pnpm generate` compiled from the spec's schemas. It checks the request as it is about to
// travel (path parameters as text, query, headers, the body as serialized), so what it passes
// is exactly what the server will see, whichever way the request was made.
import { InvalidRequestError, type RequestIssue } from "../core/error.js";
import type { Operation, Validator } from "./operations.js";
import type { OutgoingRequest } from "./outgoing-request.js";

/** Throws `InvalidRequestError` naming every problem (`organization_id`, `body.email`, `body.workspace_ids.1`, …). */
export function validateRequest(operation: Operation, request: OutgoingRequest): void {
  const issues = parameterIssues(operation, request).concat(bodyIssues(operation, request.body));
  if (issues.length > 0) throw new InvalidRequestError(issues);
}

function parameterIssues(operation: Operation, { url, headers, pathParams }: OutgoingRequest): RequestIssue[] {
  const issues: RequestIssue[] = [];
  const params: Record<string, unknown> = {};
  for (const name of operation.pathParams) {
    const value = pathParams[name];
    // Sent as text, whatever its type: what the server sees is the text.
    if (value == null) issues.push({ path: name, message: "is required" });
    else params[name] = String(value);
  }
  if (!operation.validateParameters) return issues;
  // Most requests have no query: no URL to parse for them.
  const searchParams = url.includes("?") ? new URL(url).searchParams : new URLSearchParams();
  for (const name of new Set(searchParams.keys())) {
    const values = searchParams.getAll(name);
    params[name] = values.length === 1 ? values[0] : values;
  }
  for (const name of operation.headerParams) {
    const value = headers.get(name);
    if (value !== null) params[name] = value;
  }
  const found = check(operation.validateParameters, params, "");
  return issues.concat(found.filter((i) => !issues.some((known) => known.path === i.path)));
}

function bodyIssues(operation: Operation, sent: OutgoingRequest["body"]): RequestIssue[] {
  if (!operation.body) return NONE;
  if (sent === null || sent === "") return operation.body.required ? [{ path: "body", message: "is required" }] : [];
  if (typeof sent !== "string") return [{ path: "body", message: "must be JSON" }];
  let body: unknown;
  try {
    body = JSON.parse(sent);
  } catch {
    return [{ path: "body", message: "must be JSON" }];
  }
  return check(operation.body.validate, body, "body");
}

const NONE: RequestIssue[] = [];

function check(validate: Validator, data: unknown, prefix: string): RequestIssue[] {
  if (validate(data)) return NONE;
  return (validate.errors ?? []).map((error) => {
    const segments = error.instancePath.split("/").slice(1);
    if (error.keyword === "required" && error.params.missingProperty) segments.push(error.params.missingProperty);
    const path = [prefix, ...segments].filter(Boolean).join(".") || prefix || "parameters";
    return { path, message: error.keyword === "required" ? "is required" : (error.message ?? error.keyword) };
  });
}
