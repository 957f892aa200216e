#!/usr/bin/env node
// `pnpm spec:update --from <url-or-file>`: takes deepset's upstream OpenAPI document (JSON or
// YAML, OpenAPI 3.0 or 3.1, a URL or a file), keeps the operations spec/openapi.yaml supports
// with every component they reference, writes spec/openapi.yaml, regenerates the client's
// types and validators (`pnpm generate`), and prints what changed for a client against the
// previous spec, with the semver bump it implies (the comparison of `pnpm spec:diff`). What is
// kept from the current spec and why: spec-update/select.mjs; the spec's names for the schemas
// that upstream names otherwise: spec-update/names.mjs.
//
//   --from URL|FILE  the upstream document (required)
//   --out DIR        the spec folder to update (default: spec/); its openapi.yaml is the
//                    previous spec. Only the default folder triggers `pnpm generate`.
//   --dry-run        print the report, write nothing
//   --json           print the report as JSON: spec:diff's { bump, changes }, with notes
//   --no-generate    do not run `pnpm generate` after writing spec/
//
// Exit codes: 0 updated (or, with --dry-run, reported), whatever the bump; 1 an operation the
// project supports is gone upstream (nothing is written: drop it from the spec and the client
// first, on purpose); 2 a usage error, or a document that cannot be read or is not OpenAPI 3.x
// (the message names the file and the place).
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine } from "./command-line.mjs";
import { DocumentError, loadDocument, operationsOf, parseDocumentText } from "./openapi/index.mjs";
import { renderReport } from "./spec-diff/report.mjs";
import { planUpdate } from "./spec-update/plan.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const defaultOut = join(root, "spec");
const USAGE = "usage: pnpm spec:update --from <url-or-file> [--out DIR] [--dry-run] [--json] [--no-generate]";

const { values: args } = readCommandLine({
  name: "spec:update",
  usage: USAGE,
  options: {
    from: { type: "string" },
    out: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    "no-generate": { type: "boolean", default: false },
  },
  required: ["from"],
});
const out = args.out === undefined ? defaultOut : resolve(args.out);
const specPath = join(out, "openapi.yaml");
const shown = relative(process.cwd(), specPath) || specPath;
/** @type {(line: string) => void} */
const say = args.json ? () => {} : (line) => console.log(line);

let upstream;
let current;
let currentText;
try {
  upstream = await loadDocument(args.from, { allowUrl: true });
  currentText = await readFile(specPath, "utf8").catch(() => {
    throw new DocumentError(`${shown}: cannot read it`);
  });
  current = parseDocumentText(currentText, shown);
} catch (error) {
  if (!(error instanceof DocumentError)) throw error;
  console.error(`spec:update: ${error.message}`);
  process.exit(2);
}
const { spec, text, report, notes, missing, dropped } = planUpdate(upstream, {
  document: current.document,
  text: currentText,
});

if (args.json) {
  console.log(JSON.stringify({ ...report, notes }, null, 2));
} else {
  const kept = operationsOf(spec, { requireOperationId: false }).length;
  const components = Object.values(spec.components ?? {}).reduce((n, group) => n + Object.keys(group ?? {}).length, 0);
  say(`spec:update: ${args.from} → ${shown}`);
  say(`Kept ${kept} operation(s) and ${components} component(s); left out ${dropped.length} upstream operation(s).\n`);
  say(renderReport(report, { notes, empty: "No changes to the supported operations." }));
}

if (missing.length > 0) {
  console.error(
    `\nUpstream no longer has ${missing.join(", ")}. Nothing was written: if that is intended, remove the operation from ${shown} (and the client) first.`,
  );
  process.exit(1);
}
if (args["dry-run"]) process.exit(0);
if (text === currentText) {
  say(`\n${shown} is unchanged.`);
  process.exit(0);
}
await writeFile(specPath, text);
say(`\nwrote ${shown}`);

const generate = out === defaultOut && !args["no-generate"];
if (generate) {
  const generated = spawnSync(process.execPath, [join(root, "scripts/generate.mjs")], {
    stdio: args.json ? "ignore" : "inherit",
  });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
}
const lintNotes = notes.some((note) => note.startsWith("the spec lint will fail"));
const steps = [
  `Review \`git diff ${relative(process.cwd(), out) || "."}${generate ? " packages/client/src/generated/" : ""}\` against the report above.`,
  ...(lintNotes
    ? ["Fix by hand what the notes say the spec lint will refuse (examples that no longer fit their schemas)."]
    : []),
  "`pnpm test`: it checks that the generated code is current, lints the spec, compares the invitation\n" +
    "     operation word for word with spec/sources/invite-user-to-organization.mdx (the API's page: if\n" +
    "     deepset changed it too, update that file from the page), and runs the client and the CLI against\n" +
    "     a Prism mock of the new spec.",
  report.bump === "none"
    ? "`pnpm changeset --empty`: nothing changed for a client, but spec/ did, and CI asks for a changeset."
    : `\`pnpm changeset\`: "@dcloud/client": ${report.bump}, and "@dcloud/cli" (it bundles the client): at least patch.`,
];
say(`\nNext:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join("\n")}`);
