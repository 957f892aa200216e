// The comparison behind spec:diff and spec:update, rule by rule, on small inline documents.
import { describe, expect, it } from "vitest";
import type { Document, Schema } from "../openapi/index.mjs";
import { compareDocuments } from "../spec-diff/compare.mjs";

type Json = Record<string, unknown>;
const doc = (request: Schema, response: Schema, extra: { params?: Json[]; responses?: Json; schemas?: Json } = {}) =>
  ({
    openapi: "3.1.0",
    paths: {
      "/x": {
        post: {
          operationId: "x",
          parameters: extra.params ?? [],
          requestBody: { required: true, content: { "application/json": { schema: request } } },
          responses: extra.responses ?? {
            "200": { description: "ok", content: { "application/json": { schema: response } } },
          },
        },
      },
    },
    components: { schemas: extra.schemas ?? {} },
  }) as unknown as Document;
const obj = (properties: Json, required: string[] = []) => ({ type: "object", properties, required }) as Schema;
const str = { type: "string" };

/** The bump and each change as "level where: message". */
function diff(before: Document, after: Document): [string, string[]] {
  const { bump, changes } = compareDocuments(before, after);
  return [bump, changes.map((c) => `${c.level} ${c.where}: ${c.message}`)];
}

describe("request bodies: narrowing breaks callers", () => {
  const base = obj({ a: str, b: str }, ["a"]);
  it.each([
    ["field removed", obj({ a: str }, ["a"]), 'major request body: request field "b" removed'],
    [
      "field newly required",
      obj({ a: str, b: str }, ["a", "b"]),
      'major request body: request field "b" is now required',
    ],
    [
      "new required field",
      obj({ a: str, b: str, c: str }, ["a", "c"]),
      'major request body: new required request field "c"',
    ],
    [
      "new optional field",
      obj({ a: str, b: str, c: str }, ["a"]),
      'minor request body: new optional request field "c"',
    ],
    ["no longer required", obj({ a: str, b: str }, []), 'minor request body: request field "a" is no longer required'],
    [
      "format added",
      obj({ a: { type: "string", format: "uuid" }, b: str }, ["a"]),
      "major request body.a: format uuid added",
    ],
    [
      "enum added",
      obj({ a: { type: "string", enum: ["X"] }, b: str }, ["a"]),
      'major request body.a: now limited to ["X"]',
    ],
    [
      "maxLength added",
      obj({ a: { type: "string", maxLength: 5 }, b: str }, ["a"]),
      "major request body.a: maxLength 5 added",
    ],
    [
      "type widened",
      obj({ a: { type: ["string", "null"] }, b: str }, ["a"]),
      "minor request body.a: type widened: now also null",
    ],
    [
      "description only",
      obj({ a: { type: "string", description: "A." }, b: str }, ["a"]),
      "patch request body.a: description changed",
    ],
  ])("%s", (_, after, change) => {
    expect(diff(doc(base, {}), doc(after, {}))).toEqual([change.split(" ")[0], [change]]);
  });

  it("unknown fields refused, and a changed default: major", () => {
    expect(diff(doc(base, {}), doc({ ...(base as Json), additionalProperties: false }, {}))).toEqual([
      "major",
      ["major request body: unknown fields no longer allowed"],
    ]);
    expect(diff(doc(base, {}), doc(obj({ a: str, b: { type: "string", default: "x" } }, ["a"]), {}))).toEqual([
      "major",
      ['major request body.b: default changed from undefined to "x" (a call that omits it behaves differently)'],
    ]);
  });

  it("a type replaced by another: narrowed (major) and widened (minor)", () => {
    expect(diff(doc(obj({ a: str }), {}), doc(obj({ a: { type: "integer" } }), {}))).toEqual([
      "major",
      [
        "major request body.a: type narrowed: no longer string (now integer)",
        "minor request body.a: type widened: now also integer",
      ],
    ]);
  });

  it("enum values: removing one breaks, adding one does not", () => {
    const e = (...values: string[]) => obj({ role: { type: "string", enum: values } });
    expect(diff(doc(e("A", "B"), {}), doc(e("A"), {}))).toEqual([
      "major",
      ['major request body.role: values removed: ["B"]'],
    ]);
    expect(diff(doc(e("A"), {}), doc(e("A", "B"), {}))).toEqual([
      "minor",
      ['minor request body.role: values added: ["B"]'],
    ]);
  });

  it("array items are compared too", () => {
    const ids = (items: Json) => obj({ ids: { type: "array", items } });
    expect(diff(doc(ids(str), {}), doc(ids({ type: "string", format: "uuid" }), {}))).toEqual([
      "major",
      ["major request body.ids[]: format uuid added"],
    ]);
  });
});

describe("responses: widening breaks readers", () => {
  const base = obj({ id: str, name: str }, ["id", "name"]);
  it.each([
    ["field removed", obj({ id: str }, ["id"]), "major", 'response field "name" removed'],
    ["field may be absent", obj({ id: str, name: str }, ["id"]), "major", 'response field "name" may now be absent'],
    ["new field", obj({ id: str, name: str, extra: str }, ["id", "name"]), "minor", 'new response field "extra"'],
  ])("%s", (_, after, level, message) => {
    expect(diff(doc({}, base), doc({}, after))).toEqual([level, [`${level} response 200: ${message}`]]);
  });

  it("a type widened to null: major", () => {
    const after = obj({ id: { type: ["string", "null"] }, name: str }, ["id", "name"]);
    expect(diff(doc({}, base), doc({}, after))).toEqual([
      "major",
      ["major response 200.id: type widened: now also null"],
    ]);
  });

  it("a format dropped from a response field breaks, a format added does not", () => {
    const f = (format?: string) => obj({ id: format ? { type: "string", format } : str });
    expect(diff(doc({}, f("uuid")), doc({}, f()))).toEqual(["major", ["major response 200.id: format uuid dropped"]]);
    expect(diff(doc({}, f()), doc({}, f("uuid")))).toEqual(["minor", ["minor response 200.id: format uuid added"]]);
  });

  it("status codes: removed is major, added is minor, a changed success status is named", () => {
    const r = (...codes: string[]) =>
      doc({}, {}, { responses: Object.fromEntries(codes.map((c) => [c, { description: c }])) });
    expect(diff(r("201", "409"), r("201"))).toEqual(["major", ["major response 409: removed"]]);
    expect(diff(r("201"), r("201", "429"))).toEqual(["minor", ["minor response 429: added"]]);
    expect(diff(r("201"), r("200"))).toEqual([
      "major",
      [
        "major responses: success status changed from 201 to 200",
        "major response 201: removed",
        "minor response 200: added",
      ],
    ]);
  });
});

describe("parameters, refs and the rest", () => {
  const p = (required: boolean, schema: Json = str) => ({ name: "q", in: "query", required, schema });
  it("parameters: new required is major, new optional minor, removed major, a pattern added major", () => {
    const q = 'query parameter "q"';
    expect(diff(doc({}, {}), doc({}, {}, { params: [p(true)] }))).toEqual([
      "major",
      [`major ${q}: new required parameter`],
    ]);
    expect(diff(doc({}, {}), doc({}, {}, { params: [p(false)] }))).toEqual([
      "minor",
      [`minor ${q}: new optional parameter`],
    ]);
    expect(diff(doc({}, {}, { params: [p(false)] }), doc({}, {}))).toEqual(["major", [`major ${q}: removed`]]);
    const patterned = doc({}, {}, { params: [p(false, { type: "string", pattern: "^a" })] });
    expect(diff(doc({}, {}, { params: [p(false)] }), patterned)).toEqual(["major", [`major ${q}: pattern ^a added`]]);
  });

  it("a change inside a referenced component is attributed to the operation using it, with the component's name", () => {
    const ref = { $ref: "#/components/schemas/Body" };
    const { changes } = compareDocuments(
      doc(ref, {}, { schemas: { Body: obj({ a: str }) } }),
      doc(ref, {}, { schemas: { Body: obj({ a: str }, ["a"]) } }),
    );
    expect(changes).toEqual([
      {
        level: "major",
        operation: "POST /x",
        where: "request body (Body)",
        message: 'request field "a" is now required',
      },
    ]);
  });

  it("recursive schemas terminate", () => {
    const node = (extra: Json = {}) => ({ Node: obj({ child: { $ref: "#/components/schemas/Node" }, ...extra }) });
    const ref = { $ref: "#/components/schemas/Node" };
    expect(diff(doc(ref, {}, { schemas: node() }), doc(ref, {}, { schemas: node({ v: str }) }))).toEqual([
      "minor",
      ['minor request body (Node): new optional request field "v"'],
    ]);
  });

  it("operations removed or added; no change at all is none", () => {
    const empty = { openapi: "3.1.0", paths: {} } as Document;
    expect(diff(doc({}, {}), empty)).toEqual(["major", ["major operation: removed"]]);
    expect(diff(empty, doc({}, {}))).toEqual(["minor", ["minor operation: added"]]);
    expect(diff(doc(obj({ a: str }), {}), doc(obj({ a: str }), {}))).toEqual(["none", []]);
  });

  it("a keyword the comparison does not know is reported as major, to be reviewed", () => {
    expect(diff(doc(obj({ a: str }), {}), doc({ ...(obj({ a: str }) as Json), not: { required: ["b"] } }, {}))).toEqual(
      ["major", ['major request body: "not" changed; not classified, review it']],
    );
  });
});

describe("one schema written two ways reads as one", () => {
  it("a nullable field: type [T, null] (OpenAPI 3.0's nullable, converted) or anyOf [T, null] (OpenAPI 3.1 servers): no change", () => {
    const typeUnion = obj({ n: { type: ["integer", "null"], exclusiveMinimum: 0, title: "N" } });
    const anyOf = obj({ n: { anyOf: [{ type: "integer", exclusiveMinimum: 0 }, { type: "null" }], title: "N" } });
    const oneOf = obj({ n: { oneOf: [{ type: "null" }, { type: "integer", exclusiveMinimum: 0 }], title: "N" } });
    expect(diff(doc({}, typeUnion), doc({}, anyOf))).toEqual(["none", []]);
    expect(diff(doc(anyOf, {}), doc(typeUnion, {}))).toEqual(["none", []]);
    expect(diff(doc({}, anyOf), doc({}, oneOf))).toEqual(["none", []]);
  });

  it("a nullable enum, and a nullable reference", () => {
    const enumUnion = obj({ e: { type: ["string", "null"], enum: ["A", "B", null] } });
    const enumAnyOf = obj({ e: { anyOf: [{ type: "string", enum: ["A", "B"] }, { type: "null" }] } });
    expect(diff(doc({}, enumUnion), doc({}, enumAnyOf))).toEqual(["none", []]);
    const schemas = { R: obj({ a: str }) };
    const ref = { $ref: "#/components/schemas/R" };
    const nullableRef = obj({ r: { anyOf: [ref, { type: "null" }] } });
    expect(diff(doc({}, nullableRef, { schemas }), doc({}, nullableRef, { schemas }))).toEqual(["none", []]);
    // …but a field that becomes nullable is still a change: a response widened.
    expect(diff(doc({}, obj({ r: ref }), { schemas }), doc({}, nullableRef, { schemas }))).toEqual([
      "major",
      ["major response 200.r (R): type widened: now also null"],
    ]);
  });
});

describe("operations are matched by method and path shape", () => {
  const at = (path: string, name: string) =>
    ({
      openapi: "3.1.0",
      paths: {
        [path]: {
          get: {
            operationId: "get",
            parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    }) as unknown as Document;

  it("a renamed path parameter is the same operation, reported as a rename", () => {
    expect(
      compareDocuments(at("/orgs/{org}/users", "org"), at("/orgs/{organization_id}/users", "organization_id")).changes,
    ).toEqual([
      {
        level: "major",
        operation: "GET /orgs/{org}/users",
        where: "operation",
        message:
          'path parameter "org" renamed to "organization_id" (/orgs/{organization_id}/users): the same URLs, but the generated types name the path and the parameter',
      },
    ]);
  });

  it("a parameter that moves to another segment is another operation", () => {
    expect(diff(at("/orgs/{org}/users", "org"), at("/orgs/users/{org}", "org"))).toEqual([
      "major",
      ["major operation: removed", "minor operation: added"],
    ]);
  });
});

describe("component schemas named otherwise", () => {
  it("the same place, another name: a rename, once, and the schema's changes field by field", () => {
    const user = obj({ id: str, name: str }, ["id"]);
    const before = doc({}, { $ref: "#/components/schemas/UserMe" }, { schemas: { UserMe: user } });
    const after = doc(
      {},
      { $ref: "#/components/schemas/User" },
      {
        schemas: { User: obj({ id: str, name: str, extra: str }, ["id"]) },
      },
    );
    const { changes, renames } = compareDocuments(before, after);
    expect(renames).toEqual([
      { before: "UserMe", after: "User", operation: "POST /x", where: "response 200 (UserMe)" },
    ]);
    expect(changes.map((c) => `${c.level} ${c.where}: ${c.message}`)).toEqual([
      "major response 200 (UserMe): schema UserMe renamed to User (the generated type's name changes)",
      'minor response 200 (UserMe): new response field "extra"',
    ]);
  });
});

describe("what does not constrain a client is not a break", () => {
  const ro = { type: "string", readOnly: true };
  const wo = { type: "string", writeOnly: true };
  it("a read-only property, even required, added to a request schema: patch (requests do not send it)", () => {
    expect(diff(doc(obj({ a: str }, ["a"]), {}), doc(obj({ a: str, id: ro }, ["a", "id"]), {}))).toEqual([
      "patch",
      ['patch request body: read-only field "id" added (requests do not send it)'],
    ]);
  });

  it("a write-only property added to a response schema: patch (responses do not carry it)", () => {
    expect(diff(doc({}, obj({ a: str }, ["a"])), doc({}, obj({ a: str, secret: wo }, ["a", "secret"])))).toEqual([
      "patch",
      ['patch response 200: write-only field "secret" added (responses do not carry it)'],
    ]);
  });

  it("…but the same property in the other direction counts, and a field that becomes read-only in a request breaks", () => {
    expect(diff(doc({}, obj({ a: str }, ["a"])), doc({}, obj({ a: str, id: ro }, ["a", "id"])))).toEqual([
      "minor",
      ['minor response 200: new response field "id"'],
    ]);
    expect(diff(doc(obj({ a: str }, ["a"]), {}), doc(obj({ a: ro }, ["a"]), {}))).toEqual([
      "major",
      ['major request body: request field "a" is now read-only (requests must not send it)'],
    ]);
  });

  it.each([
    ["^[A-Z]+$", ".*", "minor", "pattern widened from ^[A-Z]+$ to .* (any string)"],
    ["^[A-Z]+$", "^.*$", "minor", "pattern widened from ^[A-Z]+$ to ^.*$ (any string)"],
    ["^[A-Z]+$", undefined, "minor", "pattern ^[A-Z]+$ dropped"],
    [".*", "^.*$", "patch", "pattern changed from .* to ^.*$ (both accept any string)"],
    [".*", "^[A-Z]+$", "major", "pattern ^[A-Z]+$ added"],
    ["^[A-Z]+$", "^[A-Za-z]+$", "major", "pattern changed from ^[A-Z]+$ to ^[A-Za-z]+$; review it"],
  ])("a request field's pattern %s → %s: %s", (from, to, level, message) => {
    const field = (pattern?: string) => obj({ role: pattern === undefined ? str : { type: "string", pattern } });
    expect(diff(doc(field(from), {}), doc(field(to), {}))).toEqual([level, [`${level} request body.role: ${message}`]]);
  });

  it("a response field's pattern widened to .*: major (readers may now get any string)", () => {
    const field = (pattern: string) => obj({ role: { type: "string", pattern } });
    expect(diff(doc({}, field("^[A-Z]+$")), doc({}, field(".*")))).toEqual([
      "major",
      ["major response 200.role: pattern widened from ^[A-Z]+$ to .* (any string)"],
    ]);
  });

  it("allOf with a single $ref beside annotations is the $ref (how pydantic documents a reference)", () => {
    const schemas = { Org: { ...(obj({ id: str }, ["id"]) as Json), description: "The organization." } };
    const plain = obj({ org: { $ref: "#/components/schemas/Org" } });
    const wrapped = (description: string) =>
      obj({ org: { allOf: [{ $ref: "#/components/schemas/Org" }], description } });
    const same = wrapped("The organization.");
    expect(diff(doc({}, plain, { schemas }), doc({}, same, { schemas }))).toEqual(["none", []]);
    expect(diff(doc(plain, {}, { schemas }), doc(same, {}, { schemas }))).toEqual(["none", []]);
    expect(diff(doc({}, plain, { schemas }), doc({}, wrapped("Where the user works."), { schemas }))).toEqual([
      "patch",
      ["patch response 200.org (Org): description changed"],
    ]);
    // With a constraint beside it, allOf is a conjunction: still to be reviewed.
    const constrained = obj({ org: { allOf: [{ $ref: "#/components/schemas/Org" }], required: ["name"] } });
    expect(diff(doc({}, plain, { schemas }), doc({}, constrained, { schemas }))[0]).toBe("major");
  });
});
