// What changed between two OpenAPI 3.1 documents, operation by operation, seen from a client
// of the API (this project: the typed client and the CLI), and the semver bump each change
// implies. The rules, by level:
//
//   major  a call that worked may now fail, or an answer the client relied on may change:
//          an operation, parameter, request field or response (status, media type, field)
//          removed; a request field or parameter newly required; a request type, format, enum
//          or bound narrowed; a response type, format or enum widened; a response field that
//          may now be absent; a success status changed; a request default changed; a name the
//          generated types carry changed (a component schema's, a path's, an operationId).
//   minor  something added that no existing call depends on: a new operation, optional field
//          or parameter, a new response field or status, a request type widened.
//   patch  words only: description, summary, title, examples, x-* extensions.
//
// Request schemas are compared as "what does the API accept" (narrowing breaks callers);
// response schemas as "what may the API answer" (widening breaks readers): schema.mjs. There,
// read-only properties do not constrain requests, nor write-only ones responses; a pattern
// accepts more only when it is gone or accepts any string; allOf with a single $ref beside
// annotations is that $ref. A difference the rules do not classify is major ("review it"), so
// nothing slips through as safe.
import { isDeepStrictEqual as equal } from "node:util";
import { operationsOf, pathParameterNames, pathShape, resolve } from "../openapi/index.mjs";
import { compareSchema } from "./schema.mjs";
/** @import { Document, OperationEntry } from "../openapi/index.mjs" */
/** @import { MediaType, RequestBody, Response } from "../openapi/types.mjs" */

/**
 * @typedef {"major" | "minor" | "patch"} Level
 * @typedef {{ level: Level, operation: string, where: string, message: string }} Change
 * @typedef {{ before: string, after: string, operation: string, where: string }} SchemaRename a component
 *   schema of one document that the other names otherwise, found at the same place (`where`)
 * @typedef {{ bump: Level | "none", changes: Change[], renames: SchemaRename[] }} Comparison
 * @typedef {"request" | "response"} Direction
 * @typedef {object} Context what the comparison of one pair of documents shares
 * @property {Document} before
 * @property {Document} after
 * @property {(level: Level, operation: string, where: string, message: string) => void} add
 * @property {SchemaRename[]} renames
 */

/** @type {readonly (Level | "none")[]} */
export const LEVELS = ["none", "patch", "minor", "major"];

/** The higher of two levels. @param {Level | "none"} a @param {Level | "none"} b */
export const higher = (a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a);

/**
 * Every operation of both documents: removed, added, or compared.
 * @param {Document} before @param {Document} after
 * @returns {Comparison}
 */
export function compareDocuments(before, after) {
  /** @type {Change[]} */
  const changes = [];
  /** @type {Context} */
  const ctx = {
    before,
    after,
    renames: [],
    add: (level, operation, where, message) => {
      const change = { level, operation, where, message };
      if (!changes.some((c) => equal(c, change))) changes.push(change);
    },
  };
  // One operation is the same method on a path of the same shape: a renamed path parameter
  // does not make another operation.
  const byShape = (/** @type {Document} */ document) =>
    new Map(
      operationsOf(document, { requireOperationId: false }).map((entry) => [
        `${entry.method} ${pathShape(entry.path)}`,
        entry,
      ]),
    );
  const oldOps = byShape(before);
  const newOps = byShape(after);
  for (const [shape, o] of oldOps) if (!newOps.has(shape)) ctx.add("major", o.key, "operation", "removed");
  for (const [shape, n] of newOps) if (!oldOps.has(shape)) ctx.add("minor", n.key, "operation", "added");
  for (const [shape, o] of oldOps) {
    const n = newOps.get(shape);
    if (n) compareOperation(ctx, o, n);
  }
  const bump = changes.reduce((max, c) => higher(max, c.level), /** @type {Level | "none"} */ ("none"));
  return { bump, changes, renames: ctx.renames };
}

/** @param {Context} ctx @param {OperationEntry} o @param {OperationEntry} n */
function compareOperation(ctx, o, n) {
  const op = o.key;
  /** @type {(level: Level, where: string, message: string) => void} */
  const add = (level, where, message) => ctx.add(level, op, where, message);
  for (const field of /** @type {const} */ (["summary", "description", "externalDocs", "tags"])) {
    if (!equal(o.operation[field], n.operation[field])) add("patch", "operation", `${field} changed`);
  }
  if (o.operationId !== n.operationId) {
    add(
      "major",
      "operation",
      `operationId changed from ${o.operationId} to ${n.operationId} (the generated types are keyed by it)`,
    );
  }
  if (!o.operation.deprecated && n.operation.deprecated) add("minor", "operation", "deprecated");
  if (!equal(o.operation.security, n.operation.security)) add("major", "operation", "security requirements changed");

  // Path parameters renamed: reported once, then compared under their old names.
  const oldNames = pathParameterNames(o.path);
  const newNames = pathParameterNames(n.path);
  /** @type {Map<string, string>} */
  const renamed = new Map();
  newNames.forEach((name, i) => {
    const old = oldNames[i];
    if (old !== undefined && old !== name) renamed.set(name, old);
  });
  for (const [name, old] of renamed) {
    add(
      "major",
      "operation",
      `path parameter "${old}" renamed to "${name}" (${n.path}): the same URLs, but the generated types name the path and the parameter`,
    );
  }
  /** @param {{ in: string, name: string }} p @param {Map<string, string>} names */
  const label = (p, names) => `${p.in} parameter "${(p.in === "path" && names.get(p.name)) || p.name}"`;
  const oldParams = new Map(o.parameters.map((p) => [label(p, new Map()), p]));
  const newParams = new Map(n.parameters.map((p) => [label(p, renamed), p]));
  for (const [where, p] of oldParams) {
    const q = newParams.get(where);
    if (!q) {
      add("major", where, "removed");
      continue;
    }
    if (!p.required && q.required) add("major", where, "now required");
    if (p.required && !q.required) add("minor", where, "no longer required");
    if (!equal(p.description, q.description)) add("patch", where, "description changed");
    compareSchema(ctx, op, where, p.schema, q.schema, "request");
  }
  for (const [where, q] of newParams) {
    if (!oldParams.has(where))
      add(q.required ? "major" : "minor", where, `new ${q.required ? "required" : "optional"} parameter`);
  }

  /** @type {RequestBody | undefined} */
  const ob = resolve(ctx.before, o.operation.requestBody);
  /** @type {RequestBody | undefined} */
  const nb = resolve(ctx.after, n.operation.requestBody);
  if (ob && !nb) add("major", "request body", "removed");
  if (!ob && nb)
    add(nb.required ? "major" : "minor", "request body", `new ${nb.required ? "required" : "optional"} request body`);
  if (ob && nb) {
    if (!ob.required && nb.required) add("major", "request body", "now required");
    if (!equal(ob.description, nb.description)) add("patch", "request body", "description changed");
    compareContent(ctx, op, "request body", ob.content, nb.content, "request");
  }

  const or = o.operation.responses ?? {};
  const nr = n.operation.responses ?? {};
  const removed = Object.keys(or).filter((s) => !(s in nr));
  const added = Object.keys(nr).filter((s) => !(s in or));
  const success = (/** @type {string} */ s) => /^2/.test(s);
  if (removed.some(success) && added.some(success)) {
    add(
      "major",
      "responses",
      `success status changed from ${removed.filter(success).join(", ")} to ${added.filter(success).join(", ")}`,
    );
  }
  for (const s of removed) add("major", `response ${s}`, "removed");
  for (const s of added) add("minor", `response ${s}`, "added");
  for (const [s, oldResponse] of Object.entries(or)) {
    const newResponse = nr[s];
    if (!newResponse) continue;
    /** @type {Response} */
    const a = resolve(ctx.before, oldResponse);
    /** @type {Response} */
    const b = resolve(ctx.after, newResponse);
    const where = `response ${s}`;
    if (!equal(a.description, b.description)) add("patch", where, "description changed");
    const oh = Object.keys(a.headers ?? {});
    const nh = Object.keys(b.headers ?? {});
    for (const h of oh) if (!nh.includes(h)) add("major", where, `header ${h} removed`);
    for (const h of nh) if (!oh.includes(h)) add("minor", where, `new header ${h}`);
    compareContent(ctx, op, where, a.content, b.content, "response");
  }
}

/**
 * @param {Context} ctx @param {string} op @param {string} where
 * @param {Record<string, MediaType> | undefined} a @param {Record<string, MediaType> | undefined} b
 * @param {Direction} direction
 */
function compareContent(ctx, op, where, a = {}, b = {}, direction) {
  for (const mediaType of Object.keys(a)) {
    if (!(mediaType in b)) ctx.add("major", op, where, `media type ${mediaType} removed`);
  }
  for (const [mediaType, m] of Object.entries(b)) {
    const old = a[mediaType];
    if (!old) {
      ctx.add("minor", op, where, `new media type ${mediaType}`);
      continue;
    }
    if (!equal(old.examples, m.examples) || !equal(old.example, m.example))
      ctx.add("patch", op, where, "examples changed");
    compareSchema(ctx, op, where, old.schema, m.schema, direction);
  }
}
