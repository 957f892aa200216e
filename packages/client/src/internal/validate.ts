// Checks a request against the spec before it is sent, with the validators that
// `pnpm generate` compiled from the spec's schemas. It checks the request as it is about to
// travel (path parameters as text, query, headers, the body as serialized), so what it passes
// is exactly what the server will see, whichever way the request was made.
import { InvalidRequestError, type RequestIssue } from "../core/error.js";
import type { Operation, Validator } from "./operations.js";
import type { OutgoingRequest } from "./outgoing-request.js";

/** Throws `InvalidRequestError` naming every problem (`organization_id`, `body.email`, `body.workspace_ids.1`, …). */
export function validateRequest(operation: Operation, { url, headers, pathParams, body }: OutgoingRequest): void {
  const issues: RequestIssue[] = [];
  // An operation with path parameters always has a validator, and the spec requires them there.
  if (operation.validateParameters) {
    const params: Record<string, unknown> = {};
    for (const name of operation.pathParams) {
      const value = pathParams[name];
      // Sent as text, whatever its type: what the server sees is the text.
      if (value != null) params[name] = String(value);
    }
    // Most requests have no query: no URL to parse for them.
    const query = url.includes("?") ? new URL(url).searchParams : undefined;
    query?.forEach((_, name) => {
      const values = query.getAll(name);
      params[name] = values.length === 1 ? values[0] : values;
    });
    for (const name of operation.headerParams) {
      const value = headers.get(name);
      if (value !== null) params[name] = value;
    }
    check(operation.validateParameters, params, "", issues);
  }
  if (operation.body) {
    if (body === null || body === "") {
      if (operation.body.required) issues.push({ path: "body", message: "is required" });
    } else {
      let sent: unknown = NOT_JSON;
      try {
        if (typeof body === "string") sent = JSON.parse(body);
      } catch {}
      if (sent === NOT_JSON) issues.push({ path: "body", message: "must be JSON" });
      else check(operation.body.validate, sent, "body", issues);
    }
  }
  if (issues.length > 0) throw new InvalidRequestError(issues);
}

const NOT_JSON = Symbol();

function check(validate: Validator, data: unknown, prefix: string, issues: RequestIssue[]): void {
  if (validate(data)) return;
  for (const { instancePath, keyword, params, message } of validate.errors ?? []) {
    const required = keyword === "required";
    const segments = [prefix, ...instancePath.split("/").slice(1), required && params.missingProperty];
    issues.push({
      path: segments.filter(Boolean).join(".") || "parameters",
      message: required ? "is required" : (message ?? keyword),
    });
  }
}
