#!/usr/bin/env node
// Turbo runs each workspace package's vitest on its own and interleaves their output; this adds
// up the JSON reports they wrote (.vitest-report.json, restored by turbo on a cache hit) into
// one closing line, so the end of `pnpm test` says how many tests ran in all.
import { readdir, readFile } from "node:fs/promises";
import { parse } from "yaml";

const root = new URL("../", import.meta.url);

/** The workspace's package folders (pnpm-workspace.yaml: `dir` or `dir/*`) that have a test script. */
async function testedPackages() {
  const { packages: patterns } = parse(await readFile(new URL("pnpm-workspace.yaml", root), "utf8"));
  const dirs = [];
  for (const pattern of patterns) {
    if (!pattern.endsWith("/*")) dirs.push(pattern);
    else {
      const parent = pattern.slice(0, -1);
      for (const d of await readdir(new URL(parent, root), { withFileTypes: true }))
        if (d.isDirectory()) dirs.push(parent + d.name);
    }
  }
  const tested = [];
  for (const dir of dirs.sort()) {
    const pkg = await readFile(new URL(`${dir}/package.json`, root), "utf8").catch(() => null);
    if (pkg !== null && JSON.parse(pkg).scripts?.test) tested.push(dir);
  }
  return tested;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of await testedPackages()) {
  const report = await readFile(new URL(`${dir}/.vitest-report.json`, root), "utf8").catch(() => null);
  if (report === null) {
    missing.push(dir);
    continue;
  }
  const r = JSON.parse(report);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`  ${dir.padEnd(26)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (missing.length > 0) {
  console.error(`No test report from: ${missing.join(", ")} (did its tests run?)`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
