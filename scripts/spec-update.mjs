#!/usr/bin/env node
// `pnpm spec:update --from <url-or-file>`: takes deepset's upstream OpenAPI document (JSON or
// YAML, a URL or a file), keeps the operations spec/openapi.yaml supports with every component
// they reference, writes spec/openapi.yaml, regenerates the client's types and validators
// (`pnpm generate`), and prints a breaking-change report against the previous spec with the
// semver bump it implies. What is kept from the current spec and why: spec-update/select.mjs.
//
//   --from URL|FILE  the upstream document (required)
//   --out DIR        the spec folder to update (default: spec/); its openapi.yaml is the
//                    previous spec. Only the default folder triggers `pnpm generate`.
//   --dry-run        print the report, write nothing
//   --json           print the report as JSON ({ bump, changes, notes }: spec:diff's, with notes)
//   --no-generate    do not run `pnpm generate` after writing spec/
//
// Exit codes: 0 done (whatever the bump); 1 an operation the project supports is gone
// upstream (nothing is written: drop it from the spec and the client first, on purpose);
// 2 a usage or input error.
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { compareDocuments } from "./spec-diff/compare.mjs";
import { renderReport } from "./spec-diff/report.mjs";
import { loadDocument } from "./spec-update/load.mjs";
import { selectSupported } from "./spec-update/select.mjs";
import { patchYaml } from "./spec-update/write.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const defaultOut = join(root, "spec");

let args;
try {
  args = parseArgs({
    options: {
      from: { type: "string" },
      out: { type: "string", default: defaultOut },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "no-generate": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  }).values;
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (args.help || !args.from) {
  (args.help ? console.log : console.error)("usage: pnpm spec:update --from <url-or-file> [--out DIR] [--dry-run] [--json] [--no-generate]");
  process.exit(args.help ? 0 : 2);
}

const out = resolvePath(args.out);
const specPath = join(out, "openapi.yaml");
const say = args.json ? () => {} : (line) => console.log(line);

let upstream, currentText;
try {
  upstream = await loadDocument(args.from);
  currentText = await readFile(specPath, "utf8");
} catch (error) {
  console.error(`spec:update: ${error.message}`);
  process.exit(2);
}
const current = parse(currentText);
const { spec, notes, missing, dropped } = selectSupported(upstream, current);
const report = compareDocuments(current, spec);
if (dropped.length > 0) notes.push(`left out, as the project does not use them: ${dropped.join(", ")}`);

if (args.json) {
  console.log(JSON.stringify({ ...report, notes }, null, 2));
} else {
  say(`spec:update: ${args.from} → ${relative(process.cwd(), specPath) || specPath}`);
  say(`Kept ${Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).filter((k) => /^(get|put|post|delete|options|head|patch|trace)$/.test(k)).length, 0)} operation(s) and ${Object.values(spec.components ?? {}).reduce((n, group) => n + Object.keys(group).length, 0)} component(s); left out ${dropped.length} upstream operation(s) the project does not support.`);
  say("");
  say(renderReport(report, { notes, empty: "No changes to the supported operations." }));
}

if (missing.length > 0) {
  console.error(`\nUpstream no longer has ${missing.join(", ")}. Nothing was written: if that is intended, remove the operation from ${relative(process.cwd(), specPath)} (and the client) first.`);
  process.exit(1);
}
if (args["dry-run"]) process.exit(0);

const text = patchYaml(currentText, current, spec);
if (text === currentText) {
  say(`\n${relative(process.cwd(), specPath)} is unchanged.`);
  process.exit(0);
}
await writeFile(specPath, text);
say(`\nwrote ${relative(process.cwd(), specPath)}`);

if (out === defaultOut && !args["no-generate"]) {
  const generated = spawnSync(process.execPath, [join(root, "scripts/generate.mjs")], { stdio: args.json ? "ignore" : "inherit" });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
if (report.bump !== "none") {
  say(`
Next: review \`git diff spec/ packages/client/src/generated/\` and the report above; run \`pnpm test\`
(the contract tests compare the invitation operation with spec/sources/ and check every example);
then \`pnpm changeset\`: "@dcloud/client": ${report.bump}${report.bump === "patch" ? "" : ', and "@dcloud/cli" (it bundles the client): at least patch'}.`);
}
