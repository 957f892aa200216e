// The breaking-change report: what changed between two OpenAPI 3.1 documents, seen from a
// client of the API (this project), and the semver bump each change implies.
//
//   major  a call that worked may now fail, or an answer the client relied on may change:
//          an operation, parameter, request field or response (status, media type, field)
//          removed; a request field or parameter newly required; a request type, format, enum
//          or bound narrowed; a response type, format or enum widened; a response field that
//          may now be absent; a success status changed; a default changed.
//   minor  something added that no existing call depends on: a new optional field or
//          parameter, a new response field or status, a request type widened.
//   patch  words only: description, summary, title, examples, x-* extensions.
//
// Request schemas are compared "what does the API accept" (narrowing breaks callers);
// response schemas "what may the API answer" (widening breaks readers). A difference this
// file does not classify is reported as major ("review it"), so nothing slips through as safe.
import { deepEqual, isObject, operationsOf, resolve } from "../spec-update/util.mjs";

const LEVELS = ["none", "patch", "minor", "major"];
const DOC_KEYS = new Set(["title", "description", "summary", "examples", "example", "$comment", "externalDocs", "tags"]);
const LOWER_BOUNDS = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains"];
const UPPER_BOUNDS = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains"];
const SCHEMA_HANDLED = new Set([
  "type", "format", "enum", "const", "properties", "required", "additionalProperties", "items",
  "anyOf", "oneOf", "allOf", "default", "pattern", "multipleOf", "uniqueItems", "deprecated",
  "readOnly", "writeOnly", ...LOWER_BOUNDS, ...UPPER_BOUNDS,
]);

export function compareSpecs(before, after) {
  const changes = [];
  const add = (level, where, message) => {
    if (!changes.some((c) => c.level === level && c.where === where && c.message === message)) changes.push({ level, where, message });
  };
  const ctx = { before, after, add };
  const oldOps = operationsOf(before);
  const newOps = operationsOf(after);
  for (const [key] of oldOps) if (!newOps.has(key)) add("major", key, "operation removed");
  for (const [key] of newOps) if (!oldOps.has(key)) add("minor", key, "operation added");
  for (const [key, o] of oldOps) {
    const n = newOps.get(key);
    if (n) compareOperation(ctx, key, o, n);
  }
  const bump = changes.reduce((max, c) => (LEVELS.indexOf(c.level) > LEVELS.indexOf(max) ? c.level : max), "none");
  return { bump, changes };
}

function compareOperation(ctx, key, o, n) {
  const { add } = ctx;
  for (const field of ["summary", "description", "externalDocs", "tags"]) {
    if (!deepEqual(o.operation[field], n.operation[field])) add("patch", key, `${field} changed`);
  }
  if (o.operation.operationId !== n.operation.operationId) {
    add("major", key, `operationId changed from ${o.operation.operationId} to ${n.operation.operationId} (the generated types and validators are keyed by it)`);
  }
  if (!o.operation.deprecated && n.operation.deprecated) add("minor", key, "operation deprecated");
  if (!deepEqual(o.operation.security, n.operation.security)) add("major", key, "security requirements changed");

  // Parameters: the path item's, overridden by the operation's, keyed by location and name.
  const params = (spec, { item, operation }) => {
    const all = new Map();
    for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      const r = resolve(spec, p);
      all.set(`${r.in} parameter "${r.name}"`, r);
    }
    return all;
  };
  const oldParams = params(ctx.before, o);
  const newParams = params(ctx.after, n);
  for (const [name, p] of oldParams) {
    const q = newParams.get(name);
    if (!q) {
      add("major", key, `${name} removed`);
      continue;
    }
    if (!p.required && q.required) add("major", key, `${name} is now required`);
    if (p.required && !q.required) add("minor", key, `${name} is no longer required`);
    if (!deepEqual(p.description, q.description)) add("patch", key, `${name}: description changed`);
    compareSchema(ctx, `${key} ${name}`, p.schema, q.schema, "request");
  }
  for (const [name, q] of newParams) {
    if (!oldParams.has(name)) add(q.required ? "major" : "minor", key, `new ${q.required ? "required" : "optional"} ${name}`);
  }

  // Request body.
  const ob = o.operation.requestBody && resolve(ctx.before, o.operation.requestBody);
  const nb = n.operation.requestBody && resolve(ctx.after, n.operation.requestBody);
  if (ob && !nb) add("major", key, "request body removed");
  if (!ob && nb) add(nb.required ? "major" : "minor", key, `new ${nb.required ? "required" : "optional"} request body`);
  if (ob && nb) {
    if (!ob.required && nb.required) add("major", key, "request body is now required");
    if (!deepEqual(ob.description, nb.description)) add("patch", key, "request body: description changed");
    compareContent(ctx, `${key} request body`, ob.content, nb.content, "request");
  }

  // Responses.
  const or = o.operation.responses ?? {};
  const nr = n.operation.responses ?? {};
  const removed = Object.keys(or).filter((s) => !(s in nr));
  const added = Object.keys(nr).filter((s) => !(s in or));
  const success = (s) => /^2/.test(s);
  if (removed.some(success) && added.some(success)) {
    add("major", key, `success status changed from ${removed.filter(success).join(", ")} to ${added.filter(success).join(", ")}`);
  }
  for (const s of removed) add("major", key, `response ${s} removed`);
  for (const s of added) add("minor", key, `new response ${s}`);
  for (const s of Object.keys(or).filter((x) => x in nr)) {
    const a = resolve(ctx.before, or[s]);
    const b = resolve(ctx.after, nr[s]);
    if (!deepEqual(a.description, b.description)) add("patch", key, `response ${s}: description changed`);
    const oh = Object.keys(a.headers ?? {});
    const nh = Object.keys(b.headers ?? {});
    for (const h of oh) if (!nh.includes(h)) add("major", key, `response ${s}: header ${h} removed`);
    for (const h of nh) if (!oh.includes(h)) add("minor", key, `response ${s}: new header ${h}`);
    compareContent(ctx, `${key} response ${s}`, a.content, b.content, "response");
  }
}

function compareContent(ctx, where, a = {}, b = {}, direction) {
  for (const mediaType of Object.keys(a)) {
    if (!(mediaType in b)) ctx.add("major", where, `media type ${mediaType} removed`);
  }
  for (const mediaType of Object.keys(b)) {
    if (!(mediaType in a)) {
      ctx.add("minor", where, `new media type ${mediaType}`);
      continue;
    }
    if (!deepEqual(a[mediaType].examples, b[mediaType].examples) || !deepEqual(a[mediaType].example, b[mediaType].example)) {
      ctx.add("patch", where, "examples changed");
    }
    compareSchema(ctx, where, a[mediaType].schema, b[mediaType].schema, direction);
  }
}

/** The JSON types a schema allows, or null for "any"; "number" includes "integer". */
function typesOf(schema) {
  if (schema.type === undefined) return null;
  const types = new Set([schema.type].flat());
  if (types.has("number")) types.add("integer");
  return types;
}

function compareSchema(ctx, where, a = {}, b = {}, direction, seen = new Set()) {
  const { add } = ctx;
  const pair = `${a?.$ref ?? ""}|${b?.$ref ?? ""}`;
  if (pair !== "|") {
    if (seen.has(pair)) return;
    seen = new Set([...seen, pair]);
  }
  const label = (s) => (s?.$ref ? s.$ref.split("/").pop() : null);
  const x = resolve(ctx.before, a === true ? {} : a);
  const y = resolve(ctx.after, b === true ? {} : b);
  // Equal and free of refs: nothing below can differ. (Equal refs may name changed components.)
  if (deepEqual(x, y) && !JSON.stringify(x).includes('"$ref"')) return;
  const at = label(b) ?? label(a) ? `${where} (${label(b) ?? label(a)})` : where;
  const request = direction === "request";
  // narrowing breaks callers of a request; widening breaks readers of a response
  const narrowed = (message) => add(request ? "major" : "minor", at, message);
  const widened = (message) => add(request ? "minor" : "major", at, message);

  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if ((DOC_KEYS.has(k) || k.startsWith("x-")) && !deepEqual(x[k], y[k])) add("patch", at, `${k} changed`);
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
    else add("major", at, `format changed from ${x.format} to ${y.format}`);
  }

  const values = (s) => ("const" in s ? [s.const] : s.enum);
  const ov = values(x);
  const nv = values(y);
  if (!deepEqual(ov, nv)) {
    if (!ov) narrowed(`now limited to ${JSON.stringify(nv)}`);
    else if (!nv) widened(`no longer limited to ${JSON.stringify(ov)}`);
    else {
      const lost = ov.filter((v) => !nv.some((w) => deepEqual(v, w)));
      const gained = nv.filter((v) => !ov.some((w) => deepEqual(v, w)));
      if (lost.length > 0) narrowed(`values removed: ${JSON.stringify(lost)}`);
      if (gained.length > 0) widened(`values added: ${JSON.stringify(gained)}`);
    }
  }

  for (const k of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) {
    if (x[k] === y[k]) continue;
    const lower = LOWER_BOUNDS.includes(k);
    if (x[k] === undefined) narrowed(`${k} ${y[k]} added`);
    else if (y[k] === undefined) widened(`${k} ${x[k]} dropped`);
    else if (lower ? y[k] > x[k] : y[k] < x[k]) narrowed(`${k} tightened from ${x[k]} to ${y[k]}`);
    else widened(`${k} loosened from ${x[k]} to ${y[k]}`);
  }
  for (const k of ["pattern", "multipleOf"]) {
    if (x[k] === y[k]) continue;
    if (x[k] === undefined) narrowed(`${k} ${y[k]} added`);
    else if (y[k] === undefined) widened(`${k} ${x[k]} dropped`);
    else add("major", at, `${k} changed from ${x[k]} to ${y[k]}`);
  }
  if (!x.uniqueItems && y.uniqueItems) narrowed("items must now be unique");
  if (x.uniqueItems && !y.uniqueItems) widened("items no longer need to be unique");

  if (!deepEqual(x.default, y.default)) {
    if (request) add("major", at, `default changed from ${JSON.stringify(x.default)} to ${JSON.stringify(y.default)} (a call that omits it behaves differently)`);
    else add("patch", at, "default changed");
  }
  if (!x.deprecated && y.deprecated) add("minor", at, "deprecated");
  for (const k of ["readOnly", "writeOnly"]) if (!!x[k] !== !!y[k]) add("major", at, `${k} changed`);

  // Object properties.
  const op = x.properties ?? {};
  const np = y.properties ?? {};
  const oreq = new Set(x.required ?? []);
  const nreq = new Set(y.required ?? []);
  const field = request ? "request field" : "response field";
  for (const name of new Set([...Object.keys(op), ...Object.keys(np), ...oreq, ...nreq])) {
    const inOld = name in op || oreq.has(name);
    const inNew = name in np || nreq.has(name);
    if (inOld && !inNew) {
      add("major", at, `${field} "${name}" removed`);
      continue;
    }
    if (!inOld && inNew) {
      if (request) add(nreq.has(name) ? "major" : "minor", at, `new ${nreq.has(name) ? "required" : "optional"} ${field} "${name}"`);
      else add("minor", at, `new ${field} "${name}"`);
      continue;
    }
    if (!oreq.has(name) && nreq.has(name)) {
      if (request) add("major", at, `${field} "${name}" is now required`);
      else add("minor", at, `${field} "${name}" is now always present`);
    }
    if (oreq.has(name) && !nreq.has(name)) {
      if (request) add("minor", at, `${field} "${name}" is no longer required`);
      else add("major", at, `${field} "${name}" may now be absent`);
    }
    if (name in op && name in np) compareSchema(ctx, `${at}.${name}`, op[name], np[name], direction, seen);
    else if (name in op !== name in np) add("major", at, `${field} "${name}": schema ${name in op ? "removed" : "added"}; review it`);
  }

  // additionalProperties: absent or true means "anything".
  const oa = x.additionalProperties ?? true;
  const na = y.additionalProperties ?? true;
  if (!deepEqual(oa, na)) {
    if (na === false) narrowed("unknown fields no longer allowed");
    else if (oa === false) widened("unknown fields now allowed");
    else compareSchema(ctx, `${at}.*`, isObject(oa) ? oa : {}, isObject(na) ? na : {}, direction, seen);
  }

  if (x.items !== undefined || y.items !== undefined) {
    compareSchema(ctx, `${at}[]`, x.items ?? {}, y.items ?? {}, direction, seen);
  }

  for (const k of ["anyOf", "oneOf", "allOf"]) {
    const ol = x[k] ?? [];
    const nl = y[k] ?? [];
    if (deepEqual(ol, nl)) continue;
    for (let i = 0; i < Math.min(ol.length, nl.length); i++) compareSchema(ctx, `${at} ${k}[${i}]`, ol[i], nl[i], direction, seen);
    if (k === "allOf") {
      if (ol.length !== nl.length) add("major", at, `allOf changed from ${ol.length} to ${nl.length} schemas; review it`);
    } else {
      if (nl.length < ol.length) narrowed(`${k}: ${ol.length - nl.length} alternative(s) removed`);
      if (nl.length > ol.length) widened(`${k}: ${nl.length - ol.length} alternative(s) added`);
    }
  }

  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (SCHEMA_HANDLED.has(k) || DOC_KEYS.has(k) || k.startsWith("x-")) continue;
    if (!deepEqual(x[k], y[k])) add("major", at, `"${k}" changed; not classified, review it`);
  }
}

export function renderReport({ bump, changes }, { notes = [] } = {}) {
  const lines = [];
  const heading = { major: "Breaking (major)", minor: "Additive (minor)", patch: "Documentation only (patch)" };
  for (const level of ["major", "minor", "patch"]) {
    const group = changes.filter((c) => c.level === level);
    if (group.length === 0) continue;
    lines.push(`${heading[level]}:`);
    for (const c of group) lines.push(`  - ${c.where}: ${c.message}`);
  }
  if (changes.length === 0) lines.push("No changes to the supported operations.");
  if (notes.length > 0) {
    lines.push("Notes:");
    for (const note of notes) lines.push(`  - ${note}`);
  }
  lines.push(`Implied bump: ${bump}`);
  return lines.join("\n");
}
