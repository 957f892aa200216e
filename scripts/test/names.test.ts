// spec:update keeps the spec's names for the schemas upstream names otherwise, unless it cannot.
import { describe, expect, it } from "vitest";
import type { Document } from "../openapi/index.mjs";
import { keepSchemaNames } from "../spec-update/names.mjs";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const spec = (schemas: Record<string, unknown>, response: unknown) =>
  ({
    openapi: "3.1.0",
    paths: {
      "/me": {
        get: { responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } } },
      },
    },
    components: { schemas },
  }) as unknown as Document;
const rename = (before: string, after: string) => ({ before, after, operation: "GET /me", where: "response 200" });

describe("keepSchemaNames", () => {
  it("gives the schema its name back, in the current spec's order, with every $ref to it", () => {
    const current = spec({ UserMe: {}, Org: {} }, ref("UserMe"));
    const next = spec({ Org: {}, User: { properties: { self: ref("User"), org: ref("Org") } } }, ref("User"));
    const { spec: named, notes } = keepSchemaNames(next, [rename("UserMe", "User")], current);
    expect(Object.keys(named.components?.schemas ?? {})).toEqual(["UserMe", "Org"]);
    expect(JSON.stringify(named)).not.toContain('schemas/User"');
    expect(named.components?.schemas?.UserMe).toEqual({ properties: { self: ref("UserMe"), org: ref("Org") } });
    expect(notes).toEqual(["schema UserMe: upstream calls it User (GET /me, response 200); the spec keeps UserMe"]);
    expect(next.components?.schemas).toHaveProperty("User"); // the input is left as it was
  });

  it("one upstream schema where the spec has two, or a name upstream already uses: left as upstream's, and said", () => {
    const next = spec({ User: {}, UserMe: {} }, ref("User"));
    const current = spec({ UserMe: {}, Me: {} }, ref("UserMe"));
    const two = keepSchemaNames(next, [rename("A", "X"), rename("B", "X")], current);
    expect(two.spec).toBe(next);
    expect(two.notes).toEqual(["upstream's X stand where the spec has A, B: names left as upstream's; review them"]);
    const taken = keepSchemaNames(next, [rename("UserMe", "User")], current);
    expect(taken.spec).toBe(next);
    expect(taken.notes).toEqual([
      "schema UserMe: upstream calls it User (GET /me, response 200) and has another UserMe; names left as upstream's, review them",
    ]);
  });
});
