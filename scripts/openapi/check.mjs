// A parsed document → an OpenAPI 3.1 document the tooling can rely on, or an error naming the
// place that is wrong. It checks the shape of what the tooling reads (paths, operations,
// parameters, bodies, responses, media types, components, and the schemas in all of them),
// that every `$ref` points at something in the document, and converts OpenAPI 3.0 to 3.1
// (upgrade.mjs). A `null` where an object or a list belongs (`content: null`, a response or a
// schema that is not an object) breaks the structure: it is refused, never read as absent, as
// reading it so would report the part as removed. A schema `pattern` that JavaScript's `u` flag
// refuses (real documents hold `[\w-./:]`, valid in most other engines) does not stop the
// reading: it is compared as text, and named in the notes.
import { pathShape } from "./operations.mjs";
import { isObject, pointerSegments, pointerTarget, toPointer } from "./refs.mjs";
import { upgradeSchema } from "./upgrade.mjs";
/** @import { Document } from "./types.mjs" */

/** A document that cannot be read, parsed or used; the message names the file and the place. */
export class DocumentError extends Error {
  name = "DocumentError";
}

/**
 * @typedef {(string | number)[]} Segments
 * @typedef {Record<string | number, unknown>} Container an object, or a list by index
 * @typedef {(parent: Container, key: string | number, at: Segments) => void} Visit reads parent[key], found at `at`
 */

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const PARAMETER_LOCATIONS = new Set(["path", "query", "header", "cookie"]);
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMAS = [
  ...["items", "additionalProperties", "not", "propertyNames", "contains", "if", "then", "else"],
  ...["unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema"],
];

/**
 * @param {unknown} raw the parsed document
 * @param {{ source: string, locate?: (segments: Segments) => string | null }} where the file or URL
 *   it came from, for messages; `locate` turns a place into `line:column`
 * @returns {{ document: Document, version: string, notes: string[] }} `version`: the document's own
 */
export function checkDocument(raw, { source, locate }) {
  /** @type {(segments: Segments, problem: string) => never} */
  const fail = (segments, problem) => {
    const at = locate?.(segments);
    throw new DocumentError(
      `${source}${at ? `:${at}` : ""}: ${segments.length > 0 ? `${toPointer(segments)}: ` : ""}${problem}`,
    );
  };
  if (!isObject(raw)) fail([], "not an OpenAPI document (not an object)");
  const root = /** @type {Record<string, unknown>} */ (raw);
  if (root.openapi === undefined) {
    fail(
      [],
      typeof root.swagger === "string"
        ? `Swagger ${root.swagger} is not OpenAPI 3.x`
        : 'not an OpenAPI document (no "openapi" field)',
    );
  }
  const version = String(root.openapi);
  const upgrade = /^3\.0\.\d+$/.test(version);
  if (!upgrade && !/^3\.1\.\d+$/.test(version))
    fail(["openapi"], `OpenAPI ${version} is not supported (3.0.x or 3.1.x)`);

  /** @type {string[]} */
  const patterns = [];
  /** @type {[string, Segments][]} */
  const refs = [];
  /** @param {unknown} value @param {Segments} at */
  const mustBeObject = (value, at) => {
    if (!isObject(value)) fail(at, `must be an object (found ${describe(value)})`);
    return /** @type {Record<string, unknown>} */ (value);
  };
  /** The object at parent[key], or undefined when it is absent (null is not absent). @param {Record<string, unknown>} parent @param {string} key @param {Segments} at */
  const optionalObject = (parent, key, at) => {
    if (parent[key] === undefined) return undefined;
    return mustBeObject(parent[key], [...at, key]);
  };
  /** Each entry of the map at parent[key] (x-* extensions left alone). @param {Record<string, unknown>} parent @param {string} key @param {Segments} at @param {Visit} each */
  const map = (parent, key, at, each) => {
    const value = optionalObject(parent, key, at);
    if (value) for (const name of Object.keys(value)) if (!name.startsWith("x-")) each(value, name, [...at, key, name]);
  };
  /** Each item of the list at parent[key]. @param {Record<string, unknown>} parent @param {string} key @param {Segments} at @param {Visit} [each] */
  const list = (parent, key, at, each) => {
    const value = parent[key];
    if (value === undefined) return;
    if (!Array.isArray(value)) fail([...at, key], `must be a list (found ${describe(value)})`);
    if (each)
      for (let i = 0; i < value.length; i++)
        each(/** @type {Container} */ (/** @type {unknown} */ (value)), i, [...at, key, i]);
  };
  /** A `$ref`, checked once the whole document has been read. @param {Record<string, unknown>} node @param {Segments} at */
  const reference = (node, at) => {
    if (typeof node.$ref !== "string") fail([...at, "$ref"], `must be a string (found ${describe(node.$ref)})`);
    refs.push([/** @type {string} */ (node.$ref), [...at, "$ref"]]);
  };
  /** An object that may be a `$ref`; `check` reads it when it is not. @param {(node: Record<string, unknown>, at: Segments) => void} check @returns {Visit} */
  const refOr = (check) => (parent, key, at) => {
    const node = mustBeObject(parent[key], at);
    if ("$ref" in node) reference(node, at);
    else check(node, at);
  };
  const anything = () => {};

  /** A schema at parent[key]. @param {Container} parent @param {string | number} key @param {Segments} at */
  const schema = (parent, key, at) => {
    let value = parent[key];
    if (value === undefined || typeof value === "boolean") return;
    const node = mustBeObject(value, at);
    if (upgrade) value = parent[key] = upgradeSchema(node);
    const s = /** @type {Record<string, unknown>} */ (value);
    if ("$ref" in s) reference(s, at);
    if (s.type !== undefined && ![s.type].flat().every((t) => typeof t === "string"))
      fail([...at, "type"], "must be a type name or a list of them");
    if (s.required !== undefined && !(Array.isArray(s.required) && s.required.every((r) => typeof r === "string"))) {
      fail([...at, "required"], "must be a list of property names");
    }
    list(s, "enum", at);
    if (s.pattern !== undefined) {
      if (typeof s.pattern !== "string") fail([...at, "pattern"], "must be a string");
      try {
        new RegExp(s.pattern, "u");
      } catch {
        patterns.push(`${toPointer([...at, "pattern"])} (${JSON.stringify(s.pattern)})`);
      }
    }
    if (Array.isArray(s.items)) fail([...at, "items"], "a list of schemas (a tuple) is not supported; use prefixItems");
    for (const k of SCHEMA_MAPS) map(s, k, at, schema);
    for (const k of SCHEMA_LISTS) list(s, k, at, schema);
    for (const k of SUBSCHEMAS) schema(s, k, [...at, k]);
  };
  /** @param {Record<string, unknown>} node @param {Segments} at */
  const content = (node, at) => {
    const media = optionalObject(node, "content", at);
    if (!media) return;
    for (const type of Object.keys(media)) {
      const here = [...at, "content", type];
      const m = mustBeObject(media[type], here);
      schema(m, "schema", [...here, "schema"]);
      map(m, "examples", here, refOr(anything));
      map(m, "encoding", here, (encodings, name, at) =>
        map(mustBeObject(encodings[name], at), "headers", at, refOr(header)),
      );
    }
  };
  /** @param {Record<string, unknown>} node @param {Segments} at */
  const header = (node, at) => {
    schema(node, "schema", [...at, "schema"]);
    content(node, at);
    map(node, "examples", at, refOr(anything));
  };
  /** @param {Record<string, unknown>} node @param {Segments} at */
  const parameter = (node, at) => {
    if (typeof node.name !== "string") fail([...at, "name"], `must be a string (found ${describe(node.name)})`);
    if (!PARAMETER_LOCATIONS.has(/** @type {string} */ (node.in))) {
      fail([...at, "in"], `must be one of path, query, header, cookie (found ${describe(node.in)})`);
    }
    header(node, at);
  };
  /** @param {Record<string, unknown>} node @param {Segments} at */
  const response = (node, at) => {
    map(node, "headers", at, refOr(header));
    content(node, at);
  };
  /** @param {Record<string, unknown>} node @param {Segments} at */
  const operation = (node, at) => {
    if (node.operationId !== undefined && typeof node.operationId !== "string")
      fail([...at, "operationId"], "must be a string");
    list(node, "tags", at);
    list(node, "security", at);
    list(node, "parameters", at, refOr(parameter));
    if (optionalObject(node, "requestBody", at)) refOr(content)(node, "requestBody", [...at, "requestBody"]);
    map(node, "responses", at, refOr(response));
    map(
      node,
      "callbacks",
      at,
      refOr((callback, at) => {
        for (const expression of Object.keys(callback)) pathItem(callback, expression, [...at, expression]);
      }),
    );
  };
  /** @type {Visit} */
  const pathItem = (parent, key, at) => {
    const item = mustBeObject(parent[key], at);
    if ("$ref" in item) reference(item, at);
    list(item, "parameters", at, refOr(parameter));
    for (const method of Object.keys(item))
      if (METHODS.has(method)) operation(mustBeObject(item[method], [...at, method]), [...at, method]);
  };

  const paths = optionalObject(root, "paths", []);
  /** @type {Map<string, string>} */
  const shapes = new Map();
  for (const path of Object.keys(paths ?? {})) {
    if (path.startsWith("x-") || !paths) continue;
    if (!path.startsWith("/")) fail(["paths", path], 'a path must start with "/"');
    const other = shapes.get(pathShape(path));
    if (other) fail(["paths", path], `the same path as ${other} (only the names of its parameters differ)`);
    shapes.set(pathShape(path), path);
    pathItem(paths, path, ["paths", path]);
  }
  map(root, "webhooks", [], pathItem);
  const components = optionalObject(root, "components", []);
  if (components) {
    const at = ["components"];
    map(components, "schemas", at, schema);
    map(components, "responses", at, refOr(response));
    map(components, "parameters", at, refOr(parameter));
    map(components, "examples", at, refOr(anything));
    map(components, "requestBodies", at, refOr(content));
    map(components, "headers", at, refOr(header));
    map(components, "securitySchemes", at, refOr(anything));
    map(components, "pathItems", at, pathItem);
  }
  for (const key of ["servers", "security", "tags"]) list(root, key, []);
  optionalObject(root, "info", []);

  for (const [ref, at] of refs) {
    if (pointerSegments(ref) === null) fail(at, `"${ref}" is not supported: only references within the document (#/…)`);
    if (pointerTarget(root, ref) === undefined) fail(at, `"${ref}" points at nothing`);
  }

  const notes = [];
  if (upgrade) {
    root.openapi = "3.1.0";
    notes.push(
      `${source} is OpenAPI ${version}; read as OpenAPI 3.1 (nullable, exclusiveMinimum/exclusiveMaximum and example converted)`,
    );
  }
  for (const pattern of patterns) {
    notes.push(
      `${source}: the pattern at ${pattern} is not a regular expression under JavaScript's u flag; compared as text`,
    );
  }
  return { document: /** @type {Document} */ (root), version, notes };
}

/** @param {unknown} value */
const describe = (value) => (value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`);
