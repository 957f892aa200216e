#!/usr/bin/env node
// `pnpm release:rehearse`: a release as .github/workflows/release.yml makes it (changeset,
// `pnpm version-packages`, `pnpm release`), rehearsed on a throwaway npm registry on 127.0.0.1,
// then installed and used with plain npm. Touches no other registry and leaves nothing behind;
// the working tree is never edited. What it does and checks: scripts/release/rehearsal.mjs.
// Exit 0 when every check passed, 1 otherwise; Ctrl-C stops it and cleans up (exit 130).
import { rehearse } from "./release/rehearsal.mjs";

const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => interrupted.abort());

const started = Date.now();
let results;
try {
  ({ checks: results } = await rehearse({ log: (line) => console.log(line), signal: interrupted.signal }));
} catch (error) {
  console.error(
    `release rehearsal: ${interrupted.signal.aborted ? "interrupted" : /** @type {Error} */ (error).message}`,
  );
  process.exit(interrupted.signal.aborted ? 130 : 1);
}
console.log("");
for (const { ok, title, detail } of results) {
  console.log(`${ok ? "✓" : ok === null ? "-" : "✗"} ${title}`);
  if (!ok && detail) console.log(`    ${detail.replaceAll("\n", "\n    ")}`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(
  `\nrelease rehearsal: ${failed === 0 ? "every check passed" : `${failed} of ${results.length} checks failed or did not run`} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exit(interrupted.signal.aborted ? 130 : failed === 0 ? 0 : 1);
