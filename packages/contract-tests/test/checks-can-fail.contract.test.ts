// Each contract check must be able to fail, naming the operation and the field. A copy of the
// committed spec with one deliberate mistake (the client's validators and status table stay
// generated from the real spec, as after an edit without `pnpm generate`) is mocked by its own
// Prism, and the shared checks run against it. Which operation each mistake goes into is found
// by what it has (a required body property, a JSON success body), not by name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify as stringifyYaml } from "yaml";
import { isSuccess, OperationChecks } from "../src/checks.js";
import { Coverage } from "../src/coverage.js";
import { startPrism } from "../src/prism.js";
import { recordingFetch } from "../src/recording-fetch.js";
import { type GeneratedRequest, invalidRequestKinds, validRequests } from "../src/requests.js";
import { DEFAULT_SPEC_PATH, type Json, loadSpec, operationsOf, type Spec, type SpecOperation } from "../src/spec.js";

const SEED = Number(process.env.DCLOUD_CONTRACT_SEED ?? 20_240_611);
const API_KEY = "contract-can-fail-key";
const committed = loadSpec(DEFAULT_SPEC_PATH);
const dir = mkdtempSync(path.join(tmpdir(), "dcloud-wrong-spec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An operation of `spec` with a JSON body that requires properties, and the names of those. */
function withRequiredBody(spec: Spec): { operation: SpecOperation; required: string[] } {
  for (const operation of operationsOf(spec)) {
    const required = (operation.body?.schema as Json | undefined)?.required as string[] | undefined;
    if (required?.length) return { operation, required };
  }
  throw new Error("The spec has no operation whose body requires a property");
}

/** An operation of `spec` without inputs whose documented success is a JSON object. */
function objectReader(spec: Spec): { operation: SpecOperation; status: string; schema: Json } {
  for (const operation of operationsOf(spec)) {
    if (operation.parameters.length || operation.body) continue;
    for (const [status, response] of Object.entries(operation.responses)) {
      const schema = response.content?.["application/json"]?.schema as Json | undefined;
      if (isSuccess(operation, Number(status)) && schema?.type === "object") return { operation, status, schema };
    }
  }
  throw new Error("The spec has no operation without inputs answering a JSON object");
}

/** Runs `check` against a Prism of a copy of the committed spec edited by `edit`; resolves what failed. */
async function failureOf(
  name: string,
  edit: (copy: Spec) => void,
  check: (
    copy: Spec,
    target: { baseUrl: string; apiKey: string; recorder: ReturnType<typeof recordingFetch> },
  ) => Promise<void>,
): Promise<string> {
  const copy = structuredClone(committed);
  edit(copy);
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringifyYaml(copy));
  const prism = await startPrism({ specPath: file });
  try {
    const target = { baseUrl: prism.url, apiKey: API_KEY, recorder: recordingFetch() };
    return await check(loadSpec(file), target).then(
      () => "(no failure)",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  } finally {
    await prism.close();
  }
}

function expectNone(problems: string[], request: GeneratedRequest): void {
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\nrequest: ${JSON.stringify(request)}`);
}

const options = { seed: SEED, numRuns: 50, includeErrorInReport: true };

describe("the shared checks fail on a wrong spec, naming the operation and the field", () => {
  it("a required body property made optional: valid requests without it are refused by the client", async () => {
    const { operation, required } = withRequiredBody(committed);
    const property = required.at(-1)!;
    const message = await failureOf(
      "optional-property",
      (copy) => {
        const schema = copy.paths[operation.path]![operation.method]!.requestBody!.content!["application/json"]!
          .schema as Json;
        schema.required = required.filter((r) => r !== property);
      },
      async (copy, target) => {
        const wrong = withRequiredBody(copy).operation;
        const checks = new OperationChecks(wrong, target);
        await fc.assert(
          fc.asyncProperty(validRequests(wrong), async (r) => expectNone(await checks.valid(r, "api"), r)),
          options,
        );
      },
    );
    expect(message).toContain(
      `${operation.label} via dc.api.${operation.method.toUpperCase()}: the client refuses a request the spec accepts: body.${property}: is required`,
    );
  });

  it("a new required body property: invalid requests without it are accepted by the client", async () => {
    const { operation, required } = withRequiredBody(committed);
    const message = await failureOf(
      "new-property",
      (copy) => {
        const schema = copy.paths[operation.path]![operation.method]!.requestBody!.content!["application/json"]!
          .schema as Json;
        (schema.properties as Json).nickname = { type: "string" };
        schema.required = [...required, "nickname"];
      },
      async (copy, target) => {
        const wrong = withRequiredBody(copy).operation;
        const kind = invalidRequestKinds(wrong).find((k) => k.kind === "body.nickname missing")!;
        const checks = new OperationChecks(wrong, target);
        await fc.assert(
          fc.asyncProperty(kind.arbitrary, async (r) => expectNone(await checks.invalid(kind, r, "api"), r)),
          options,
        );
      },
    );
    expect(message).toContain(
      `${operation.label} (body.nickname missing) via dc.api.${operation.method.toUpperCase()}: the client accepted a request the spec rejects`,
    );
    expect(message).toContain("the client sent 1 request(s)");
  });

  it("a success response that requires a field the answer lacks: the response check names it", async () => {
    const { operation, status } = objectReader(committed);
    const message = await failureOf(
      "response-field",
      (copy) => {
        const schema = copy.paths[operation.path]![operation.method]!.responses![status]!.content!["application/json"]!
          .schema as Json;
        schema.required = [...((schema.required as string[]) ?? []), "contract_check_field"];
      },
      async (copy, target) => {
        const checks = new OperationChecks(objectReader(copy).operation, target);
        expectNone(await checks.valid({ path: {}, query: {}, header: {} }, "api"), { path: {}, query: {}, header: {} });
      },
    );
    expect(message).toContain(`${operation.label} → ${status}: response.contract_check_field: is required`);
    expect(message).toContain("Prism reports sl-violations");
  });

  it("a success the client was not generated for: a forced 202 is not reported as data", async () => {
    const { operation, status } = objectReader(committed);
    const message = await failureOf(
      "new-success",
      (copy) => {
        const responses = copy.paths[operation.path]![operation.method]!.responses!;
        responses["202"] = structuredClone(responses[status]!);
      },
      async (copy, target) => {
        const checks = new OperationChecks(objectReader(copy).operation, target);
        const request = { path: {}, query: {}, header: {} };
        expectNone((await checks.forced(202, request)).problems, request);
      },
    );
    expect(message).toMatch(
      /forced 202 via dc\.api\.GET: a documented success, but the call threw UnexpectedStatusError/,
    );
  });
});

describe("the checks against the committed spec's Prism", () => {
  it("an invalid request refused for another field than its kind names fails, naming both sides", async () => {
    const { operation, required } = withRequiredBody(committed);
    const [dropped, other] = required as [string, string];
    const prism = await startPrism({ specPath: DEFAULT_SPEC_PATH });
    try {
      const checks = new OperationChecks(operation, {
        baseUrl: prism.url,
        apiKey: API_KEY,
        recorder: recordingFetch(),
      });
      const kind = invalidRequestKinds(operation).find((k) => k.kind === `body.${dropped} missing`)!;
      const [request] = fc.sample(kind.arbitrary, { seed: SEED, numRuns: 1 });
      const problems = await checks.invalid({ kind: kind.kind, field: `body.${other}` }, request!, "api");
      expect(problems).toEqual([
        expect.stringContaining(
          `the client refused it, but not for body.${other}: Invalid request: body.${dropped}: is required`,
        ),
        expect.stringMatching(new RegExp(`sent raw, Prism refused it, but not for body\\.${other}: .*'${dropped}'`)),
      ]);
    } finally {
      await prism.close();
    }
  });

  it("the coverage table names an operation left unchecked, and n/a where a column does not apply", () => {
    const operations = operationsOf(committed);
    const coverage = new Coverage(operations, (o) => invalidRequestKinds(o).length);
    const [first, ...rest] = operations;
    for (const operation of rest) {
      coverage.valid(operation, "dc.api");
      for (const kind of invalidRequestKinds(operation)) coverage.invalid(operation, kind.kind);
      for (const status of Object.keys(operation.responses)) coverage.status(operation, Number(status), 1);
      coverage.auth(operation, 1);
    }
    expect(coverage.gaps()).toEqual(
      expect.arrayContaining([`${first!.label}: no valid request checked`, `${first!.label}: auth not checked`]),
    );
    expect(coverage.gaps().every((gap) => gap.startsWith(`${first!.label}:`))).toBe(true);
    expect(coverage.render()).toMatch(/n\/a \(no parameters or body\)/);
  });
});
