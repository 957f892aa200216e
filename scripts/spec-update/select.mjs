// Upstream document + the project's current spec → the project's next spec: the operations the
// project supports (those the current spec has, matched by method and path shape, so that a
// renamed path parameter is the same operation), every component they reference
// (transitively), and the project-level fields of the current spec.
//
// What comes from where, and why:
//   upstream  the supported operations (parameters, request bodies, responses, words) and the
//             components they reference: the API's own statement of itself.
//   current   `info`, `servers`, `security`, `components.securitySchemes`, `jsonSchemaDialect`,
//             `tags`: these describe how dcloud uses the API (EU/US servers, the Bearer scheme,
//             JSON Schema 2020-12 for Prism and Ajv), not the API's operations. An operation's
//             own `security` is taken from the current spec too (upstream names its own scheme).
//   names     the generated types are keyed by the operation's path (with its parameters'
//             names) and operationId: where upstream names them otherwise, the spec keeps its own.
//   examples  kept from the current spec where upstream has none for the same media type (the
//             project's rule: every response has an example).
import {
  HTTP_METHODS,
  isObject,
  operationsOf,
  pathParameterNames,
  pathShape,
  pointerSegments,
  resolve,
} from "../openapi/index.mjs";

/** @import { Document, Operation, Parameter } from "../openapi/index.mjs" */
/** @import { Components, MediaType, PathItem, Reference } from "../openapi/types.mjs" */

const PROJECT_FIELDS = ["jsonSchemaDialect", "info", "servers", "security", "tags", "externalDocs"];

/**
 * @typedef {object} Selection
 * @property {Document} spec the next spec
 * @property {string[]} notes what was taken from where, when it is not upstream's as it stands
 * @property {string[]} missing the supported operations upstream no longer has (`POST /path`)
 * @property {string[]} dropped upstream's operations the project does not use
 */

/** @param {Document} upstream @param {Document} current @returns {Selection} */
export function selectSupported(upstream, current) {
  /** @type {string[]} */
  const notes = [];
  /** @type {string[]} */
  const missing = [];
  /** @type {Record<string, PathItem>} */
  const paths = {};
  const supported = operationsOf(current, { requireOperationId: false });
  const upstreamOperations = new Map(
    operationsOf(upstream, { requireOperationId: false }).map((o) => [`${o.method} ${pathShape(o.path)}`, o]),
  );
  /** @type {Set<string>} */
  const used = new Set();
  for (const { key, path, method, operation } of supported) {
    const shape = `${method} ${pathShape(path)}`;
    const found = upstreamOperations.get(shape);
    if (!found) {
      missing.push(key);
      continue;
    }
    used.add(shape);
    // Upstream's names of the path parameters → the spec's.
    /** @type {Map<string, string>} */
    const names = new Map();
    const ours = pathParameterNames(path);
    pathParameterNames(found.path).forEach((name, i) => {
      if (ours[i] !== undefined && ours[i] !== name) names.set(name, ours[i]);
    });
    if (names.size > 0) {
      const list = [...names].map(([theirs, own]) => `path parameter "${own}" is "${theirs}" there`).join(", ");
      notes.push(`${key}: upstream's path is ${found.path} (${list}); the spec keeps its own`);
    }
    const item = found.pathItem;
    // The path item's own fields (summary, description, parameters), without other methods.
    paths[path] ??= renameParameters(
      upstream,
      Object.fromEntries(Object.entries(item).filter(([k]) => !HTTP_METHODS.some((m) => m === k))),
      names,
    );
    const merged = renameParameters(upstream, mergeOperation(key, found.operation, operation, notes), names);
    if (operation.operationId !== undefined && merged.operationId !== operation.operationId) {
      notes.push(
        `${key}: upstream's operationId is ${merged.operationId}; the spec keeps ${operation.operationId} (the generated types are keyed by it)`,
      );
      merged.operationId = operation.operationId;
    }
    /** @type {PathItem} */ (paths[path])[method] = merged;
  }
  const dropped = [...upstreamOperations].filter(([shape]) => !used.has(shape)).map(([, o]) => o.key);

  /** @type {Document} */
  const spec = { openapi: upstream.openapi };
  for (const field of Object.keys(current)) {
    if (field === "openapi") continue;
    if (PROJECT_FIELDS.includes(field)) spec[field] = current[field];
    else if (field === "paths") spec.paths = paths;
    else if (field === "components") spec.components = undefined; // placed here, filled below
  }
  spec.paths ??= paths;
  if (
    current.jsonSchemaDialect &&
    upstream.jsonSchemaDialect &&
    upstream.jsonSchemaDialect !== current.jsonSchemaDialect
  ) {
    notes.push(
      `upstream declares jsonSchemaDialect ${upstream.jsonSchemaDialect}; the spec keeps ${current.jsonSchemaDialect}`,
    );
  }
  if (upstream.info?.version !== undefined && upstream.info.version !== current.info?.version) {
    notes.push(
      `upstream's info.version is ${JSON.stringify(upstream.info.version)}; the spec's info is the project's own and is kept`,
    );
  }

  const components = referencedComponents(upstream, paths, current);
  if (current.components?.securitySchemes) components.securitySchemes = current.components.securitySchemes;
  if (Object.keys(components).length > 0) spec.components = components;
  else delete spec.components;
  return { spec, notes, missing, dropped };
}

/**
 * A path item or operation whose path parameters are named as `names` says (upstream's name →
 * the spec's); a parameter given by `$ref` is written out, renamed.
 * @template {{ parameters?: (Parameter | Reference)[] }} T
 * @param {Document} upstream @param {T} node @param {Map<string, string>} names
 * @returns {T}
 */
function renameParameters(upstream, node, names) {
  if (names.size === 0 || !node.parameters) return node;
  const parameters = node.parameters.map((p) => {
    const parameter = resolve(upstream, p);
    const name = parameter.in === "path" ? names.get(parameter.name) : undefined;
    return name === undefined ? p : { ...parameter, name };
  });
  return { ...node, parameters };
}

/** @param {string} key @param {Operation} upstreamOperation @param {Operation} currentOperation @param {string[]} notes */
function mergeOperation(key, upstreamOperation, currentOperation, notes) {
  const operation = structuredClone(upstreamOperation);
  if (operation.security !== undefined && !("security" in currentOperation)) {
    notes.push(
      `${key}: upstream's operation-level security ${JSON.stringify(operation.security)} is replaced by the spec's top-level security`,
    );
  }
  if ("security" in currentOperation) operation.security = currentOperation.security;
  else delete operation.security;

  /** @param {Record<string, MediaType> | undefined} upstreamContent @param {Record<string, MediaType> | undefined} currentContent @param {string} where */
  const keep = (upstreamContent, currentContent, where) => {
    for (const [mediaType, media] of Object.entries(upstreamContent ?? {})) {
      const previous = currentContent?.[mediaType];
      if (!previous || "example" in media || "examples" in media) continue;
      if ("examples" in previous) media.examples = previous.examples;
      else if ("example" in previous) media.example = previous.example;
      else continue;
      notes.push(`${key}: ${where} (${mediaType}): upstream has no example; the spec's are kept`);
    }
  };
  const body = operation.requestBody;
  const currentBody = currentOperation.requestBody;
  if (body && !("$ref" in body) && currentBody && !("$ref" in currentBody))
    keep(body.content, currentBody.content, "request body");
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const previous = currentOperation.responses?.[status];
    if (!("$ref" in response) && previous && !("$ref" in previous))
      keep(response.content, previous.content, `response ${status}`);
  }
  return operation;
}

/**
 * Every component the paths reference, transitively; ordered as in the current spec, then in
 * upstream's order.
 * @param {Document} upstream @param {Record<string, PathItem>} paths @param {Document} current
 * @returns {Components}
 */
function referencedComponents(upstream, paths, current) {
  /** @type {Map<string, [string, string]>} "schemas/X" → ["schemas", "X"] */
  const found = new Map();
  const upstreamComponents = /** @type {Record<string, Record<string, unknown>>} */ (upstream.components ?? {});
  /** @param {unknown} node */
  const walk = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.$ref === "string") {
      const [group, name, ...rest] = pointerSegments(node.$ref) ?? [];
      if (group !== "components" || !name || rest.length === 0) {
        throw new Error(`unsupported $ref ${node.$ref} (only #/components/<type>/<name> refs are supported)`);
      }
      const id = `${name}/${rest[0]}`;
      if (!found.has(id)) {
        found.set(id, [name, /** @type {string} */ (rest[0])]);
        walk(upstreamComponents[name]?.[/** @type {string} */ (rest[0])]);
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== "$ref") walk(v);
  };
  walk(paths);

  /** @type {Record<string, Record<string, unknown>>} */
  const components = {};
  const currentComponents = /** @type {Record<string, Record<string, unknown>>} */ (current.components ?? {});
  /** @param {string} type @param {string} name */
  const rank = (type, name) => {
    const names = Object.keys(currentComponents[type] ?? {});
    const index = names.indexOf(name);
    return index === -1 ? names.length + Object.keys(upstreamComponents[type] ?? {}).indexOf(name) : index;
  };
  const types = [...new Set([...Object.keys(currentComponents), ...Object.keys(upstreamComponents)])];
  for (const type of types) {
    const names = [...found.values()].filter(([t]) => t === type).map(([, n]) => n);
    if (names.length === 0) continue;
    names.sort((a, b) => rank(type, a) - rank(type, b));
    components[type] = Object.fromEntries(names.map((name) => [name, upstreamComponents[type]?.[name]]));
  }
  return /** @type {Components} */ (components);
}
