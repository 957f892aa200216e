// spec/openapi.yaml must hold the invitation operation exactly as the API's own page
// (spec/sources/invite-user-to-organization.mdx, "the seed") states it, and be a spec
// that Prism and the generated client read the way the README says.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SPEC_PATH,
  type HttpMethod,
  type Json,
  loadSpec,
  type MediaType,
  operationsOf,
  readSpec,
  type Spec,
} from "../src/spec.js";
import {
  balancedEnd,
  jsxElements,
  parseSeed,
  type SeedOperation,
  seedMismatches,
  specOperation,
} from "./helpers/seed.js";

const SEED_PATH = fileURLToPath(new URL("../../../spec/sources/invite-user-to-organization.mdx", import.meta.url));

const seedText = readFileSync(SEED_PATH, "utf8");
const rawSpec = readSpec();
const spec = loadSpec();
const seed = parseSeed(seedText);
const seedMethod = seed.method as HttpMethod;

/** The seed's operation in `doc`, compared with the seed: the JSON paths that differ. */
function mismatchesIn(doc: Spec): string[] {
  const operation = specOperation(doc, seed.method, seed.path);
  if (!operation) return [`paths[${JSON.stringify(seed.path)}].${seed.method}`];
  return seedMismatches(seed, operation).map((m) => m.path);
}

/**
 * The committed spec, which the mutation tests below edit: they show that the comparison can
 * fail, so they start from the real spec even when DCLOUD_CONTRACT_SPEC points the suite elsewhere.
 */
const committedSpec = loadSpec(DEFAULT_SPEC_PATH);

/** The seed operation's node in a copy of the resolved committed spec, for mutation tests. */
function mutated(mutate: (operation: Json) => void): Spec {
  const copy = structuredClone(committedSpec);
  mutate(copy.paths[seed.path]![seedMethod] as unknown as Json);
  return copy;
}

const BODY_SCHEMA = 'requestBody.content["application/json"].schema';

describe("reading the seed page", () => {
  it("finds the summary, method, path and description", () => {
    expect(seed.summary).toBe("Invite User To Organization");
    expect(seed.method).toBe("post");
    expect(seed.path).toBe("/api/v1/organization/{organization_id}/invitation");
    expect(seed.description).toBe("Sends an email to the user inviting them to your deepset organization.");
  });

  it("finds the parameters, the request body and every response", () => {
    expect(Object.keys(seed.parameters)).toEqual(["path:organization_id"]);
    expect(seed.parameters["path:organization_id"]).toMatchObject({
      required: true,
      description: expect.stringContaining(")  endpoint."),
    });
    expect(seed.requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { title: "User Invitation", required: expect.any(Array) } } },
    });
    expect(Object.keys(seed.responses).sort()).toEqual(["201", "402", "409", "422", "503"]);
  });

  it("reads a prop's JSON even when its strings hold braces and brackets", () => {
    const text = 'x = {"a":"} ] {","b":[1,{"c":"\\"}"}]} tail';
    const start = text.indexOf("{");
    const end = balancedEnd(text, start);
    expect(JSON.parse(text.slice(start, end))).toEqual({ a: "} ] {", b: [1, { c: '"}' }] });
    expect(jsxElements('<Thing a={{"x":"}"}}\n  b={undefined} c={"s"}\n>\n</Thing>')).toEqual([
      { name: "Thing", props: { a: { x: "}" }, b: undefined, c: "s" } },
    ]);
  });

  it("refuses a page whose parts are missing or doubled", () => {
    expect(() => parseSeed(seedText.replace(/<StatusCodes[\s\S]*?<\/StatusCodes>/, ""))).toThrow(/StatusCodes/);
    expect(() => parseSeed(`${seedText}\n\nAnother paragraph.\n`)).toThrow(/description paragraph/);
  });
});

describe("the spec holds the invitation operation exactly as the seed states it", () => {
  it("has no mismatch with the seed", () => {
    const operation = specOperation(spec, seed.method, seed.path);
    expect(operation).toBeDefined();
    expect(seedMismatches(seed, operation)).toEqual([]);
  });

  it("keeps the seed's double space before 'endpoint.' in both organization_id descriptions", () => {
    const parameter = specOperation(spec, seed.method, seed.path)?.parameters["path:organization_id"] as Json;
    expect(parameter.description).toContain(")  endpoint.");
    expect((parameter.schema as Json).description).toContain(")  endpoint.");
  });

  // The comparison must be able to fail: each mutation of the spec is caught and named.
  it.each<[string, (op: Json) => void, string]>([
    [
      "role dropped from required",
      (op) => {
        const schema = (op.requestBody as Json).content as Json;
        const s = (schema["application/json"] as Json).schema as Json;
        s.required = (s.required as string[]).filter((r) => r !== "role");
      },
      `${BODY_SCHEMA}.required`,
    ],
    [
      "workspace_ids items' format changed",
      (op) => {
        bodyProperty(op, "workspace_ids").items = { type: "string", format: "uri" };
      },
      `${BODY_SCHEMA}.properties.workspace_ids.items.format`,
    ],
    [
      "workspace_ids default removed",
      (op) => {
        delete bodyProperty(op, "workspace_ids").default;
      },
      `${BODY_SCHEMA}.properties.workspace_ids.default`,
    ],
    [
      "a property description altered",
      (op) => {
        bodyProperty(op, "email").description = "The email of a user.";
      },
      `${BODY_SCHEMA}.properties.email.description`,
    ],
    [
      "a format the seed does not state added to email",
      (op) => {
        bodyProperty(op, "email").format = "email";
      },
      `${BODY_SCHEMA}.properties.email.format`,
    ],
    [
      "a property the seed does not have added",
      (op) => {
        bodyProperty(op, "nickname").type = "string";
      },
      `${BODY_SCHEMA}.properties.nickname`,
    ],
    [
      "the double space before 'endpoint.' collapsed",
      (op) => {
        const [p] = op.parameters as Json[];
        p!.description = (p!.description as string).replace(")  endpoint.", ") endpoint.");
      },
      'parameters["path:organization_id"].description',
    ],
    [
      "the 409 response removed",
      (op) => {
        delete (op.responses as Json)["409"];
      },
      'responses["409"]',
    ],
    [
      "the 402 description altered",
      (op) => {
        ((op.responses as Json)["402"] as Json).description = "Payment required.";
      },
      'responses["402"].description',
    ],
    [
      "a 422 item's required list changed",
      (op) => {
        const media = (((op.responses as Json)["422"] as Json).content as Json)["application/json"] as Json;
        const detail = ((media.schema as Json).properties as Json).detail as Json;
        (detail.items as Json).required = ["loc", "msg"];
      },
      'responses["422"].content["application/json"].schema.properties.detail.items.required',
    ],
    [
      "the summary changed",
      (op) => {
        op.summary = "Invite a user";
      },
      "summary",
    ],
  ])("catches %s", (_name, mutate, expectedPath) => {
    expect(mismatchesIn(mutated(mutate))).toEqual([expectedPath]);
  });

  it("catches a missing operation", () => {
    const copy = structuredClone(committedSpec);
    delete copy.paths[seed.path];
    expect(mismatchesIn(copy)).toEqual([`paths["${seed.path}"].post`]);
  });

  it("is a pure comparison: seed ⊆ spec outside schemas, annotations only added inside them", () => {
    const small: SeedOperation = {
      method: "get",
      path: "/x",
      summary: "S",
      description: "D",
      parameters: {},
      requestBody: undefined,
      responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "string" } } } } },
    };
    const withExtras = {
      ...small,
      operationId: "x",
      responses: {
        ...small.responses,
        "404": { description: "Not here" },
        "200": {
          description: "OK",
          content: { "application/json": { schema: { type: "string", title: "T" }, examples: { a: { value: "v" } } } },
        },
      },
    };
    expect(seedMismatches(small, withExtras)).toEqual([]);
    expect(
      seedMismatches(small, {
        ...withExtras,
        responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "integer" } } } } },
      }).map((m) => m.path),
    ).toEqual(['responses["200"].content["application/json"].schema.type']);
  });
});

function bodyProperty(op: Json, name: string): Json {
  const media = ((op.requestBody as Json).content as Json)["application/json"] as Json;
  const properties = (media.schema as Json).properties as Json;
  properties[name] ??= {};
  return properties[name] as Json;
}

describe("the spec as the README describes it", () => {
  it("is OpenAPI 3.1 with the 2020-12 JSON Schema dialect", () => {
    expect(rawSpec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(rawSpec.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("lists the EU server (first, the default) and the US server", () => {
    expect(rawSpec.servers?.map((s) => s.url)).toEqual(["https://api.cloud.deepset.ai", "https://api.us.deepset.ai"]);
  });

  it("requires a bearer token on every operation", () => {
    const schemes = rawSpec.components?.securitySchemes ?? {};
    const bearer = Object.keys(schemes).filter(
      (name) => schemes[name]?.type === "http" && schemes[name]?.scheme?.toLowerCase() === "bearer",
    );
    expect(bearer).toHaveLength(1);
    for (const { label, operation, secured } of operationsOf(spec)) {
      expect(secured, label).toBe(true);
      for (const requirement of operation.security ?? rawSpec.security ?? [])
        expect(Object.keys(requirement), label).toEqual(bearer);
    }
  });

  it("gives every operation a unique operationId, and has GET /api/v1/me", () => {
    // operationsOf refuses an operation without one.
    const ids = operationsOf(spec).map(({ id }) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rawSpec.paths["/api/v1/me"]?.get?.operationId).toBe("read_users_me_api_v1_me_get");
  });

  it("gives every response and request body with content at least one example, valid against its schema", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formats.default(ajv);
    let checked = 0;
    for (const { label, operation } of operationsOf(spec)) {
      const bodies: [string, Record<string, MediaType> | undefined][] = [
        [`${label} request body`, operation.requestBody?.content],
        ...Object.entries(operation.responses ?? {}).map(
          ([code, r]): [string, Record<string, MediaType> | undefined] => [`${label} ${code}`, r.content],
        ),
      ];
      // A parameter's examples, where it gives any, must fit its schema too.
      for (const parameter of operation.parameters ?? []) {
        const media = parameter as MediaType;
        if (media.example !== undefined || media.examples)
          bodies.push([`${label} ${parameter.in} parameter ${parameter.name}`, { parameter: media }]);
      }
      for (const [label, content] of bodies) {
        for (const [mediaType, media] of Object.entries(content ?? {})) {
          const examples = [
            ...(media.example !== undefined ? [media.example] : []),
            ...Object.values(media.examples ?? {}).map((e) => e.value),
          ];
          expect(examples.length, `${label} ${mediaType} has no example`).toBeGreaterThan(0);
          const validate = ajv.compile((media.schema ?? {}) as object);
          for (const example of examples) {
            expect(validate(example), `${label} ${mediaType}: ${ajv.errorsText(validate.errors)}`).toBe(true);
            checked++;
          }
        }
      }
    }
    // The invitation's two request examples, its 201 and 422, and /me's 200 at least.
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it("the example check can fail: an example that breaks its schema is refused", () => {
    const ajv = new Ajv2020({ strict: true });
    formats.default(ajv);
    const media = spec.paths[seed.path]![seedMethod]!.requestBody!.content!["application/json"]!;
    const validate = ajv.compile(media.schema as object);
    expect(validate(media.examples?.withWorkspaces?.value)).toBe(true);
    expect(validate({ ...(media.examples?.withWorkspaces?.value as Json), workspace_ids: ["not-a-uuid"] })).toBe(false);
    expect(validate({ given_name: "Ada", family_name: "Lovelace", role: "MEMBER" })).toBe(false);
  });
});
