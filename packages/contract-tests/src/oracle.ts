// The oracle: what the spec itself says of a request or a response, judged by Ajv (JSON Schema
// 2020-12, as the spec's jsonSchemaDialect says, with formats) on the spec's own schemas, read at
// test time. The client's validators and Prism are compared against it, and a real answer
// (`pnpm contract:live`) is judged by it.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import type { GeneratedRequest } from "./requests.js";
import type { Json, SpecOperation } from "./spec.js";

/** An Ajv for the spec's schemas: 2020-12, every error reported, formats checked. */
function specAjv(options: { coerceTypes?: "array" } = {}): Ajv2020 {
  // strict: false, because the spec's schemas carry OpenAPI annotations (`example`) Ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true, ...options });
  formats.default(ajv);
  return ajv;
}

/** Ajv's errors as `body.workspace_ids.1: must match format "uuid"` lines, naming the field. */
function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split("/").slice(1);
    if (error.keyword === "required" && typeof error.params.missingProperty === "string")
      segments.push(error.params.missingProperty);
    const where = [prefix, ...segments].filter(Boolean).join(".") || prefix || "request";
    return `${where}: ${error.keyword === "required" ? "is required" : (error.message ?? error.keyword)}`;
  });
}

/** A parameter's value as it travels: text, or several texts for an exploded array. */
export function wireValue(value: unknown): string | string[] {
  return Array.isArray(value) ? value.map(String) : String(value);
}

/**
 * Whether a request is one the spec accepts, and if not, why (each problem naming its field:
 * `body.email: is required`, `limit: must be integer`). Parameters are judged as they travel
 * (text, coerced to the schema's type, as a server reads them); the body as JSON, strictly.
 */
export class RequestOracle {
  readonly #parameters: ValidateFunction;
  readonly #body: ValidateFunction | undefined;
  constructor(readonly operation: SpecOperation) {
    const params = operation.parameters.filter((p) => p.in !== "cookie");
    this.#parameters = specAjv({ coerceTypes: "array" }).compile({
      type: "object",
      properties: Object.fromEntries(params.map((p) => [keyOf(p), p.schema])),
      required: params.filter((p) => p.required).map(keyOf),
    });
    this.#body = operation.body ? specAjv().compile(operation.body.schema as Json) : undefined;
  }

  problems(request: GeneratedRequest): string[] {
    const params: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(request.path)) params[name] = wireValue(value);
    for (const [name, value] of Object.entries(request.query)) params[name] = wireValue(value);
    for (const [name, value] of Object.entries(request.header)) params[name.toLowerCase()] = wireValue(value);
    const problems = this.#parameters(params) ? [] : describeErrors(this.#parameters.errors, "");
    if (!this.operation.body) return problems;
    if (!("body" in request)) return this.operation.body.required ? [...problems, "body: is required"] : problems;
    if (!this.#body!(request.body)) problems.push(...describeErrors(this.#body!.errors, "body"));
    return problems;
  }
}

function keyOf(p: { name: string; in: string }): string {
  return p.in === "header" ? p.name.toLowerCase() : p.name;
}

/** A response as it arrived. */
export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** The body as text ("" when there was none). */
  body: string;
}

/** The spec's response object for a status: the exact code, else its range (`4XX`), else `default`. */
function documentedResponse(operation: SpecOperation, status: number) {
  const { responses } = operation;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

/**
 * Schemathesis' response checks for one operation: the status is one the spec documents
 * (status_code_conformance), the content type is one it documents for that status
 * (content_type_conformance), and the body validates against that content's schema
 * (response_schema_conformance); a 5xx the spec does not document is named as such (not_a_server_error).
 * Each returns the problems found, each naming the field, so an empty array means the response conforms.
 */
export class ResponseChecker {
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #ajv = specAjv();

  check(operation: SpecOperation, response: ObservedResponse): string[] {
    const where = `${operation.label} → ${response.status}`;
    const problems: string[] = [];
    const documented = documentedResponse(operation, response.status);
    if (!documented) {
      const what =
        response.status >= 500 ? "a server error the spec does not document (not_a_server_error)" : "not documented";
      problems.push(
        `${where}: status ${response.status} is ${what} (documented: ${Object.keys(operation.responses).join(", ")})`,
      );
      return problems;
    }
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) return problems; // the spec states no body: any body is accepted
    const mediaType = response.contentType?.split(";")[0]?.trim().toLowerCase() ?? null;
    const media = mediaType ? content[mediaType] : undefined;
    if (!mediaType || !media) {
      problems.push(
        `${where}: content type ${mediaType ?? "(none)"} is not documented (documented: ${Object.keys(content).join(", ")})`,
      );
      return problems;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      problems.push(`${where}: the body is not JSON: ${response.body.slice(0, 200)}`);
      return problems;
    }
    const key = `${operation.id} ${response.status} ${mediaType}`;
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile((media.schema ?? {}) as Json);
      this.#validators.set(key, validate);
    }
    if (!validate(parsed)) problems.push(...describeErrors(validate.errors, "response").map((p) => `${where}: ${p}`));
    return problems;
  }
}
