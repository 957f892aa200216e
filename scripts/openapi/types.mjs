// The OpenAPI 3.1 objects the tooling reads, as JSDoc types. Loose on purpose: the fields the
// tooling uses are typed, anything else is allowed (x-* extensions, fields passed through).
// Documents are checked against these shapes when they are read (check.mjs), so code past
// that point can rely on them.
export {};

/**
 * @typedef {{ [key: string]: unknown }} JsonObject
 * @typedef {{ $ref: string, summary?: string, description?: string }} Reference
 * @typedef {"get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"} HttpMethod
 */

/**
 * A JSON Schema (2020-12, as OpenAPI 3.1 uses it): an object or a boolean.
 * @typedef {SchemaObject | boolean} Schema
 */

/**
 * @typedef {{
 *   $ref?: string,
 *   type?: string | string[],
 *   format?: string,
 *   enum?: unknown[],
 *   const?: unknown,
 *   default?: unknown,
 *   title?: string,
 *   description?: string,
 *   examples?: unknown[],
 *   example?: unknown,
 *   pattern?: string,
 *   properties?: Record<string, Schema>,
 *   required?: string[],
 *   additionalProperties?: Schema,
 *   items?: Schema,
 *   allOf?: Schema[],
 *   anyOf?: Schema[],
 *   oneOf?: Schema[],
 *   not?: Schema,
 *   readOnly?: boolean,
 *   writeOnly?: boolean,
 *   deprecated?: boolean,
 *   [keyword: string]: unknown,
 * }} SchemaObject
 */

/**
 * @typedef {{ summary?: string, description?: string, value?: unknown, externalValue?: string, [field: string]: unknown }} Example
 * @typedef {{
 *   schema?: Schema,
 *   example?: unknown,
 *   examples?: Record<string, Example | Reference>,
 *   [field: string]: unknown,
 * }} MediaType
 * @typedef {{
 *   name: string,
 *   in: string,
 *   required?: boolean,
 *   description?: string,
 *   deprecated?: boolean,
 *   schema?: Schema,
 *   content?: Record<string, MediaType>,
 *   example?: unknown,
 *   examples?: Record<string, Example | Reference>,
 *   [field: string]: unknown,
 * }} Parameter
 * @typedef {Omit<Parameter, "name" | "in">} Header
 * @typedef {{ description?: string, required?: boolean, content?: Record<string, MediaType>, [field: string]: unknown }} RequestBody
 * @typedef {{
 *   description?: string,
 *   headers?: Record<string, Header | Reference>,
 *   content?: Record<string, MediaType>,
 *   [field: string]: unknown,
 * }} Response
 * @typedef {Record<string, string[]>} SecurityRequirement
 */

/**
 * @typedef {{
 *   operationId?: string,
 *   summary?: string,
 *   description?: string,
 *   tags?: string[],
 *   externalDocs?: JsonObject,
 *   deprecated?: boolean,
 *   security?: SecurityRequirement[],
 *   parameters?: (Parameter | Reference)[],
 *   requestBody?: RequestBody | Reference,
 *   responses?: Record<string, Response | Reference>,
 *   [field: string]: unknown,
 * }} Operation
 * @typedef {{ [M in HttpMethod]?: Operation } & {
 *   summary?: string,
 *   description?: string,
 *   parameters?: (Parameter | Reference)[],
 *   [field: string]: unknown,
 * }} PathItem
 * @typedef {{
 *   schemas?: Record<string, Schema>,
 *   responses?: Record<string, Response | Reference>,
 *   parameters?: Record<string, Parameter | Reference>,
 *   examples?: Record<string, Example | Reference>,
 *   requestBodies?: Record<string, RequestBody | Reference>,
 *   headers?: Record<string, Header | Reference>,
 *   securitySchemes?: Record<string, JsonObject>,
 *   [type: string]: Record<string, unknown> | undefined,
 * }} Components
 * @typedef {{
 *   openapi: string,
 *   info?: JsonObject,
 *   jsonSchemaDialect?: string,
 *   servers?: JsonObject[],
 *   security?: SecurityRequirement[],
 *   tags?: JsonObject[],
 *   paths?: Record<string, PathItem>,
 *   components?: Components,
 *   [field: string]: unknown,
 * }} Document
 */
