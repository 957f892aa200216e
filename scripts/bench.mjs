#!/usr/bin/env node
// `pnpm bench`: runs every package's benchmarks (packages/*/bench/*.bench.mjs), one after
// the other so they do not compete for the machine's cores. Each prints its own figures,
// measured side by side in one run, and its budget; budgets are shown here, not asserted in
// tests, because timings on shared machines are noisy.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packages = fileURLToPath(new URL("../packages/", import.meta.url));
let failed = 0;
for (const pkg of readdirSync(packages).sort()) {
  const dir = join(packages, pkg, "bench");
  let files = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".bench.mjs"))
      .sort();
  } catch {
    continue;
  }
  for (const file of files) {
    console.log(`\n▶ ${pkg}/bench/${file}`);
    const { status } = spawnSync(process.execPath, [join(dir, file)], { stdio: "inherit", cwd: join(packages, pkg) });
    if (status !== 0) failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
