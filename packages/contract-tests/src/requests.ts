// Requests generated from an operation's parameter and body schemas, for property-based contract
// checks of any operation of the spec.
//
// Valid requests: json-schema-faker builds each request (path, query and header parameters and
// the body, which of the optional ones are present, their types and formats: all read from the
// schemas), seeded by fast-check, so a run is reproducible from one fast-check seed; fast-check
// then swaps some free-text strings (no format, enum or pattern) of the path, the query and the
// body's top level for arbitrary Unicode, which the schemas allow and json-schema-faker would
// never produce. (Header values stay as generated: HTTP carries only Latin-1 there.)
//
// Invalid requests: a valid request broken in one way the spec forbids, each kind derived from
// the schemas and naming its field: a required query or header parameter or body property
// dropped, a required body missing, a parameter or property of another type, a string that breaks
// its format or enum, an array item of the wrong type, a body that is not an object.
import fc from "fast-check";
import { generateSync } from "json-schema-faker";
import type { Json, Parameter, SpecOperation } from "./spec.js";

/** One request to an operation, by part. */
export interface GeneratedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, string>;
  /** Absent when the request has no body. */
  body?: unknown;
}

export interface InvalidKind {
  /** What was broken: `body.role missing`, `body.workspace_ids[i] is not a uuid`, `limit is not integer`. */
  kind: string;
  /** Where the client and Prism must both place the problem: `body.role`, `body.workspace_ids`, `limit`, `body`. */
  field: string;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
}

/**
 * A path parameter value the client refuses by its own rule rather than the spec's: blank, `.`
 * or `..`, which would change the URL's path (`/organization//invitation`). Generated values avoid them.
 */
function clientRefusesPathValue(value: string): boolean {
  return value === "" || value === "." || value === "..";
}

/** Whether the operation takes any input at all; one without has exactly one valid request and no invalid one. */
export function hasInputs(operation: SpecOperation): boolean {
  return operation.parameters.length > 0 || operation.body !== undefined;
}

function typeOf(schema: Json): string | undefined {
  return typeof schema.type === "string" ? schema.type : undefined;
}

function isFreeText(schema: Json): boolean {
  const constrained = ["format", "enum", "const", "pattern", "minLength", "maxLength"];
  return typeOf(schema) === "string" && constrained.every((k) => schema[k] === undefined);
}

function bodyProperties(operation: SpecOperation): Record<string, Json> {
  const schema = operation.body?.schema;
  return (typeof schema === "object" && (schema.properties as Record<string, Json> | undefined)) || {};
}

/** The request as one JSON Schema (`{ path, query, header, body }`), for json-schema-faker. */
function requestSchema(operation: SpecOperation): Json {
  const group = (where: Parameter["in"]): Json => {
    const parameters = operation.parameters.filter((p) => p.in === where);
    return {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
      additionalProperties: false,
    };
  };
  return {
    type: "object",
    properties: {
      path: group("path"),
      query: group("query"),
      header: group("header"),
      ...(operation.body ? { body: operation.body.schema } : {}),
    },
    required: ["path", "query", "header", ...(operation.body?.required ? ["body"] : [])],
    additionalProperties: false,
  };
}

/** One request from json-schema-faker, fully determined by `seed`. */
function fakeRequest(schema: Json, seed: number): GeneratedRequest {
  // optionalsProbability 0.5: about half of the requests carry each optional parameter and property.
  const made = generateSync(schema, { seed, optionalsProbability: 0.5 }) as Required<GeneratedRequest>;
  const header = Object.fromEntries(Object.entries(made.header).map(([k, v]) => [k, String(v)]));
  return { path: made.path, query: made.query, header, ...("body" in made ? { body: made.body } : {}) };
}

/** Where a free-text value may go: a path or query parameter, or a top-level body property. */
interface FreeTextSlot {
  part: "path" | "query" | "body";
  name: string;
}

function freeTextSlots(operation: SpecOperation): FreeTextSlot[] {
  return [
    ...operation.parameters
      .filter((p) => (p.in === "path" || p.in === "query") && isFreeText(p.schema))
      .map((p) => ({ part: p.in as "path" | "query", name: p.name })),
    ...Object.entries(bodyProperties(operation))
      .filter(([, s]) => isFreeText(s))
      .map(([name]) => ({ part: "body" as const, name })),
  ];
}

const unicodeText = fc.string({ unit: "binary", maxLength: 40 });

/** Requests the spec accepts. */
export function validRequests(operation: SpecOperation): fc.Arbitrary<GeneratedRequest> {
  const schema = requestSchema(operation);
  const slots = freeTextSlots(operation);
  const replacements = slots.map((slot) =>
    // freq 2: each present free-text value is replaced half of the time.
    fc.option(slot.part === "path" ? unicodeText.filter((v) => !clientRefusesPathValue(v)) : unicodeText, {
      freq: 2,
      nil: undefined,
    }),
  );
  return fc
    .record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), texts: fc.tuple(...replacements) })
    .map(({ seed, texts }) => {
      const request = fakeRequest(schema, seed);
      slots.forEach((slot, i) => {
        const text = texts[i];
        if (text === undefined) return;
        const target = slot.part === "body" ? (request.body as Json | undefined) : request[slot.part];
        if (target && typeof target === "object" && slot.name in target) target[slot.name] = text;
      });
      return request;
    })
    .filter((request) => Object.values(request.path).every((v) => !clientRefusesPathValue(String(v))));
}

/** Values of every JSON type but `type`. */
function otherTypes(type: string | undefined): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 10 }),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    integer: fc.integer(),
    boolean: fc.boolean(),
    null: fc.constant(null),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    array: fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 }),
  };
  const excluded = type === "number" ? ["number", "integer"] : type === "integer" ? ["integer"] : [type];
  return fc.oneof(
    ...Object.entries(all)
      .filter(([t]) => !excluded.includes(t))
      .map(([, a]) => a),
  );
}

/** Parameter texts that are not of `type` (parameters travel as text; a string parameter takes any). */
function otherTexts(type: string | undefined): fc.Arbitrary<string> | undefined {
  const word = fc.stringMatching(/^[a-z]{1,8}$/).filter((w) => !["true", "false", "null"].includes(w));
  if (type === "integer")
    return fc.oneof(
      word,
      fc.integer().map((n) => `${n}.5`),
    );
  if (type === "number" || type === "boolean") return word;
  return undefined;
}

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Strings that break `format` (only formats the spec uses need one here). */
function breaksFormat(format: unknown): fc.Arbitrary<string> | undefined {
  if (format !== "uuid") return undefined;
  return fc
    .oneof(
      // Near misses: one character dropped, a non-hex digit, braces, no dashes, a trailing space.
      fc.uuid().map((u) => u.slice(0, -1)),
      fc.uuid().map((u) => `${u.slice(0, 9)}g${u.slice(10)}`),
      fc.uuid().map((u) => `{${u}}`),
      fc.uuid().map((u) => u.replace(/-/g, "")),
      fc.uuid().map((u) => `${u} `),
      fc.string({ maxLength: 40 }),
    )
    .filter((s) => !UUID.test(s));
}

function insert(items: unknown[], item: unknown, at: number): unknown[] {
  const i = at % (items.length + 1);
  return [...items.slice(0, i), item, ...items.slice(i)];
}

/**
 * The ways to break a request, derived from the spec: one arbitrary per kind, each yielding a
 * valid request (from `validRequests`) with exactly that defect. Empty for an operation without inputs.
 */
export function invalidRequestKinds(operation: SpecOperation): InvalidKind[] {
  const valid = validRequests(operation);
  const kinds: InvalidKind[] = [];
  const add = (kind: string, field: string, arbitrary: fc.Arbitrary<GeneratedRequest>) =>
    kinds.push({ kind, field, arbitrary });

  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const { name, schema } = parameter;
    const part = parameter.in;
    const set = (request: GeneratedRequest, value: unknown): GeneratedRequest => ({
      ...request,
      [part]: { ...request[part], [name]: value },
    });
    // A path without one of its segments is another URL, not this operation: only query and header parameters are dropped.
    if (parameter.required && part !== "path") {
      add(
        `${name} missing`,
        name,
        valid.map((r) => {
          const { [name]: _dropped, ...rest } = r[part];
          return { ...r, [part]: rest };
        }),
      );
    }
    const usable = (text: string) =>
      (part === "path" ? !clientRefusesPathValue(text) : true) && (part !== "header" || /^[\x21-\x7e]+$/.test(text));
    const wrongType = otherTexts(typeOf(schema));
    if (wrongType)
      add(
        `${name} is not ${typeOf(schema)}`,
        name,
        fc.tuple(valid, wrongType).map(([r, v]) => set(r, v)),
      );
    const broken = breaksFormat(schema.format)?.filter(usable);
    if (broken)
      add(
        `${name} is not a ${String(schema.format)}`,
        name,
        fc.tuple(valid, broken).map(([r, v]) => set(r, v)),
      );
    if (Array.isArray(schema.enum)) {
      const outside = fc
        .stringMatching(/^[a-z]{1,8}$/)
        .filter((v) => !(schema.enum as unknown[]).map(String).includes(v));
      add(
        `${name} is not one of ${schema.enum.join(", ")}`,
        name,
        fc.tuple(valid, outside).map(([r, v]) => set(r, v)),
      );
    }
  }

  if (!operation.body) return kinds;
  const withBody = valid.filter((r) => "body" in r);
  const setBody = (request: GeneratedRequest, body: unknown): GeneratedRequest => ({ ...request, body });
  if (operation.body.required) {
    add(
      "body missing",
      "body",
      valid.map(({ body: _dropped, ...rest }) => rest),
    );
  }
  const schema = operation.body.schema;
  if (typeof schema !== "object") return kinds;
  for (const name of (schema.required ?? []) as string[]) {
    add(
      `body.${name} missing`,
      `body.${name}`,
      withBody.map((r) => {
        const { [name]: _dropped, ...rest } = r.body as Json;
        return setBody(r, rest);
      }),
    );
  }
  for (const [name, property] of Object.entries(bodyProperties(operation))) {
    const type = typeOf(property);
    const field = `body.${name}`;
    const withProperty = (value: unknown) => (r: GeneratedRequest) =>
      setBody(r, { ...(r.body as Json), [name]: value });
    add(
      `${field} is not ${type ?? "its type"}`,
      field,
      fc.tuple(withBody, otherTypes(type)).map(([r, v]) => withProperty(v)(r)),
    );
    const items = property.items as Json | undefined;
    if (type === "array" && items) {
      // The bad item goes among the valid request's own items (none when it has no such array).
      const withItem = (r: GeneratedRequest, bad: unknown, at: number) => {
        const good = (r.body as Json)[name];
        return withProperty(insert(Array.isArray(good) ? good : [], bad, at))(r);
      };
      add(
        `${field}[i] is not ${typeOf(items) ?? "its type"}`,
        field,
        fc.tuple(withBody, otherTypes(typeOf(items)), fc.nat()).map(([r, bad, at]) => withItem(r, bad, at)),
      );
      const broken = breaksFormat(items.format);
      if (broken)
        add(
          `${field}[i] is not a ${String(items.format)}`,
          field,
          fc.tuple(withBody, broken, fc.nat()).map(([r, bad, at]) => withItem(r, bad, at)),
        );
    }
    const broken = type === "string" ? breaksFormat(property.format) : undefined;
    if (broken)
      add(
        `${field} is not a ${String(property.format)}`,
        field,
        fc.tuple(withBody, broken).map(([r, v]) => withProperty(v)(r)),
      );
  }
  if (typeOf(schema) === "object") {
    const notObject = fc.oneof(fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.string(), fc.integer());
    add(
      "body is not an object",
      "body",
      fc.tuple(valid, notObject).map(([r, body]) => setBody(r, body)),
    );
  }
  return kinds;
}
