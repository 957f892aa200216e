// Request bodies generated from the spec's request schema, for property-based contract checks.
//
// Valid bodies: json-schema-faker builds each body from the schema (which properties, which
// types, which formats: it reads them all from the schema), seeded by fast-check, so a run is
// reproducible from one fast-check seed; fast-check then swaps some free-text strings (those
// with no format) for arbitrary Unicode, which the schema allows and which json-schema-faker
// would never produce.
//
// Invalid bodies: a valid body broken in one way the schema forbids, each kind derived from the
// schema: a required property dropped, a property of another JSON type, a string that breaks
// its format (a bad UUID), an array item of the wrong type, a body that is not an object.
import fc from "fast-check";
import { generateSync } from "json-schema-faker";
import type { Json } from "./spec.js";

export interface InvalidBody {
  /** What was broken, naming the field: `missing role`, `workspace_ids[0] is not a uuid`. */
  kind: string;
  body: unknown;
}

function propertiesOf(schema: Json): Record<string, Json> {
  return (schema.properties ?? {}) as Record<string, Json>;
}

function typeOf(schema: Json): string | undefined {
  return typeof schema.type === "string" ? schema.type : undefined;
}

/** One body from json-schema-faker, fully determined by `seed`. */
export function fakeBody(schema: Json, seed: number): Json {
  // optionalsProbability 0.5: about half of the bodies carry each optional property.
  return generateSync(schema, { seed, optionalsProbability: 0.5 }) as Json;
}

/** Bodies the schema accepts. */
export function validBodies(schema: Json): fc.Arbitrary<Json> {
  const freeText = Object.entries(propertiesOf(schema))
    .filter(([, p]) => typeOf(p) === "string" && p.format === undefined && p.enum === undefined && p.pattern === undefined)
    .map(([name]) => name);
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      // Each free-text property present in the body may be replaced by any Unicode string.
      replacements: fc.dictionary(fc.constantFrom(...freeText), fc.string({ unit: "binary", maxLength: 40 }), {
        maxKeys: freeText.length,
      }),
    })
    .map(({ seed, replacements }) => {
      const body = fakeBody(schema, seed);
      for (const [name, value] of Object.entries(replacements)) if (name in body) body[name] = value;
      return body;
    });
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
  return fc.oneof(...Object.entries(all).filter(([t]) => !excluded.includes(t)).map(([, a]) => a));
}

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Strings that break `format` (only formats the spec uses need one here). */
function breaksFormat(format: string): fc.Arbitrary<string> | undefined {
  if (format !== "uuid") return undefined;
  return fc.oneof(
    // Near misses: one character dropped, a non-hex digit, braces, no dashes, a trailing space.
    fc.uuid().map((u) => u.slice(0, -1)),
    fc.uuid().map((u) => `${u.slice(0, 9)}g${u.slice(10)}`),
    fc.uuid().map((u) => `{${u}}`),
    fc.uuid().map((u) => u.replace(/-/g, "")),
    fc.uuid().map((u) => `${u} `),
    fc.string({ maxLength: 40 }),
  ).filter((s) => !UUID.test(s));
}

/**
 * The ways to break a body, derived from the schema: one arbitrary per kind, each yielding a
 * valid body (from `validBodies`) with exactly that defect.
 */
export function invalidBodyKinds(schema: Json): { kind: string; arbitrary: fc.Arbitrary<InvalidBody> }[] {
  const valid = validBodies(schema);
  const kinds: { kind: string; arbitrary: fc.Arbitrary<InvalidBody> }[] = [];
  const required = (schema.required ?? []) as string[];
  for (const name of required) {
    kinds.push({
      kind: `missing ${name}`,
      arbitrary: valid.map((body) => {
        const { [name]: _dropped, ...rest } = body;
        return { kind: `missing ${name}`, body: rest };
      }),
    });
  }
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    const type = typeOf(property);
    const kind = `${name} is not ${type ?? "its type"}`;
    kinds.push({
      kind,
      arbitrary: fc.tuple(valid, otherTypes(type)).map(([body, value]) => ({ kind, body: { ...body, [name]: value } })),
    });
    const items = property.items as Json | undefined;
    if (type === "array" && items) {
      const itemKind = `${name}[i] is not ${typeOf(items) ?? "its type"}`;
      kinds.push({
        kind: itemKind,
        arbitrary: fc
          .tuple(valid, fc.array(fc.uuid(), { maxLength: 2 }), otherTypes(typeOf(items)), fc.nat())
          .map(([body, good, bad, at]) => ({ kind: itemKind, body: { ...body, [name]: insert(good, bad, at) } })),
      });
      const broken = typeof items.format === "string" ? breaksFormat(items.format) : undefined;
      if (broken) {
        const formatKind = `${name}[i] is not a ${String(items.format)}`;
        kinds.push({
          kind: formatKind,
          arbitrary: fc
            .tuple(valid, fc.array(fc.uuid(), { maxLength: 2 }), broken, fc.nat())
            .map(([body, good, bad, at]) => ({ kind: formatKind, body: { ...body, [name]: insert(good, bad, at) } })),
        });
      }
    }
    const format = typeof property.format === "string" ? breaksFormat(property.format) : undefined;
    if (type === "string" && format) {
      const formatKind = `${name} is not a ${String(property.format)}`;
      kinds.push({ kind: formatKind, arbitrary: fc.tuple(valid, format).map(([body, bad]) => ({ kind: formatKind, body: { ...body, [name]: bad } })) });
    }
  }
  kinds.push({
    kind: "the body is not an object",
    arbitrary: fc.oneof(fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.string(), fc.integer()).map((body) => ({
      kind: "the body is not an object",
      body,
    })),
  });
  return kinds;
}

function insert<T>(items: T[], item: unknown, at: number): unknown[] {
  const i = at % (items.length + 1);
  return [...items.slice(0, i), item, ...items.slice(i)];
}

/** Every kind of `invalidBodyKinds`, picked evenly. */
export function invalidBodies(schema: Json): fc.Arbitrary<InvalidBody> {
  return fc.oneof(...invalidBodyKinds(schema).map((k) => k.arbitrary));
}
