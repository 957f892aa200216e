// The shared contract suite: every operation of the spec, read at test time, checked the same way
// against a Prism mock of it, with no test code of its own (an operation added to spec/ and
// `pnpm generate` is covered by the next run):
//
// - valid requests, generated from its parameter and body schemas, go through the client (its
//   named method, or `dc.api`) and each gets a documented success, without `sl-violations`;
// - invalid requests, one kind per constraint of the spec, are refused by the client (nothing
//   sent) and, sent raw, by Prism, both naming the field;
// - every documented status, forced with `Prefer: code=N`, comes out of the client as the spec says;
// - auth: no key → nothing sent; no bearer token → 401;
// - every answer the client receives is checked as Schemathesis does (status, content type, schema).
//
// The run ends with a coverage table (operation × valid, invalid, each documented status, auth,
// time); an operation with a column left unchecked fails it. Reproducible: the seed is fixed
// (DCLOUD_CONTRACT_SEED overrides it; DCLOUD_CONTRACT_RUNS scales the number of requests;
// DCLOUD_CONTRACT_SPEC points the suite at another spec file).
import path from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { documentedStatuses, OperationChecks, type Route } from "../src/checks.js";
import { Coverage } from "../src/coverage.js";
import { NAMED_METHODS, unlistedClientMethods } from "../src/named-methods.js";
import { ResponseChecker } from "../src/oracle.js";
import { type RunningPrism, startPrism } from "../src/prism.js";
import { recordingFetch } from "../src/recording-fetch.js";
import { type GeneratedRequest, hasInputs, invalidRequestKinds, validRequests } from "../src/requests.js";
import { loadSpec, operationsOf, SPEC_PATH, type SpecOperation } from "../src/spec.js";

const SEED = Number(process.env.DCLOUD_CONTRACT_SEED ?? 20_240_611);
const SCALE = Number(process.env.DCLOUD_CONTRACT_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const VALID_RUNS = runs(500);
/** An operation without parameters or body has one valid request; these runs vary only the route. */
const VALID_RUNS_WITHOUT_INPUTS = runs(20);
const INVALID_RUNS_PER_KIND = runs(40);
/** Valid requests per documented status, each sent through every route. */
const STATUS_RUNS = runs(5);
const API_KEY = "contract-test-key";

const operations = operationsOf(loadSpec());
const kinds = new Map(operations.map((operation) => [operation.id, invalidRequestKinds(operation)]));
const coverage = new Coverage(operations, (operation) => kinds.get(operation.id)!.length);
const responses = new ResponseChecker();
const recorder = recordingFetch();

let prism: RunningPrism;
const savedKey = process.env.DEEPSET_CLOUD_API_KEY;
beforeAll(async () => {
  // A client without `apiKey` would read it from here: the auth checks need it unset.
  delete process.env.DEEPSET_CLOUD_API_KEY;
  prism = await startPrism();
});
afterAll(async () => {
  if (savedKey !== undefined) process.env.DEEPSET_CLOUD_API_KEY = savedKey;
  await prism?.close();
});

function checksOf(operation: SpecOperation): OperationChecks {
  return new OperationChecks(operation, { baseUrl: prism.url, apiKey: API_KEY, recorder }, responses);
}

function routeName(checks: OperationChecks, route: Route): string {
  return route === "named" ? `${checks.named!.name}()` : "dc.api";
}

/** Fails with every problem and the request, so a disagreement names the operation, its field and its input. */
function expectNone(problems: string[], request: GeneratedRequest): void {
  if (problems.length > 0) throw new Error(`${problems.join("\n")}\nrequest: ${JSON.stringify(request)}`);
}

const options = (numRuns: number) => ({ seed: SEED, numRuns, includeErrorInReport: true });

describe(`every operation of ${path.relative(process.cwd(), SPEC_PATH)} (seed ${SEED})`, () => {
  for (const operation of operations) {
    describe(operation.label, () => {
      let started = 0;
      beforeEach(() => {
        started = performance.now();
      });
      afterEach(() => {
        coverage.time(operation, performance.now() - started);
      });

      const validRuns = hasInputs(operation) ? VALID_RUNS : VALID_RUNS_WITHOUT_INPUTS;
      it(`${validRuns} valid requests: the client sends each as generated, and gets a documented success that conforms`, async () => {
        const checks = checksOf(operation);
        await fc.assert(
          fc.asyncProperty(
            validRequests(operation),
            fc.constantFrom<Route>("named", "api"),
            async (request, preferred) => {
              const route = checks.routeFor(request, preferred);
              expectNone(await checks.valid(request, route), request);
              coverage.valid(operation, routeName(checks, route));
            },
          ),
          options(validRuns),
        );
      });

      it.each(kinds.get(operation.id)!.map((k) => [k.kind, k] as const))(
        `${INVALID_RUNS_PER_KIND} invalid requests with %s: the client refuses each and sends nothing; Prism refuses each too`,
        async (_kind, kind) => {
          const checks = checksOf(operation);
          await fc.assert(
            fc.asyncProperty(kind.arbitrary, fc.constantFrom<Route>("named", "api"), async (request, preferred) => {
              expectNone(await checks.invalid(kind, request, checks.routeFor(request, preferred)), request);
              coverage.invalid(operation, kind.kind);
            }),
            options(INVALID_RUNS_PER_KIND),
          );
        },
      );

      it.each(documentedStatuses(operation))(
        `documented status %i, forced on ${STATUS_RUNS} valid requests: every route reports it as the spec says`,
        async (status) => {
          const checks = checksOf(operation);
          await fc.assert(
            fc.asyncProperty(validRequests(operation), async (request) => {
              const { problems, calls } = await checks.forced(status, request);
              expectNone(problems, request);
              coverage.status(operation, status, calls);
            }),
            options(STATUS_RUNS),
          );
        },
      );

      if (operation.secured) {
        it("auth: a client without a key sends nothing; sent without a bearer token, Prism answers 401", async () => {
          const [request] = fc.sample(validRequests(operation), { seed: SEED, numRuns: 1 });
          const { problems, checks } = await checksOf(operation).auth(request!);
          expectNone(problems, request!);
          coverage.auth(operation, checks);
        });
      }
    });
  }

  it("knows every named method of the client, each calling an operation of the spec", () => {
    expect(unlistedClientMethods(), "client methods missing from src/named-methods.ts").toEqual([]);
    const ids = new Set(operations.map((o) => o.id));
    expect(
      Object.keys(NAMED_METHODS).filter((id) => !ids.has(id)),
      "NAMED_METHODS entries for no operation of the spec",
    ).toEqual([]);
  });

  it("covered every operation of the spec (the coverage table)", () => {
    console.log(`contract coverage (seed ${SEED}, runs ×${SCALE}):\n${coverage.render()}`);
    expect(coverage.gaps()).toEqual([]);
  });
});
