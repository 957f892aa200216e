// The guard every package's vitest run has (vitest/temp-folder-guard.mjs), on a throwaway vitest
// project: a test that leaves a folder in the temp folder, or a child process that leaves a
// file there, fails the run, named; a test that cleans up passes; the run's own folder is gone.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const guard = new URL("../vitest/temp-folder-guard.mjs", import.meta.url).pathname;
const repoModules = new URL("../../node_modules", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "dcloud-guard-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let projects = 0;
function runProject(body: string) {
  const dir = join(scratch, `project-${++projects}`);
  mkdirSync(join(dir, "test"), { recursive: true });
  symlinkSync(repoModules, join(dir, "node_modules"));
  writeFileSync(
    join(dir, "vitest.config.mjs"),
    `export default { test: { include: ["test/*.test.mjs"], globalSetup: [${JSON.stringify(guard)}] } };\n`,
  );
  writeFileSync(
    join(dir, "test/a.test.mjs"),
    `import { execFileSync } from "node:child_process";\nimport { mkdtempSync, rmSync } from "node:fs";\nimport { tmpdir } from "node:os";\nimport { join } from "node:path";\nimport { expect, it } from "vitest";\n${body}\n`,
  );
  // The run's own temp folder is made inside this one, so it can be seen to go.
  const outer = join(dir, "tmp");
  mkdirSync(outer);
  const r = spawnSync(process.execPath, [join(repoModules, "vitest/vitest.mjs"), "run"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TMPDIR: outer, NO_COLOR: "1" },
  });
  return { status: r.status, output: r.stdout + r.stderr, left: readdirSync(outer) };
}

it("a folder a test leaves, and a file a child process leaves: the run fails, naming them", () => {
  const r = runProject(
    `it("leaves", () => {\n  expect(tmpdir()).toMatch(/dcloud-test-run-/);\n  mkdtempSync(join(tmpdir(), "left-by-test-"));\n  execFileSync("sh", ["-c", 'mktemp "$TMPDIR/left-by-child-XXXX"']);\n});`,
  );
  expect(r.output).toMatch(/1 passed/);
  expect(r.output).toMatch(/the tests left 2 item\(s\) in the temp folder: left-by-child-\w+, left-by-test-\w+/);
  expect(r.status).toBe(1);
  expect(r.left).toEqual([]);
});

it("a test that removes what it made: the run passes, and its temp folder is gone", () => {
  const r = runProject(
    `it("cleans up", () => {\n  const dir = mkdtempSync(join(tmpdir(), "mine-"));\n  rmSync(dir, { recursive: true });\n});`,
  );
  expect(r.output).not.toMatch(/left/);
  expect(r.status).toBe(0);
  expect(r.left).toEqual([]);
});
