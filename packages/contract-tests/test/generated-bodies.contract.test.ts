// Property-based contract checks, Schemathesis-style, with bodies generated from the spec.
//
// Many valid invitation bodies (json-schema-faker from the spec's request schema, seeded by
// fast-check) go through @dcloud/client to Prism: each must get 201, no `sl-violations`, and a
// response whose status, content type and body the spec documents. Many invalid bodies (a
// required property dropped, a wrong type, a bad UUID, a wrong item in workspace_ids, …) must be
// refused by the client (InvalidRequestError, nothing sent) and, sent raw, get Prism's 422 with
// `sl-violations`: client and Prism agree with the spec on every one. A disagreement fails with
// the body that caused it (fast-check's counterexample, shrunk) and the field it is about.
//
// Reproducible: the seed is fixed (DCLOUD_CONTRACT_SEED overrides it; DCLOUD_CONTRACT_RUNS
// scales the number of bodies). DCLOUD_CONTRACT_SPEC points the suite at another spec file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BodyChecks } from "../src/checks.js";
import { invalidBodyKinds, validBodies } from "../src/bodies.js";
import { DEFAULT_SPEC_PATH, startPrism, SPEC_PATH, type RunningPrism } from "../src/prism.js";
import { INVITE_PATH, loadSpec, requestBodySchema, type Json } from "../src/spec.js";
import { recordingFetch } from "./helpers/recording-fetch.js";

const SEED = Number(process.env.DCLOUD_CONTRACT_SEED ?? 20_240_611);
const SCALE = Number(process.env.DCLOUD_CONTRACT_RUNS ?? 1);
const VALID_RUNS = Math.round(500 * SCALE);
/** Per kind of defect; there are 12 kinds for the current spec. */
const INVALID_RUNS_PER_KIND = Math.round(40 * SCALE);
const ORG = "5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const API_KEY = "contract-generated-key";

const spec = loadSpec();
const schema = requestBodySchema(spec, "post", INVITE_PATH);

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  await prism?.close();
});

function checksAgainst(baseUrl: string, specForChecks = spec) {
  const recorder = recordingFetch();
  return new BodyChecks(specForChecks, {
    baseUrl,
    apiKey: API_KEY,
    organizationId: ORG,
    fetch: recorder.fetch,
    exchanges: recorder.exchanges,
  });
}

/** Fails with every problem and the body, so a disagreement names its field and its input. */
function expectNone(problems: string[], body: unknown): void {
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\nbody: ${JSON.stringify(body)}`);
}

/** Counts of what was checked, reported at the end of the file. */
const checked = { valid: 0, invalid: new Map<string, number>() };

describe(`generated bodies (seed ${SEED}, spec ${path.relative(process.cwd(), SPEC_PATH)})`, () => {
  it(`${VALID_RUNS} valid bodies: the client sends each, Prism answers 201 without violations, the answer conforms`, async () => {
    const checks = checksAgainst(prism.url);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(validBodies(schema), async (body) => {
        expectNone(await checks.valid(body), body);
        checked.valid += 1;
        seen.add(Object.keys(body).sort().join(","));
      }),
      { seed: SEED, numRuns: VALID_RUNS, includeErrorInReport: true },
    );
    // The generator did vary: bodies with and without the optional workspace_ids.
    expect([...seen].some((keys) => keys.includes("workspace_ids"))).toBe(true);
    expect([...seen].some((keys) => !keys.includes("workspace_ids"))).toBe(true);
  });

  const kinds = invalidBodyKinds(schema);
  it("derives the defects the issue names from the spec", () => {
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining([
        "missing email",
        "missing given_name",
        "missing family_name",
        "missing role",
        "email is not string",
        "role is not string",
        "workspace_ids is not array",
        "workspace_ids[i] is not string",
        "workspace_ids[i] is not a uuid",
      ]),
    );
  });

  it.each(kinds.map((k) => [k.kind, k] as const))(
    `${INVALID_RUNS_PER_KIND} bodies with "%s": the client refuses each, Prism answers it 422 with sl-violations`,
    async (kind, { arbitrary }) => {
      const checks = checksAgainst(prism.url);
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ body }) => {
          expectNone(await checks.invalid(body, { prism: "mock" }), body);
          checked.invalid.set(kind, (checked.invalid.get(kind) ?? 0) + 1);
        }),
        { seed: SEED, numRuns: INVALID_RUNS_PER_KIND, includeErrorInReport: true },
      );
    },
  );

  it("checked every body it generated", () => {
    const invalid = [...checked.invalid.values()].reduce((a, b) => a + b, 0);
    expect(checked.valid).toBe(VALID_RUNS);
    expect(invalid).toBe(INVALID_RUNS_PER_KIND * kinds.length);
    console.log(`generated bodies checked: ${checked.valid} valid, ${invalid} invalid (${kinds.length} kinds), seed ${SEED}`);
  });
});

// Each check must be able to fail. A copy of the committed spec with one deliberate mistake (the
// client's validators stay generated from the real spec, as after an edit without
// `pnpm generate`) is mocked by its own Prism, and the checks must fail naming the field.
describe("the generated-body checks fail on a wrong spec, naming the field", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dcloud-wrong-spec-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function wrongSpec(name: string, edit: (userInvitation: Json) => void): string {
    const raw = parseYaml(readFileSync(DEFAULT_SPEC_PATH, "utf8")) as { components: { schemas: { UserInvitation: Json } } };
    edit(raw.components.schemas.UserInvitation);
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, stringifyYaml(raw));
    return file;
  }

  async function failureOf(specPath: string): Promise<string> {
    const wrong = await startPrism({ specPath });
    try {
      const wrongSpecDoc = loadSpec(specPath);
      const checks = checksAgainst(wrong.url, wrongSpecDoc);
      const run = fc.assert(
        fc.asyncProperty(validBodies(requestBodySchema(wrongSpecDoc, "post", INVITE_PATH)), async (body) => {
          expectNone(await checks.valid(body), body);
        }),
        { seed: SEED, numRuns: 50, includeErrorInReport: true },
      );
      return await run.then(
        () => "(no failure)",
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    } finally {
      await wrong.close();
    }
  }

  it("role made optional: a body without role is refused by the client, and the failure names body.role", async () => {
    const file = wrongSpec("role-optional", (s) => {
      s.required = (s.required as string[]).filter((r) => r !== "role");
    });
    const message = await failureOf(file);
    expect(message).toContain("the client refuses a body the spec accepts: body.role: is required");
    expect(message).toMatch(/body: \{(?!.*"role")/);
  });

  it("workspace_ids items' format changed to email: the failure names body.workspace_ids", async () => {
    const file = wrongSpec("workspace-ids-email", (s) => {
      ((s.properties as Json).workspace_ids as Json).items = { type: "string", format: "email" };
    });
    const message = await failureOf(file);
    expect(message).toMatch(/the client refuses a body the spec accepts: body\.workspace_ids\.\d+: must match format "uuid"/);
  });
});
