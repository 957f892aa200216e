#!/usr/bin/env node
// spec/openapi.yaml → packages/client/src/generated/*.
// The generated files are committed and never edited by hand; `--check` regenerates in
// memory and fails when the committed files differ (CI runs it, so drift cannot land).
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const specPath = `${root}spec/openapi.yaml`;
// `--out DIR` writes (or checks) elsewhere; the tests use it to prove `--check` catches edits.
const outFlag = process.argv.indexOf("--out");
const outDir = outFlag > 0 ? process.argv[outFlag + 1] : `${root}packages/client/src/generated`;

const header = (what) =>
  `// ${what}\n// Generated from spec/openapi.yaml by \`pnpm generate\`. Do not edit by hand.\n\n`;

/** Each entry: a file path and a function that produces its whole text. */
const targets = [
  {
    path: `${outDir}/openapi.ts`,
    async render() {
      const ast = await openapiTS(pathToFileURL(specPath), {
        // `workspace_ids` has a default, so the server fills it in: callers may omit it.
        defaultNonNullable: false,
        alphabetize: true,
      });
      return header("Types of the deepset Cloud API's paths, operations and schemas.") + astToString(ast);
    },
  },
  {
    path: `${outDir}/responses.ts`,
    async render() {
      // The spec's own words for each status, so error messages say what the API's page says.
      const spec = parse(await readFile(specPath, "utf8"));
      const byOperation = {};
      for (const item of Object.values(spec.paths)) {
        for (const op of Object.values(item)) {
          if (!op || typeof op !== "object" || !op.operationId) continue;
          byOperation[op.operationId] = Object.fromEntries(
            Object.entries(op.responses ?? {}).map(([status, r]) => [status, r.description]),
          );
        }
      }
      return (
        header("The description the spec gives each response status, by operationId.") +
        `export const responseDescriptions = ${JSON.stringify(byOperation, null, 2)} as const satisfies Record<string, Record<number, string>>;\n`
      );
    },
  },
];

const check = process.argv.includes("--check");
let stale = 0;
for (const target of targets) {
  const text = await target.render();
  const name = relative(process.cwd(), target.path);
  if (check) {
    const committed = await readFile(target.path, "utf8").catch(() => null);
    if (committed !== text) {
      stale++;
      console.error(`✗ ${name} is ${committed === null ? "missing" : "stale or edited by hand"}`);
    } else {
      console.log(`✓ ${name} is up to date`);
    }
  } else {
    await mkdir(dirname(target.path), { recursive: true });
    await writeFile(target.path, text);
    console.log(`wrote ${name}`);
  }
}
if (stale > 0) {
  console.error(`\n${stale} generated file(s) differ from spec/openapi.yaml. Run \`pnpm generate\` and commit the result.`);
  process.exit(1);
}
