// The shared OpenAPI helpers: OpenAPI 3.0 read as 3.1, `$ref`s, operations.
import { describe, expect, it } from "vitest";
import { type Document, operationsOf, parseDocumentText, resolve, resolveRefs } from "../openapi/index.mjs";

/** A 3.0 document whose only schema is `schema`, read; the schema as read. */
function read30(schema: unknown) {
  const text = JSON.stringify({ openapi: "3.0.3", info: {}, paths: {}, components: { schemas: { S: schema } } });
  const { document, version, notes } = parseDocumentText(text, "doc.json");
  expect(version).toBe("3.0.3");
  expect(document.openapi).toBe("3.1.0");
  expect(notes).toEqual([
    "doc.json is OpenAPI 3.0.3; read as OpenAPI 3.1 (nullable, exclusiveMinimum/exclusiveMaximum and example converted)",
  ]);
  return document.components?.schemas?.S;
}

describe("OpenAPI 3.0 read as 3.1", () => {
  it.each([
    ["nullable joins the type", { type: "string", nullable: true }, { type: ["string", "null"] }],
    ["…and the enum", { type: "string", enum: ["a"], nullable: true }, { type: ["string", "null"], enum: ["a", null] }],
    ["nullable: false is dropped", { type: "string", nullable: false }, { type: "string" }],
    [
      "a nullable $ref becomes a union with null, annotations outside",
      { $ref: "#/components/schemas/S", nullable: true, description: "d" },
      { description: "d", anyOf: [{ $ref: "#/components/schemas/S" }, { type: "null" }] },
    ],
    [
      "a boolean exclusiveMinimum takes the minimum",
      { type: "integer", minimum: 0, exclusiveMinimum: true },
      { type: "integer", exclusiveMinimum: 0 },
    ],
    [
      "exclusiveMaximum: false is dropped",
      { type: "integer", maximum: 9, exclusiveMaximum: false },
      { type: "integer", maximum: 9 },
    ],
    ["example becomes examples", { type: "integer", example: 3 }, { type: "integer", examples: [3] }],
  ])("%s", (_, before, after) => {
    expect(read30(before)).toEqual(after);
  });

  it("in every schema of the document: nested properties, items, compositions, parameters, media types", () => {
    const text = JSON.stringify({
      openapi: "3.0.2",
      paths: {
        "/a": {
          get: {
            parameters: [{ name: "q", in: "query", schema: { type: "string", nullable: true } }],
            responses: {
              "200": {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "array",
                      items: { anyOf: [{ type: "object", properties: { n: { type: "integer", nullable: true } } }] },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    const { document } = parseDocumentText(text, "doc.json");
    const [operation] = operationsOf(document, { requireOperationId: false });
    expect(operation?.parameters[0]?.schema).toEqual({ type: ["string", "null"] });
    expect(JSON.stringify(document)).not.toContain("nullable");
  });

  it("a 3.1 document is read as it is", () => {
    const schema = { type: "string", example: "kept", nullable: true };
    const text = JSON.stringify({ openapi: "3.1.0", paths: {}, components: { schemas: { S: schema } } });
    expect(parseDocumentText(text, "doc.json")).toEqual({
      document: { openapi: "3.1.0", paths: {}, components: { schemas: { S: schema } } },
      version: "3.1.0",
      notes: [],
    });
  });
});

describe("$refs", () => {
  const document = {
    openapi: "3.1.0",
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B", description: "A" },
        B: { type: "string", title: "B" },
        "x/y": { type: "integer" },
      },
    },
  } as unknown as Document;

  it("resolve follows a chain of $refs; fields beside a $ref win", () => {
    expect(resolve(document, { $ref: "#/components/schemas/A" })).toEqual({
      type: "string",
      title: "B",
      description: "A",
    });
    expect(resolve(document, { $ref: "#/components/schemas/x~1y" })).toEqual({ type: "integer" });
    expect(() => resolve(document, { $ref: "#/components/schemas/C" })).toThrow(
      "$ref #/components/schemas/C points at nothing",
    );
  });

  it("resolveRefs writes every $ref out, and refuses a cycle", () => {
    expect(resolveRefs({ ...document, paths: { x: { $ref: "#/components/schemas/A" } } })).toMatchObject({
      paths: { x: { type: "string", title: "B", description: "A" } },
    });
    expect(() => resolveRefs({ a: { $ref: "#/a" } })).toThrow("Circular $ref #/a");
  });
});

describe("operationsOf", () => {
  const document = {
    openapi: "3.1.0",
    paths: {
      "/a/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, description: "path item's" },
          { $ref: "#/components/parameters/Q" },
        ],
        get: {
          operationId: "get_a",
          parameters: [{ name: "id", in: "path", required: true, description: "operation's" }],
        },
        post: {},
      },
    },
    components: { parameters: { Q: { name: "q", in: "query" } } },
  } as unknown as Document;

  it("each operation with its parameters: the path item's, overridden by the operation's, $refs resolved", () => {
    const [get, post] = operationsOf(document, { requireOperationId: false });
    expect(get).toMatchObject({ key: "GET /a/{id}", method: "get", path: "/a/{id}", operationId: "get_a" });
    expect(get?.parameters).toEqual([
      { name: "id", in: "path", required: true, description: "operation's" },
      { name: "q", in: "query" },
    ]);
    expect(post?.operationId).toBeUndefined();
  });

  it("by default every operation needs an operationId (the generated code is keyed by it)", () => {
    expect(() => operationsOf(document)).toThrow("POST /a/{id} has no operationId");
  });
});
