// The spec as the contract checks read it: the request body schema of an operation, the
// responses it documents, and a validator (Ajv, JSON Schema 2020-12 as the spec's
// jsonSchemaDialect says, with formats) that tells whether a request body or a response
// conforms. These are the checks' oracle: the client's own validators and Prism's are
// compared against it, and a real response (`pnpm contract:live`) is judged by it.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { resolveRefs } from "@dcloud/scripts/openapi";
import { parse as parseYaml } from "yaml";
import { SPEC_PATH } from "./prism.js";

export { resolveRefs };

export type Json = Record<string, unknown>;
export type Schema = Json | boolean;

export const INVITE_PATH = "/api/v1/organization/{organization_id}/invitation";
export const ME_PATH = "/api/v1/me";

interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, ResponseObject>;
}
export interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Reads and $ref-resolves a spec (default: SPEC_PATH, i.e. spec/openapi.yaml or $DCLOUD_CONTRACT_SPEC). */
export function loadSpec(path: string = SPEC_PATH): Spec {
  return resolveRefs(parseYaml(readFileSync(path, "utf8")) as Spec);
}

/** An Ajv for the spec's schemas: 2020-12, every error reported, formats checked. */
export function specAjv(): Ajv2020 {
  // strict: false, because the spec's schemas carry OpenAPI annotations (`example`) Ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  formats.default(ajv);
  return ajv;
}

function operationOf(spec: Spec, method: string, path: string): Operation {
  const operation = spec.paths[path]?.[method];
  if (!operation) throw new Error(`The spec has no ${method.toUpperCase()} ${path}`);
  return operation;
}

/** The JSON request body schema of an operation. */
export function requestBodySchema(spec: Spec, method: string, path: string): Json {
  const schema = operationOf(spec, method, path).requestBody?.content?.["application/json"]?.schema;
  if (!schema || typeof schema !== "object") throw new Error(`${method.toUpperCase()} ${path} has no JSON request body schema`);
  return schema;
}

/** Ajv's errors as `body.workspace_ids.1: must match format "uuid"` lines, naming the field. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix: string): string[] {
  return (errors ?? []).map((error) => {
    const segments = error.instancePath.split("/").slice(1);
    if (error.keyword === "required" && typeof error.params.missingProperty === "string") segments.push(error.params.missingProperty);
    const where = [prefix, ...segments].filter(Boolean).join(".") || prefix;
    return `${where}: ${error.keyword === "required" ? "is required" : (error.message ?? error.keyword)}`;
  });
}

/** A response as it arrived. */
export interface ObservedResponse {
  status: number;
  contentType: string | null;
  /** The body as text ("" when there was none). */
  body: string;
}

/**
 * Schemathesis' response checks for one operation: the status is one the spec documents
 * (status_code_conformance), the content type is one it documents for that status
 * (content_type_conformance), and the body validates against that content's schema
 * (response_schema_conformance); plus not_a_server_error. Each returns the problems found,
 * each naming the field, so an empty array means the response conforms.
 */
export class ResponseChecker {
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #ajv = specAjv();
  constructor(readonly spec: Spec) {}

  check(method: string, path: string, response: ObservedResponse, options: { allowServerError?: boolean } = {}): string[] {
    const where = `${method.toUpperCase()} ${path} → ${response.status}`;
    const problems: string[] = [];
    if (response.status >= 500 && !options.allowServerError) problems.push(`${where}: a server error (not_a_server_error)`);
    const responses = operationOf(this.spec, method, path).responses ?? {};
    const documented =
      responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
    if (!documented) {
      problems.push(`${where}: status ${response.status} is not documented (documented: ${Object.keys(responses).join(", ")})`);
      return problems;
    }
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) return problems; // the spec states no body: any body is accepted
    const mediaType = response.contentType?.split(";")[0]?.trim().toLowerCase() ?? null;
    const media = mediaType ? content[mediaType] : undefined;
    if (!mediaType || !media) {
      problems.push(`${where}: content type ${mediaType ?? "(none)"} is not documented (documented: ${Object.keys(content).join(", ")})`);
      return problems;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      problems.push(`${where}: the body is not JSON: ${response.body.slice(0, 200)}`);
      return problems;
    }
    const key = `${method} ${path} ${response.status} ${mediaType}`;
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(media.schema ?? {});
      this.#validators.set(key, validate);
    }
    if (!validate(parsed)) problems.push(...describeErrors(validate.errors, "response").map((p) => `${where}: ${p}`));
    return problems;
  }
}
