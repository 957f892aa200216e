// Reading the spec at test time: the document (YAML or JSON) with its local $refs resolved,
// and its operations walked into one shape. This is the only file of the suite that reads or
// walks the spec; everything else takes the `SpecOperation`s it returns, so an operation added
// to spec/ reaches every check without a line of test code.
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { type HTTP_METHODS, resolveRefs, operationsOf as walkOperations } from "@dcloud/scripts/openapi";
import { parse as parseYaml } from "yaml";

/** spec/openapi.yaml at the repository root (this file is in packages/contract-tests/{src,dist}). */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));

/**
 * The spec the contract suite checks against: `$DCLOUD_CONTRACT_SPEC` when set (a path, taken
 * relative to the current directory), else spec/openapi.yaml. Pointing it at an edited copy
 * shows what the suite says about a wrong spec without touching the real one.
 */
export const SPEC_PATH = process.env.DCLOUD_CONTRACT_SPEC
  ? resolvePath(process.env.DCLOUD_CONTRACT_SPEC)
  : DEFAULT_SPEC_PATH;

export type Json = Record<string, unknown>;
export type Schema = Json | boolean;

export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
export interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
  description?: string;
}
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, unknown[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, ResponseObject>;
}
export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: ParameterObject[] };
export interface Spec {
  openapi: string;
  jsonSchemaDialect?: string;
  servers?: { url: string; description?: string }[];
  security?: Record<string, unknown[]>[];
  paths: Record<string, PathItem>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, { type?: string; scheme?: string }>;
  };
}

/** A parameter as the checks use it: path-level and operation-level merged, `required` and `schema` always present. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Json;
}

/** One operation of the spec, in the shape every check takes. */
export interface SpecOperation {
  /** The operationId. */
  id: string;
  method: HttpMethod;
  /** The path template, e.g. `/api/v1/organization/{organization_id}/invitation`. */
  path: string;
  /** `POST /api/v1/organization/{organization_id}/invitation`: how messages and the coverage table name it. */
  label: string;
  parameters: Parameter[];
  /** The JSON request body, or undefined when the operation takes none. */
  body: { required: boolean; schema: Schema } | undefined;
  /** Whether the operation needs credentials (its `security`, else the spec's, is not empty). */
  secured: boolean;
  /** Documented responses by status as the spec writes it (`201`, `4XX`, `default`). */
  responses: Record<string, ResponseObject>;
  /** The ($ref-resolved) operation object itself. */
  operation: OperationObject;
}

/** The spec as written (YAML or JSON), $refs left in place. Default: SPEC_PATH (spec/openapi.yaml or $DCLOUD_CONTRACT_SPEC). */
export function readSpec(path: string = SPEC_PATH): Spec {
  return parseYaml(readFileSync(path, "utf8")) as Spec;
}

/** The spec with its $refs resolved. */
export function loadSpec(path: string = SPEC_PATH): Spec {
  return resolveRefs(readSpec(path));
}

/** Every operation of a ($ref-resolved) spec, in the spec's order. */
export function operationsOf(spec: Spec): SpecOperation[] {
  return walkOperations(spec as Parameters<typeof walkOperations>[0]).map(
    ({ key: label, method, path, operationId, operation: walked, parameters }) => {
      const operation = walked as OperationObject;
      const media = operation.requestBody?.content?.["application/json"];
      if (operation.requestBody && !media) throw new Error(`${label}: only JSON request bodies are supported`);
      return {
        id: operationId as string,
        method: method as HttpMethod,
        path,
        label,
        parameters: (parameters as ParameterObject[]).map(toParameter),
        body: media ? { required: operation.requestBody?.required ?? false, schema: media.schema ?? {} } : undefined,
        secured: (operation.security ?? spec.security ?? []).length > 0,
        responses: operation.responses ?? {},
        operation,
      };
    },
  );
}

/** A parameter with `required` and `schema` always present (a path parameter is always required). */
function toParameter(p: ParameterObject): Parameter {
  const schema = typeof p.schema === "object" ? p.schema : {};
  return { name: p.name, in: p.in, required: p.in === "path" || (p.required ?? false), schema };
}
