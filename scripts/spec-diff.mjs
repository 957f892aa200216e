#!/usr/bin/env node
// `pnpm spec:diff BASE REVISED [--json]`: compares two OpenAPI documents (3.0 or 3.1, YAML or
// JSON, file paths), every operation of both, from a client's point of view, and prints each
// change with its level and the semver bump they imply. The rules: spec-diff/compare.mjs.
//
//   --json  print {"bump": "major"|"minor"|"patch"|"none", "changes": [{"level", "operation", "where", "message"}]};
//           the notes (how a document was read: OpenAPI 3.0 converted, a pattern compared as
//           text) go to stderr, one `spec:diff: note: …` line each, so stdout keeps that shape
//
// Exit codes: 0 whatever it finds; 2 a usage error, or a document it cannot read (the message
// names the file and the place).
import { readCommandLine } from "./command-line.mjs";
import { DocumentError, loadDocument } from "./openapi/index.mjs";
import { compareDocuments } from "./spec-diff/compare.mjs";
import { renderReport } from "./spec-diff/report.mjs";

const USAGE = "usage: pnpm spec:diff BASE REVISED [--json]";
const { values, positionals, usageError } = readCommandLine({
  name: "spec:diff",
  usage: USAGE,
  options: { json: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (positionals.length !== 2) usageError(`expected two documents, got ${positionals.length}`);
const [basePath, revisedPath] = /** @type {[string, string]} */ (positionals);

let base;
let revised;
try {
  [base, revised] = await Promise.all([loadDocument(basePath), loadDocument(revisedPath)]);
} catch (error) {
  if (!(error instanceof DocumentError)) throw error;
  console.error(`spec:diff: ${error.message}`);
  process.exit(2);
}

const { bump, changes } = compareDocuments(base.document, revised.document);
const notes = [...base.notes, ...revised.notes];
if (values.json) {
  for (const note of notes) console.error(`spec:diff: note: ${note}`);
  console.log(JSON.stringify({ bump, changes }, null, 2));
} else {
  console.log(`spec:diff: ${basePath} → ${revisedPath}\n`);
  console.log(renderReport({ bump, changes }, { notes }));
}
