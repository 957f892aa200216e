// Two schemas at the same place (a parameter, a request body, a response, and recursively their
// properties, items and alternatives), compared in the direction the data flows: in a request
// narrowing what is accepted breaks callers (major) and widening is minor; in a response
// widening what may come breaks readers (major) and narrowing is minor.
import { isDeepStrictEqual as equal } from "node:util";
import { componentName, isObject, resolve } from "../openapi/index.mjs";

/** @import { Document, Schema, SchemaObject } from "../openapi/index.mjs" */
/** @import { Context, Direction, Level } from "./compare.mjs" */

const DOC_KEYS = new Set([
  "title",
  "description",
  "summary",
  "examples",
  "example",
  "$comment",
  "externalDocs",
  "tags",
]);
const LOWER_BOUNDS = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains"];
const UPPER_BOUNDS = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"];
const HANDLED = new Set([
  ...["type", "format", "enum", "const", "properties", "required", "additionalProperties", "items"],
  ...["anyOf", "oneOf", "allOf", "default", "pattern", "multipleOf", "uniqueItems", "deprecated"],
  ...["readOnly", "writeOnly", ...LOWER_BOUNDS, ...UPPER_BOUNDS],
]);

/** Keywords that only annotate a schema: beside a `$ref` or a union they do not change what it accepts. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "example",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
]);
/** @param {string} keyword */
const isAnnotation = (keyword) => ANNOTATIONS.has(keyword) || keyword.startsWith("x-");
/** Keywords that apply to values of every type: a union with null cannot be merged into their schema. */
const ANY_TYPE = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "const", "$ref"];

/**
 * A schema as the comparison reads it, with the name of the component it is (the first `$ref`
 * on the way), if any. Different ways of writing the same schema read the same:
 *   - `$ref`s are followed;
 *   - allOf with a single schema, beside annotations only, is that schema with the annotations
 *     (how pydantic documents a reference: allOf [$ref] plus a description);
 *   - anyOf/oneOf of a schema and {type: "null"} (how OpenAPI 3.1 servers write a nullable
 *     field) is that schema with "null" added to its type (how OpenAPI 3.0's `nullable` reads).
 * @typedef {{ schema: SchemaObject, name: string | null }} View
 * @param {Document} document @param {Schema | undefined} schema
 * @returns {View}
 */
function view(document, schema) {
  /** @type {string | null} */
  let name = null;
  let s = schema;
  if (isObject(s) && typeof s.$ref === "string") {
    name = componentName(s.$ref);
    s = resolve(document, s);
  }
  if (s === undefined || s === true) return { schema: {}, name };
  if (s === false) return { schema: { not: {} }, name };
  const [only, ...more] = s.allOf ?? [];
  if (only !== undefined && more.length === 0 && Object.keys(s).every((key) => key === "allOf" || isAnnotation(key))) {
    const inner = view(document, only);
    const { allOf, ...annotations } = s;
    return { schema: { ...inner.schema, ...annotations }, name: name ?? inner.name };
  }
  const union = nullableUnion(document, s);
  if (union) return { schema: union.schema, name: name ?? union.name };
  return { schema: s, name };
}

/** anyOf/oneOf: [S, {type: "null"}], beside annotations only, as S with "null" added; else null. @param {Document} document @param {SchemaObject} s @returns {View | null} */
function nullableUnion(document, s) {
  for (const k of /** @type {const} */ (["anyOf", "oneOf"])) {
    const list = s[k];
    if (list?.length !== 2 || !Object.keys(s).every((key) => key === k || isAnnotation(key))) continue;
    const nullAt = list.findIndex(
      (alt) =>
        isObject(alt) && alt.type === "null" && Object.keys(alt).every((key) => key === "type" || isAnnotation(key)),
    );
    if (nullAt === -1) continue;
    const inner = view(document, list[1 - nullAt]);
    const t = inner.schema;
    if (t.type === undefined || ANY_TYPE.some((key) => key in t)) continue;
    const merged = { ...t, ...Object.fromEntries(Object.entries(s).filter(([key]) => key !== k)) };
    merged.type = [...new Set([...[t.type].flat(), "null"])];
    if (t.enum && !t.enum.includes(null)) merged.enum = [...t.enum, null];
    return { schema: merged, name: inner.name };
  }
  return null;
}

/** The JSON types a schema allows, or null for "any"; "number" includes "integer". @param {SchemaObject} schema */
function typesOf(schema) {
  if (schema.type === undefined) return null;
  const types = new Set([schema.type].flat());
  if (types.has("number")) types.add("integer");
  return types;
}

/** @param {unknown} value */
const json = (value) => JSON.stringify(value);

/**
 * @param {Context} ctx @param {string} op @param {string} where
 * @param {Schema | undefined} a @param {Schema | undefined} b
 * @param {Direction} direction
 * @param {ReadonlySet<string>} [seen] the pairs of components compared on the way here (recursion)
 */
export function compareSchema(ctx, op, where, a, b, direction, seen = new Set()) {
  const { schema: x, name: xName } = view(ctx.before, a);
  const { schema: y, name: yName } = view(ctx.after, b);
  if (xName || yName) {
    const pair = `${xName}|${yName}`;
    if (seen.has(pair)) return;
    seen = new Set([...seen, pair]);
  }
  // Named as in the base document, as the operations are.
  const name = xName ?? yName;
  const at = name ? `${where} (${name})` : where;
  // A component that the other document names otherwise, at the same place: its name is
  // the generated type's.
  if (xName && yName && xName !== yName && !ctx.renames.some((r) => r.before === xName && r.after === yName)) {
    ctx.renames.push({ before: xName, after: yName, operation: op, where: at });
    ctx.add("major", op, at, `schema ${xName} renamed to ${yName} (the generated type's name changes)`);
  }
  // Equal and free of refs: nothing below can differ. (Equal refs may name changed components.)
  if (equal(x, y) && !json(x).includes('"$ref"')) return;
  /** @type {(level: Level, message: string) => void} */
  const add = (level, message) => ctx.add(level, op, at, message);
  const request = direction === "request";
  /** @type {(message: string) => void} narrowing breaks callers of a request */
  const narrowed = (message) => add(request ? "major" : "minor", message);
  /** @type {(message: string) => void} widening breaks readers of a response */
  const widened = (message) => add(request ? "minor" : "major", message);

  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if ((DOC_KEYS.has(k) || k.startsWith("x-")) && !equal(x[k], y[k])) add("patch", `${k} changed`);
  }

  const ot = typesOf(x);
  const nt = typesOf(y);
  if (ot && !nt) widened(`type widened from ${[...ot].join("|")} to any`);
  if (!ot && nt) narrowed(`type narrowed from any to ${[...nt].join("|")}`);
  if (ot && nt) {
    const lost = [...ot].filter((t) => !nt.has(t));
    const gained = [...nt].filter((t) => !ot.has(t));
    if (lost.length > 0) narrowed(`type narrowed: no longer ${lost.join("|")} (now ${[...nt].join("|")})`);
    if (gained.length > 0) widened(`type widened: now also ${gained.join("|")}`);
  }

  if (x.format !== y.format) {
    if (x.format === undefined) narrowed(`format ${y.format} added`);
    else if (y.format === undefined) widened(`format ${x.format} dropped`);
    else add("major", `format changed from ${x.format} to ${y.format}`);
  }

  const values = (/** @type {SchemaObject} */ s) => ("const" in s ? [s.const] : s.enum);
  const ov = values(x);
  const nv = values(y);
  if (!equal(ov, nv)) {
    if (!ov) narrowed(`now limited to ${json(nv)}`);
    else if (!nv) widened(`no longer limited to ${json(ov)}`);
    else {
      const lost = ov.filter((v) => !nv.some((w) => equal(v, w)));
      const gained = nv.filter((v) => !ov.some((w) => equal(v, w)));
      if (lost.length > 0) narrowed(`values removed: ${json(lost)}`);
      if (gained.length > 0) widened(`values added: ${json(gained)}`);
    }
  }

  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    const [p, q] = [x[k], y[k]];
    if (p === q) continue;
    if (p === undefined) narrowed(`${k} ${q} added`);
    else if (q === undefined) widened(`${k} ${p} dropped`);
    else if (LOWER_BOUNDS.includes(k) ? Number(q) > Number(p) : Number(q) < Number(p))
      narrowed(`${k} tightened from ${p} to ${q}`);
    else widened(`${k} loosened from ${p} to ${q}`);
  }
  comparePattern(x.pattern, y.pattern, { add, narrowed, widened });
  if (x.multipleOf !== y.multipleOf) {
    if (x.multipleOf === undefined) narrowed(`multipleOf ${y.multipleOf} added`);
    else if (y.multipleOf === undefined) widened(`multipleOf ${x.multipleOf} dropped`);
    else add("major", `multipleOf changed from ${x.multipleOf} to ${y.multipleOf}`);
  }
  if (!x.uniqueItems && y.uniqueItems) narrowed("items must now be unique");
  if (x.uniqueItems && !y.uniqueItems) widened("items no longer need to be unique");

  if (!equal(x.default, y.default)) {
    if (request)
      add(
        "major",
        `default changed from ${json(x.default)} to ${json(y.default)} (a call that omits it behaves differently)`,
      );
    else add("patch", "default changed");
  }
  if (!x.deprecated && y.deprecated) add("minor", "deprecated");
  // A read-only value is not sent in requests, a write-only one not in responses (OpenAPI).
  const hidden = request ? "readOnly" : "writeOnly";
  const hiddenWord = request ? "read-only" : "write-only";
  for (const k of ["readOnly", "writeOnly"])
    if (!!x[k] !== !!y[k]) add(k === hidden ? "major" : "patch", `${k} changed`);

  // Object properties.
  const oldProps = x.properties ?? {};
  const newProps = y.properties ?? {};
  const oreq = new Set(x.required ?? []);
  const nreq = new Set(y.required ?? []);
  const field = request ? "request field" : "response field";
  const isHidden = (/** @type {Document} */ document, /** @type {Schema | undefined} */ schema) =>
    view(document, schema).schema[hidden] === true;
  for (const prop of new Set([...Object.keys(oldProps), ...Object.keys(newProps), ...oreq, ...nreq])) {
    const inOld = prop in oldProps || oreq.has(prop);
    const inNew = prop in newProps || nreq.has(prop);
    const hiddenBefore = prop in oldProps && isHidden(ctx.before, oldProps[prop]);
    const hiddenAfter = prop in newProps && isHidden(ctx.after, newProps[prop]);
    if (hiddenBefore || hiddenAfter) {
      const why = request ? "requests do not send it" : "responses do not carry it";
      if (hiddenBefore && hiddenAfter) continue;
      if (!inOld) add("patch", `${hiddenWord} field "${prop}" added (${why})`);
      else if (!inNew) add("patch", `${hiddenWord} field "${prop}" removed (${why})`);
      else if (hiddenAfter)
        add(
          "major",
          `${field} "${prop}" is now ${hiddenWord} (${request ? "requests must not send it" : "responses no longer carry it"})`,
        );
      else if (request && nreq.has(prop)) add("major", `${field} "${prop}" is no longer ${hiddenWord}, and required`);
      else add("minor", `${field} "${prop}" is no longer ${hiddenWord}`);
      continue;
    }
    if (inOld && !inNew) {
      add("major", `${field} "${prop}" removed`);
      continue;
    }
    if (!inOld && inNew) {
      if (request)
        add(nreq.has(prop) ? "major" : "minor", `new ${nreq.has(prop) ? "required" : "optional"} ${field} "${prop}"`);
      else add("minor", `new ${field} "${prop}"`);
      continue;
    }
    if (!oreq.has(prop) && nreq.has(prop)) {
      if (request) add("major", `${field} "${prop}" is now required`);
      else add("minor", `${field} "${prop}" is now always present`);
    }
    if (oreq.has(prop) && !nreq.has(prop)) {
      if (request) add("minor", `${field} "${prop}" is no longer required`);
      else add("major", `${field} "${prop}" may now be absent`);
    }
    if (prop in oldProps && prop in newProps)
      compareSchema(ctx, op, `${at}.${prop}`, oldProps[prop], newProps[prop], direction, seen);
    else if (prop in oldProps !== prop in newProps)
      add("major", `${field} "${prop}": schema ${prop in oldProps ? "removed" : "added"}; review it`);
  }

  // additionalProperties: absent or true means "anything".
  const oa = x.additionalProperties ?? true;
  const na = y.additionalProperties ?? true;
  if (!equal(oa, na)) {
    if (na === false) narrowed("unknown fields no longer allowed");
    else if (oa === false) widened("unknown fields now allowed");
    else compareSchema(ctx, op, `${at}.*`, isObject(oa) ? oa : {}, isObject(na) ? na : {}, direction, seen);
  }

  if (x.items !== undefined || y.items !== undefined)
    compareSchema(ctx, op, `${at}[]`, x.items, y.items, direction, seen);

  for (const k of /** @type {const} */ (["anyOf", "oneOf", "allOf"])) {
    const ol = x[k] ?? [];
    const nl = y[k] ?? [];
    if (equal(ol, nl)) continue;
    for (let i = 0; i < Math.min(ol.length, nl.length); i++)
      compareSchema(ctx, op, `${at} ${k}[${i}]`, ol[i], nl[i], direction, seen);
    if (k === "allOf") {
      if (ol.length !== nl.length) add("major", `allOf changed from ${ol.length} to ${nl.length} schemas; review it`);
    } else {
      if (nl.length < ol.length) narrowed(`${k}: ${ol.length - nl.length} alternative(s) removed`);
      if (nl.length > ol.length) widened(`${k}: ${nl.length - ol.length} alternative(s) added`);
    }
  }

  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (HANDLED.has(k) || DOC_KEYS.has(k) || k.startsWith("x-")) continue;
    if (!equal(x[k], y[k])) add("major", `"${k}" changed; not classified, review it`);
  }
}

/** Patterns that accept any string (`^.*$` refuses only line breaks, which such fields do not hold). */
const ANY_STRING = new Set(["", ".*", "^.*", ".*$", "^.*$", "[\\s\\S]*", "^[\\s\\S]*$"]);

/**
 * A pattern accepts more for sure only when it is gone or accepts any string; any other change
 * cannot be judged here and is major.
 * @param {unknown} p @param {unknown} q the old and the new pattern
 * @param {{ add: (level: Level, message: string) => void, narrowed: (message: string) => void, widened: (message: string) => void }} report
 */
function comparePattern(p, q, { add, narrowed, widened }) {
  if (p === q) return;
  const anyBefore = p === undefined || ANY_STRING.has(String(p));
  const anyAfter = q === undefined || ANY_STRING.has(String(q));
  if (anyBefore && anyAfter)
    add("patch", `pattern changed from ${p ?? "none"} to ${q ?? "none"} (both accept any string)`);
  else if (anyBefore) narrowed(`pattern ${q} added`);
  else if (q === undefined) widened(`pattern ${p} dropped`);
  else if (anyAfter) widened(`pattern widened from ${p} to ${q} (any string)`);
  else add("major", `pattern changed from ${p} to ${q}; review it`);
}
