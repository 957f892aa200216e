// scripts/lint-workflows.mjs: actionlint over .github/workflows, clean; a typo in an expression
// fails it, naming the file and the line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";

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
