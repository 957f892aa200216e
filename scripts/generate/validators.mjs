// Validators for each operation's path parameters and JSON request body, compiled from the
// spec's schemas by Ajv into standalone code: no Ajv at run time, nothing written by hand.
// The spec declares JSON Schema 2020-12 (jsonSchemaDialect), so Ajv's 2020 draft is used.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { operationsOf, resolve } from "../openapi/index.mjs";
/** @import { Document } from "../openapi/index.mjs" */

const SCHEMAS_ID = "components";

/** @param {Document} spec */
export function renderValidators(spec) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true, // report every problem of a request at once, not just the first
    strict: true,
  });
  // Only the formats the spec uses are compiled in (each is a regular expression, inlined).
  addFormats.default(ajv, formatsUsed(spec));
  // Component schemas become $defs of one schema, so `#/components/schemas/X` refs resolve.
  const defs = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [name, rewriteRefs(schema)]),
  );
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: defs });

  /** @type {Record<string, string>} */
  const exports = {};
  const table = [];
  for (const { operationId, operation, parameters } of operationsOf(spec)) {
    const entry = [];
    const pathParams = parameters.filter((p) => p.in === "path");
    if (pathParams.length > 0) {
      const id = `${operationId}__path`;
      ajv.addSchema(
        rewriteRefs({
          $id: id,
          type: "object",
          properties: Object.fromEntries(pathParams.map((p) => [p.name, p.schema ?? {}])),
          required: pathParams.filter((p) => p.required).map((p) => p.name),
        }),
      );
      exports[id] = id;
      entry.push(`path: ${id}`);
    }
    const body = resolve(spec, operation.requestBody)?.content?.["application/json"]?.schema;
    if (body) {
      const id = `${operationId}__body`;
      ajv.addSchema(rewriteRefs({ $id: id, .../** @type {object} */ (body) }));
      exports[id] = id;
      entry.push(`body: ${id}`);
    }
    table.push(`  ${operationId}: { ${entry.join(", ")} },`);
  }
  return (
    "// @ts-nocheck -- Ajv's standalone output is plain JavaScript; src/internal/validate.ts types it.\n" +
    standaloneCode.default(ajv, exports).replace(/^"use strict";\n/, "") +
    `\n\n/** Each operation's validators, by operationId. */\nexport const requestValidators = {\n${table.join("\n")}\n};\n`
  );
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
