#!/usr/bin/env node
// Turbo runs each package's vitest on its own and interleaves their output; this adds up the
// JSON reports they wrote (.vitest-report.json, restored by turbo on a cache hit) into one
// closing line, so the end of `pnpm test` says how many tests ran in all.
import { readFile, readdir } from "node:fs/promises";

const root = new URL("../packages/", import.meta.url);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const dir of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
  const report = await readFile(new URL(`${dir.name}/.vitest-report.json`, root), "utf8").catch(() => null);
  if (report === null) {
    missing.push(dir.name);
    continue;
  }
  const r = JSON.parse(report);
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`  ${dir.name.padEnd(16)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (missing.length > 0) {
  console.error(`No test report from: ${missing.join(", ")} (did its tests run?)`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
