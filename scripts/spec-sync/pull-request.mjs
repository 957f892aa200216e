#!/usr/bin/env node
// The spec-sync workflow's pull request, from what `pnpm spec:sync --json` printed:
//
//   node scripts/spec-sync/pull-request.mjs SYNC_JSON BODY_FILE >> "$GITHUB_OUTPUT"
//
// writes the pull request's text (the changes by level, the notes, what to review) to
// BODY_FILE, and prints `bump=<major|minor|patch|none>` for the workflow's outputs.
import { readFileSync, writeFileSync } from "node:fs";
import { renderReport } from "../spec-diff/report.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/spec-sync/pull-request.mjs SYNC_JSON BODY_FILE");
  process.exit(2);
}
/** @type {import("../spec-diff/compare.mjs").Comparison & { notes: string[], changeset: string | null }} */
const sync = JSON.parse(readFileSync(input, "utf8"));
const body = [
  "`pnpm spec:sync` found deepset's API changed for the operations this project supports.",
  "",
  "```",
  renderReport(sync, { notes: sync.notes, empty: "No changes to the supported operations." }),
  "```",
  "",
  sync.changeset ? `The changeset \`${sync.changeset}\` describes it for the changelog: review its text.` : "",
  "Before merging: read `git diff spec/`; `pnpm test` (run by CI) checks the generated client, the spec lint, the",
  "invitation operation against spec/sources/invite-user-to-organization.mdx, and the client and CLI against a Prism mock.",
].join("\n");
writeFileSync(output, `${body}\n`);
console.log(`bump=${sync.bump}`);
