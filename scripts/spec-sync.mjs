#!/usr/bin/env node
// `pnpm spec:sync --from <url-or-file> [--json]`: the whole routine when deepset's API moves, in
// one command: `spec:update` (the same comparison and the same exit codes), `pnpm generate`,
// then a changeset written from the comparison (spec-sync/changeset.mjs): @dcloud/client at the
// bump the changes imply, @dcloud/cli at patch, the changes as its text. When the spec does not
// change, nothing at all is written ("no change").
//
//   --from URL|FILE  the upstream document (required)
//   --json           print {"bump", "changes", "notes", "changeset": ".changeset/….md" | null}
//   --root DIR       the repository to sync (default: this one): DIR/spec/openapi.yaml,
//                    DIR/packages/client/src/generated/, DIR/.changeset/
//
// Exit codes: 0 synced, or no change; 1 an operation the project supports is gone upstream
// (nothing written); 2 a usage error, or a document that cannot be read or is not OpenAPI 3.x
// (the message names the file and the place).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readCommandLine } from "./command-line.mjs";
import { renderReport } from "./spec-diff/report.mjs";
import { changesetName, renderChangeset } from "./spec-sync/changeset.mjs";

const scripts = fileURLToPath(new URL(".", import.meta.url));
const USAGE = "usage: pnpm spec:sync --from <url-or-file> [--json]";

const { values: args } = readCommandLine({
  name: "spec:sync",
  usage: USAGE,
  options: { from: { type: "string" }, json: { type: "boolean", default: false }, root: { type: "string" } },
  required: ["from"],
});
const root = args.root === undefined ? join(scripts, "..") : resolve(args.root);
const specDir = join(root, "spec");
const specPath = join(specDir, "openapi.yaml");
/** @type {(line: string) => void} */
const say = args.json ? () => {} : (line) => console.log(line);
/** @param {string} path */
const shown = (path) => relative(process.cwd(), path) || path;

if (!existsSync(specPath) || !existsSync(join(root, ".changeset"))) {
  console.error(`spec:sync: ${shown(root)} has no spec/openapi.yaml or no .changeset/: not the repository`);
  process.exit(2);
}

// 1. spec:update, as it is: the same reading, comparison, notes and exit codes.
const before = readFileSync(specPath, "utf8");
const updated = spawnSync(
  process.execPath,
  [join(scripts, "spec-update.mjs"), "--from", args.from, "--out", specDir, "--json", "--no-generate"],
  { encoding: "utf8", env: { ...process.env, INIT_CWD: "" }, stdio: ["ignore", "pipe", "pipe"] },
);
process.stderr.write(updated.stderr.replaceAll("spec:update: ", "spec:sync: "));
if (updated.status !== 0) {
  // 1: the report says which operation is gone; nothing was written.
  if (updated.status === 1 && updated.stdout)
    console.log(args.json ? updated.stdout.trimEnd() : renderReport(JSON.parse(updated.stdout)));
  process.exit(updated.status ?? 2);
}
/** @type {import("./spec-diff/compare.mjs").Comparison & { notes: string[] }} */
const report = JSON.parse(updated.stdout);
const after = readFileSync(specPath, "utf8");

if (after === before) {
  if (args.json)
    console.log(JSON.stringify({ bump: "none", changes: [], notes: report.notes, changeset: null }, null, 2));
  say(`spec:sync: ${args.from} → ${shown(specPath)}: no change.`);
  process.exit(0);
}

// 2. pnpm generate: types, validators and status words from the new spec.
const generated = spawnSync(
  process.execPath,
  [join(scripts, "generate.mjs"), "--spec", specPath, "--out", join(root, "packages/client/src/generated")],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (generated.status !== 0) {
  console.error(`spec:sync: pnpm generate failed on the new ${shown(specPath)} (written; review it)`);
  process.exit(generated.status ?? 1);
}

// 3. The changeset, from the comparison.
const changeset = join(root, ".changeset", changesetName(after));
writeFileSync(changeset, renderChangeset(report));

if (args.json) {
  console.log(JSON.stringify({ ...report, changeset: relative(root, changeset) }, null, 2));
  process.exit(0);
}
say(`spec:sync: ${args.from} → ${shown(specPath)}\n`);
say(renderReport(report, { notes: report.notes, empty: "No changes to the supported operations." }));
say(`\nwrote ${shown(specPath)}, packages/client/src/generated/ and ${shown(changeset)}`);
const lint = report.notes.some((note) => note.startsWith("the spec lint will fail"));
const steps = [
  "Review `git diff` against the report above, and the changeset's text (it becomes the changelog entry).",
  ...(lint ? ["Fix by hand what the notes say the spec lint will refuse (examples that no longer fit)."] : []),
  "`pnpm test`: the generated code, the spec lint, the invitation operation word for word against\n" +
    "     spec/sources/invite-user-to-organization.mdx, and the client and the CLI against a Prism mock of the new spec.",
  "Commit and open a pull request; merging it releases through the version pull request.",
];
say(`\nNext:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join("\n")}`);
