// Validators for each operation's path parameters and JSON request body, compiled from the
// spec's schemas by Ajv into standalone code: no Ajv at run time, nothing written by hand.
// The spec declares JSON Schema 2020-12 (jsonSchemaDialect), so Ajv's 2020 draft is used.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { operationsOf } from "./spec.mjs";

const SCHEMAS_ID = "components";

export function renderValidators(spec) {
  const ajv = new Ajv2020({
    code: { source: true, esm: true, lines: true },
    allErrors: true, // report every problem of a request at once, not just the first
    strict: true,
  });
  // Only the formats the spec uses are compiled in (each is a regular expression, inlined).
  addFormats(ajv, formatsUsed(spec));
  // Component schemas become $defs of one schema, so `#/components/schemas/X` refs resolve.
  const defs = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [name, rewriteRefs(schema)]),
  );
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: defs });

  const exports = {};
  const table = [];
  for (const { operationId, operation, pathItem } of operationsOf(spec)) {
    const entry = [];
    const pathParams = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].filter((p) => p.in === "path");
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
    const body = operation.requestBody?.content?.["application/json"]?.schema;
    if (body) {
      const id = `${operationId}__body`;
      ajv.addSchema(rewriteRefs({ $id: id, ...body }));
      exports[id] = id;
      entry.push(`body: ${id}`);
    }
    table.push(`  ${operationId}: { ${entry.join(", ")} },`);
  }
  return (
    "// @ts-nocheck -- Ajv's standalone output is plain JavaScript; src/internal/validate.ts types it.\n" +
    standaloneCode(ajv, exports).replace(/^"use strict";\n/, "") +
    `\n\n/** Each operation's validators, by operationId. */\nexport const requestValidators = {\n${table.join("\n")}\n};\n`
  );
}

function rewriteRefs(schema) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMAS_ID}#/$defs/`));
}

function formatsUsed(spec) {
  const found = new Set();
  JSON.stringify(spec, (key, value) => {
    if (key === "format" && typeof value === "string") found.add(value);
    return value;
  });
  return [...found].sort();
}
