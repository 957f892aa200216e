#!/usr/bin/env node
// `pnpm lint:packages`: packs @dcloud/client and @dcloud/cli as they would be published and
// runs publint (strict) and @arethetypeswrong/cli on each tarball. `pnpm release` runs it
// before `changeset publish`; the release rehearsal (`pnpm test`) runs the same checks on the
// tarballs its registry serves.
// Expects the packages built (`pnpm lint:packages` builds them first).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintTarball, packAll } from "./release/packages.mjs";

const destination = mkdtempSync(join(tmpdir(), "dcloud-pack-"));
let failed = 0;
try {
  for (const pkg of packAll(destination)) {
    const result = await lintTarball(pkg);
    for (const check of [result.publint, result.attw]) {
      console.log(`\n${check.ok ? "✓" : "✗"} ${pkg.name}: ${check.command}\n${check.output}`);
      if (!check.ok) failed++;
    }
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`\n${failed} package check(s) failed.`);
  process.exit(1);
}
