// The comparison behind the breaking-change report, rule by rule, on small inline specs.
import { describe, expect, it } from "vitest";
import { compareSpecs } from "../spec-diff/compare.mjs";

type Change = { level: string; where: string; message: string };
type Schema = Record<string, unknown>;
const spec = (request: Schema, response: Schema, extra: { params?: unknown[]; responses?: Schema; schemas?: Schema } = {}) => ({
  openapi: "3.1.0",
  paths: {
    "/x": {
      post: {
        operationId: "x",
        parameters: extra.params ?? [],
        requestBody: { required: true, content: { "application/json": { schema: request } } },
        responses: extra.responses ?? { "200": { description: "ok", content: { "application/json": { schema: response } } } },
      },
    },
  },
  components: { schemas: extra.schemas ?? {} },
});
const obj = (properties: Schema, required: string[] = []) => ({ type: "object", properties, required });
const str = { type: "string" };
function bump(before: unknown, after: unknown): [string, string[]] {
  const { bump, changes } = compareSpecs(before, after) as { bump: string; changes: Change[] };
  return [bump, changes.map((c) => `${c.level}: ${c.message}`)];
}

describe("request bodies: narrowing breaks callers", () => {
  const base = obj({ a: str, b: str }, ["a"]);
  it.each([
    ["field removed", obj({ a: str }, ["a"]), "major", 'request field "b" removed'],
    ["field newly required", obj({ a: str, b: str }, ["a", "b"]), "major", 'request field "b" is now required'],
    ["new required field", obj({ a: str, b: str, c: str }, ["a", "c"]), "major", 'new required request field "c"'],
    ["new optional field", obj({ a: str, b: str, c: str }, ["a"]), "minor", 'new optional request field "c"'],
    ["no longer required", obj({ a: str, b: str }, []), "minor", 'request field "a" is no longer required'],
    ["type widened", obj({ a: { type: ["string", "null"] }, b: str }, ["a"]), "minor", "type widened: now also null"],
    ["format added", obj({ a: { type: "string", format: "uuid" }, b: str }, ["a"]), "major", "format uuid added"],
    ["enum added", obj({ a: { type: "string", enum: ["X"] }, b: str }, ["a"]), "major", 'now limited to ["X"]'],
    ["maxLength added", obj({ a: { type: "string", maxLength: 5 }, b: str }, ["a"]), "major", "maxLength 5 added"],
    ["unknown fields refused", { ...obj({ a: str, b: str }, ["a"]), additionalProperties: false }, "major", "unknown fields no longer allowed"],
    ["default changed", obj({ a: str, b: { type: "string", default: "x" } }, ["a"]), "major", 'default changed from undefined to "x" (a call that omits it behaves differently)'],
    ["description only", obj({ a: { type: "string", description: "A." }, b: str }, ["a"]), "patch", "description changed"],
  ])("%s", (_, after, level, message) => {
    expect(bump(spec(base, {}), spec(after, {}))).toEqual([level, [`${level}: ${message}`]]);
  });

  it("a type replaced by another: narrowed (major) and widened (minor)", () => {
    expect(bump(spec(obj({ a: str }), {}), spec(obj({ a: { type: "integer" } }), {}))).toEqual([
      "major",
      ["major: type narrowed: no longer string (now integer)", "minor: type widened: now also integer"],
    ]);
  });

  it("enum values: removing one breaks, adding one does not", () => {
    const e = (...values: string[]) => obj({ role: { type: "string", enum: values } });
    expect(bump(spec(e("A", "B"), {}), spec(e("A"), {}))).toEqual(["major", ['major: values removed: ["B"]']]);
    expect(bump(spec(e("A"), {}), spec(e("A", "B"), {}))).toEqual(["minor", ['minor: values added: ["B"]']]);
  });

  it("array items are compared too", () => {
    const ids = (items: Schema) => obj({ ids: { type: "array", items } });
    expect(bump(spec(ids(str), {}), spec(ids({ type: "string", format: "uuid" }), {}))[0]).toBe("major");
  });
});

describe("responses: widening breaks readers", () => {
  const base = obj({ id: str, name: str }, ["id", "name"]);
  it.each([
    ["field removed", obj({ id: str }, ["id"]), "major", 'response field "name" removed'],
    ["field may be absent", obj({ id: str, name: str }, ["id"]), "major", 'response field "name" may now be absent'],
    ["new field", obj({ id: str, name: str, extra: str }, ["id", "name"]), "minor", 'new response field "extra"'],
    ["type widened", obj({ id: { type: ["string", "null"] }, name: str }, ["id", "name"]), "major", "type widened: now also null"],
    ["format dropped", obj({ id: str, name: str }, ["id", "name"]), "none", ""],
  ])("%s", (_, after, level, message) => {
    expect(bump(spec({}, base), spec({}, after))).toEqual([level, level === "none" ? [] : [`${level}: ${message}`]]);
  });

  it("a format dropped from a response field breaks, a format added does not", () => {
    const f = (format?: string) => obj({ id: format ? { type: "string", format } : str });
    expect(bump(spec({}, f("uuid")), spec({}, f()))).toEqual(["major", ["major: format uuid dropped"]]);
    expect(bump(spec({}, f()), spec({}, f("uuid")))).toEqual(["minor", ["minor: format uuid added"]]);
  });

  it("status codes: removed is major, added is minor, a changed success status is named", () => {
    const r = (...codes: string[]) => spec({}, {}, { responses: Object.fromEntries(codes.map((c) => [c, { description: c }])) });
    expect(bump(r("201", "409"), r("201"))).toEqual(["major", ["major: response 409 removed"]]);
    expect(bump(r("201"), r("201", "429"))).toEqual(["minor", ["minor: new response 429"]]);
    expect(bump(r("201"), r("200"))).toEqual([
      "major",
      ["major: success status changed from 201 to 200", "major: response 201 removed", "minor: new response 200"],
    ]);
  });
});

describe("parameters, refs and the rest", () => {
  const p = (required: boolean, schema: Schema = str) => ({ name: "q", in: "query", required, schema });
  it("parameters: new required is major, new optional minor, removed major", () => {
    expect(bump(spec({}, {}), spec({}, {}, { params: [p(true)] }))).toEqual(["major", ['major: new required query parameter "q"']]);
    expect(bump(spec({}, {}), spec({}, {}, { params: [p(false)] }))).toEqual(["minor", ['minor: new optional query parameter "q"']]);
    expect(bump(spec({}, {}, { params: [p(false)] }), spec({}, {}))).toEqual(["major", ['major: query parameter "q" removed']]);
    expect(bump(spec({}, {}, { params: [p(false)] }), spec({}, {}, { params: [p(false, { type: "string", pattern: "^a" })] }))[0]).toBe("major");
  });

  it("a change inside a referenced component is attributed to the operation using it, with the component's name", () => {
    const ref = { $ref: "#/components/schemas/Body" };
    const [level, changes] = bump(
      spec(ref, {}, { schemas: { Body: obj({ a: str }) } }),
      spec(ref, {}, { schemas: { Body: obj({ a: str }, ["a"]) } }),
    );
    expect(level).toBe("major");
    expect(compareSpecs(spec(ref, {}, { schemas: { Body: obj({ a: str }) } }), spec(ref, {}, { schemas: { Body: obj({ a: str }, ["a"]) } })).changes[0].where).toBe(
      "POST /x request body (Body)",
    );
    expect(changes).toEqual(['major: request field "a" is now required']);
  });

  it("recursive schemas terminate", () => {
    const node = (extra: Schema = {}) => ({ Node: obj({ child: { $ref: "#/components/schemas/Node" }, ...extra }) });
    const ref = { $ref: "#/components/schemas/Node" };
    expect(bump(spec(ref, {}, { schemas: node() }), spec(ref, {}, { schemas: node({ v: str }) }))).toEqual(["minor", ['minor: new optional request field "v"']]);
  });

  it("operations removed or added; no change at all is none", () => {
    const empty = { openapi: "3.1.0", paths: {} };
    expect(bump(spec({}, {}), empty)).toEqual(["major", ["major: operation removed"]]);
    expect(bump(empty, spec({}, {}))).toEqual(["minor", ["minor: operation added"]]);
    expect(bump(spec(obj({ a: str }), {}), spec(obj({ a: str }), {}))).toEqual(["none", []]);
  });

  it("a keyword the comparison does not know is reported as major, to be reviewed", () => {
    expect(bump(spec(obj({ a: str }), {}), spec({ ...obj({ a: str }), not: { required: ["b"] } }, {}))).toEqual([
      "major",
      ['major: "not" changed; not classified, review it'],
    ]);
  });
});
