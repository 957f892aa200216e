// Upstream document + the project's current spec → the project's next spec: the operations the
// project supports (those the current spec has, matched by method and path), every component
// they reference (transitively), and the project-level fields of the current spec.
//
// What comes from where, and why:
//   upstream  the supported operations (parameters, request bodies, responses, words) and the
//             components they reference: the API's own statement of itself.
//   current   `info`, `servers`, `security`, `components.securitySchemes`, `jsonSchemaDialect`,
//             `tags`: these describe how dcloud uses the API (EU/US servers, the Bearer scheme,
//             JSON Schema 2020-12 for Prism and Ajv), not the API's operations. An operation's
//             own `security` is taken from the current spec too (upstream names its own scheme).
//   examples  kept from the current spec where upstream has none for the same media type (the
//             project's rule: every response has an example); each kept example is checked
//             against the new schema, and one that no longer fits is named in the notes.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { componentRef, HTTP_METHODS, isObject, operationsOf } from "./util.mjs";

const PROJECT_FIELDS = ["jsonSchemaDialect", "info", "servers", "security", "tags", "externalDocs"];

export function selectSupported(upstream, current) {
  const notes = [];
  const missing = [];
  const paths = {};
  for (const [key, { path, method, operation }] of operationsOf(current)) {
    const upstreamItem = upstream.paths?.[path];
    const upstreamOperation = upstreamItem?.[method];
    if (!upstreamOperation) {
      missing.push(key);
      continue;
    }
    if (!paths[path]) {
      // The path item's own fields (summary, description, parameters), without other methods.
      paths[path] = Object.fromEntries(Object.entries(upstreamItem).filter(([k]) => !HTTP_METHODS.includes(k)));
    }
    paths[path][method] = mergeOperation(key, upstreamOperation, operation, notes);
  }
  const dropped = [...operationsOf(upstream).keys()].filter((key) => !operationsOf(current).has(key));

  const spec = { openapi: upstream.openapi };
  for (const field of Object.keys(current)) {
    if (field === "openapi") continue;
    if (PROJECT_FIELDS.includes(field)) spec[field] = current[field];
    else if (field === "paths") spec.paths = paths;
    else if (field === "components") spec.components = undefined; // placed here, filled below
  }
  if (!spec.paths) spec.paths = paths;
  if (current.jsonSchemaDialect && upstream.jsonSchemaDialect && upstream.jsonSchemaDialect !== current.jsonSchemaDialect) {
    notes.push(`upstream declares jsonSchemaDialect ${upstream.jsonSchemaDialect}; the spec keeps ${current.jsonSchemaDialect}`);
  }
  if (upstream.info?.version !== undefined && upstream.info.version !== current.info?.version) {
    notes.push(`upstream's info.version is ${JSON.stringify(upstream.info.version)}; the spec's info is the project's own and is kept`);
  }

  const components = referencedComponents(upstream, paths, current);
  if (current.components?.securitySchemes) components.securitySchemes = current.components.securitySchemes;
  spec.components = Object.keys(components).length > 0 ? components : undefined;
  if (spec.components === undefined) delete spec.components;

  checkExamples(spec, notes);
  return { spec, notes, missing, dropped };
}

function mergeOperation(key, upstreamOperation, currentOperation, notes) {
  const operation = structuredClone(upstreamOperation);
  if (operation.security !== undefined && !("security" in currentOperation)) {
    notes.push(`${key}: upstream's operation-level security ${JSON.stringify(operation.security)} is replaced by the spec's top-level security`);
  }
  if ("security" in currentOperation) operation.security = currentOperation.security;
  else delete operation.security;

  const keep = (upstreamContent, currentContent, where) => {
    for (const [mediaType, media] of Object.entries(upstreamContent ?? {})) {
      const previous = currentContent?.[mediaType];
      if (!isObject(media) || !previous || "example" in media || "examples" in media) continue;
      if ("examples" in previous) media.examples = previous.examples;
      else if ("example" in previous) media.example = previous.example;
      else continue;
      notes.push(`${key}: ${where} (${mediaType}): upstream has no example; the spec's are kept`);
    }
  };
  keep(operation.requestBody?.content, currentOperation.requestBody?.content, "request body");
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    keep(response?.content, currentOperation.responses?.[status]?.content, `response ${status}`);
  }
  return operation;
}

/** Every component the paths reference, transitively; ordered as in the current spec, then upstream's order. */
function referencedComponents(upstream, paths, current) {
  const found = new Map(); // "schemas/X" → [type, name]
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.$ref === "string") {
      const target = componentRef(node.$ref);
      if (!target) throw new Error(`unsupported $ref ${node.$ref} (only #/components/... refs are supported)`);
      const id = target.join("/");
      if (!found.has(id)) {
        const value = upstream.components?.[target[0]]?.[target[1]];
        if (value === undefined) throw new Error(`upstream's $ref ${node.$ref} names nothing`);
        found.set(id, target);
        walk(value);
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== "$ref") walk(v);
  };
  walk(paths);

  const components = {};
  const rank = (type, name) => {
    const names = Object.keys(current.components?.[type] ?? {});
    const index = names.indexOf(name);
    return index === -1 ? names.length + Object.keys(upstream.components[type]).indexOf(name) : index;
  };
  const types = [...new Set([...Object.keys(current.components ?? {}), ...Object.keys(upstream.components ?? {})])];
  for (const type of types) {
    const names = [...found.values()].filter(([t]) => t === type).map(([, n]) => n);
    if (names.length === 0) continue;
    names.sort((a, b) => rank(type, a) - rank(type, b));
    components[type] = Object.fromEntries(names.map((name) => [name, upstream.components[type][name]]));
  }
  return components;
}

/** Every example of a request or response body must still fit its schema. */
function checkExamples(spec, notes) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const rewrite = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"components#/$defs/'));
  ajv.addSchema({ $id: "components", $defs: rewrite(spec.components?.schemas ?? {}) });
  for (const [key, { operation }] of operationsOf(spec)) {
    const bodies = [["request body", operation.requestBody?.content]];
    for (const [status, response] of Object.entries(operation.responses ?? {})) bodies.push([`response ${status}`, response?.content]);
    for (const [where, content] of bodies) {
      for (const [mediaType, media] of Object.entries(content ?? {})) {
        if (!media?.schema || !/json/.test(mediaType)) continue;
        const validate = ajv.compile(rewrite(media.schema));
        const examples = Object.entries(media.examples ?? {}).map(([name, example]) => [name, example?.value]);
        if ("example" in media) examples.push(["example", media.example]);
        for (const [name, value] of examples) {
          if (value !== undefined && !validate(value)) {
            notes.push(`${key}: ${where} example "${name}" no longer fits its schema (${ajv.errorsText(validate.errors)}): update it by hand`);
          }
        }
      }
    }
  }
}
