// Validators for each operation's parameters and JSON request body, compiled from the spec's
// schemas by Ajv into standalone code: no Ajv at run time, nothing written by hand. The spec
// declares JSON Schema 2020-12 (jsonSchemaDialect), so Ajv's 2020 draft is used.
//
// Parameters are checked as they travel (path segments, query and header values are text),
// so their validators coerce text to the schema's type, as the server does; bodies are JSON
// and checked strictly.
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";
import { operationsOf, resolve } from "../openapi/index.mjs";

/** @import { Document } from "../openapi/index.mjs" */

const SCHEMAS_ID = "components";
const NOCHECK = "// @ts-nocheck -- Ajv's standalone output is plain JavaScript; src/internal/validate.ts types it.\n";

/** @param {Document} spec */
export function renderBodyValidators(spec) {
  const ajv = createAjv(spec, {});
  /** @type {Record<string, string>} */
  const exports = {};
  for (const { operationId, operation } of operationsOf(spec)) {
    const schema = resolve(spec, operation.requestBody)?.content?.["application/json"]?.schema;
    if (!schema || !operationId) continue;
    ajv.addSchema(rewriteRefs({ $id: operationId, .../** @type {object} */ (schema) }));
    exports[operationId] = operationId;
  }
  return render(ajv, exports);
}

/** @param {Document} spec */
export function renderParameterValidators(spec) {
  const ajv = createAjv(spec, { coerceTypes: "array" });
  /** @type {Record<string, string>} */
  const exports = {};
  for (const { operationId, parameters } of operationsOf(spec)) {
    if (parameters.length === 0 || !operationId) continue;
    /** @param {{ in: string; name: string }} p */
    const name = (p) => (p.in === "header" ? p.name.toLowerCase() : p.name);
    ajv.addSchema(
      rewriteRefs({
        $id: operationId,
        type: "object",
        properties: Object.fromEntries(parameters.map((p) => [name(p), p.schema ?? {}])),
        required: parameters.filter((p) => p.required).map(name),
      }),
    );
    exports[operationId] = operationId;
  }
  return render(ajv, exports);
}

/**
 * @param {Document} spec
 * @param {import("ajv").Options} options
 */
function createAjv(spec, options) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true, // report every problem of a request at once, not just the first
    strict: true,
    ...options,
  });
  // Only the formats the spec uses are compiled in (each is a regular expression, inlined).
  addFormats.default(ajv, formatsUsed(spec));
  // Component schemas become $defs of one schema, so `#/components/schemas/X` refs resolve.
  const defs = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [name, rewriteRefs(schema)]),
  );
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: defs });
  return ajv;
}

/**
 * @param {Ajv2020} ajv
 * @param {Record<string, string>} exports
 */
function render(ajv, exports) {
  if (Object.keys(exports).length === 0) return "export {};\n";
  return NOCHECK + standaloneCode.default(ajv, exports).replace(/^"use strict";\n/, "");
}

/** @param {unknown} schema */
function rewriteRefs(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMAS_ID}#/$defs/`));
}

/** @param {Document} spec @returns {import("ajv-formats").FormatName[]} */
function formatsUsed(spec) {
  /** @type {Set<string>} */
  const found = new Set();
  JSON.stringify(spec, (key, value) => {
    if (key === "format" && typeof value === "string") found.add(value);
    return value;
  });
  return /** @type {import("ajv-formats").FormatName[]} */ ([...found].sort());
}
