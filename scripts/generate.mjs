#!/usr/bin/env node
// spec/openapi.yaml → packages/client/src/generated/*: the types (openapi-typescript), each
// operation's run-time facts (method, path, success statuses, the spec's words for every
// status) and its request validators (Ajv standalone code).
// The generated files are committed and never edited by hand; `--check` regenerates in
// memory and fails when the committed files differ, so drift cannot land.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { renderOperations } from "./generate/operations.mjs";
import { renderTypes } from "./generate/types.mjs";
import { renderBodyValidators, renderParameterValidators } from "./generate/validators.mjs";
import { loadDocument } from "./openapi/index.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
/** The value after `flag` on the command line, if any. @param {string} flag */
const option = (flag) => {
  const at = process.argv.indexOf(flag);
  return (at > 0 && process.argv[at + 1]) || undefined;
};
// `--spec FILE` reads another spec and `--out DIR` writes (or checks) elsewhere: spec:sync on
// another copy of the repository, and the tests (`--check` catches edits; a spec with one more
// operation generates a client that still compiles).
const specPath = option("--spec") ?? join(root, "spec/openapi.yaml");
const outDir = option("--out") ?? join(root, "packages/client/src/generated");
const check = process.argv.includes("--check");

/** @param {string} what */
const header = (what) =>
  `// ${what}\n// Generated from spec/openapi.yaml by \`pnpm generate\`. Do not edit by hand.\n\n`;

const { document: spec } = await loadDocument(specPath);
/** @type {[file: string, what: string, render: () => string | Promise<string>][]} */
const targets = [
  ["openapi.ts", "Types of the deepset Cloud API's paths, operations and schemas.", () => renderTypes(specPath)],
  [
    "operations.ts",
    "Each operation's method, path, success statuses, status descriptions and validators.",
    () => renderOperations(spec),
  ],
  [
    "body-validators.ts",
    "Validators of each operation's JSON request body, by operationId.",
    () => renderBodyValidators(spec),
  ],
  [
    "parameter-validators.ts",
    "Validators of each operation's parameters (as sent: text, coerced), by operationId.",
    () => renderParameterValidators(spec),
  ],
];

let stale = 0;
for (const [file, what, render] of targets) {
  const path = join(outDir, file);
  const text = header(what) + (await render());
  const name = relative(process.cwd(), path);
  if (check) {
    const committed = await readFile(path, "utf8").catch(() => null);
    if (committed === text) {
      console.log(`✓ ${name} is up to date`);
    } else {
      stale++;
      console.error(`✗ ${name} is ${committed === null ? "missing" : "stale or edited by hand"}`);
    }
  } else {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    console.log(`wrote ${name}`);
  }
}
if (stale > 0) {
  console.error(
    `\n${stale} generated file(s) differ from spec/openapi.yaml. Run \`pnpm generate\` and commit the result.`,
  );
  process.exit(1);
}
