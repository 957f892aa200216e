// An OpenAPI 3.0 schema → the same schema in OpenAPI 3.1 (JSON Schema 2020-12). One schema
// object at a time; the caller walks the subschemas (check.mjs).
//
//   nullable: true        "null" joins `type` (and `enum`, which would otherwise refuse it); a
//                         schema without `type` (a $ref, a composition) becomes
//                         anyOf: [itself, {type: "null"}]. `nullable: false` is dropped.
//   exclusiveMinimum: true with minimum: n  → exclusiveMinimum: n (the same for the maximum);
//                         `false`, or `true` without a bound, is dropped.
//   example: v            → examples: [v] (2020-12 has no `example` keyword).
/** @import { SchemaObject } from "./types.mjs" */

/** Keywords that only annotate: they stay on the outside when a schema is wrapped. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
]);

/** @param {SchemaObject} schema @returns {SchemaObject} */
export function upgradeSchema(schema) {
  const next = { ...schema };
  for (const [flag, bound] of /** @type {const} */ ([
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ])) {
    if (typeof next[flag] !== "boolean") continue;
    if (next[flag] && typeof next[bound] === "number") {
      next[flag] = next[bound];
      delete next[bound];
    } else {
      delete next[flag];
    }
  }
  if ("example" in next) {
    const examples = Array.isArray(next.examples) ? next.examples : [];
    next.examples = [next.example, ...examples];
    delete next.example;
  }
  if (!("nullable" in next)) return next;
  const nullable = next.nullable === true;
  delete next.nullable;
  if (!nullable) return next;
  if (next.enum && !next.enum.includes(null)) next.enum = [...next.enum, null];
  if (typeof next.type === "string") next.type = [next.type, "null"];
  else if (Array.isArray(next.type)) next.type = next.type.includes("null") ? next.type : [...next.type, "null"];
  else if (!next.enum) {
    const outer = Object.fromEntries(Object.entries(next).filter(([k]) => ANNOTATIONS.has(k) || k.startsWith("x-")));
    const inner = Object.fromEntries(Object.entries(next).filter(([k]) => !(k in outer)));
    // Nothing but annotations: the schema already accepts null.
    if (Object.keys(inner).length > 0) return { ...outer, anyOf: [inner, { type: "null" }] };
  }
  return next;
}
