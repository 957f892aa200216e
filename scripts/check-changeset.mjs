#!/usr/bin/env node
// CI on pull requests: a change a user of @dcloud/client or @dcloud/cli can notice carries a
// changeset. Fails when the branch changes files under packages/<public package>/src or spec/
// (compared with the merge base of --base, default origin/main) without adding a
// .changeset/*.md file. A change users cannot notice (a refactor, a comment) takes an empty
// changeset: `pnpm changeset --empty`. Private packages (contract-tests, release-tests) are exempt.
//
// The semver guard: spec/openapi.yaml at HEAD is compared with the merge base's through
// spec:diff's comparison. A change that implies a major (or minor) bump of @dcloud/client needs a
// new changeset giving @dcloud/client at least that bump; the failure names the changes that
// demand it. (A smaller change needs only some changeset, as above.)
//
//   node scripts/check-changeset.mjs [--base REF] [--cwd DIR]
//
// Exit codes: 0 passed; 1 a changeset is missing or too small; 2 the base cannot be found, or
// a spec cannot be read (naming the place).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DocumentError, parseDocumentText } from "./openapi/index.mjs";
import { parseChangeset } from "./release/versioning.mjs";
/** @import { Level } from "./spec-diff/compare.mjs" */
import { compareDocuments, higher, LEVELS } from "./spec-diff/compare.mjs";

const { values } = parseArgs({
  options: {
    base: {
      type: "string",
      default: process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : "origin/main",
    },
    cwd: { type: "string", default: process.cwd() },
  },
});
/** @param {...string} args */
const git = (...args) => execFileSync("git", args, { cwd: values.cwd, encoding: "utf8" }).trim();

/** @type {string} */
let mergeBase;
try {
  mergeBase = git("merge-base", values.base, "HEAD");
} catch {
  console.error(
    `check-changeset: cannot find the merge base of ${values.base} and HEAD (fetch the base branch, with enough history: actions/checkout with fetch-depth: 0)`,
  );
  process.exit(2);
}
/** @param {string} text */
const lines = (text) => text.split("\n").filter(Boolean);
const changed = lines(git("diff", "--name-only", "--no-renames", `${mergeBase}...HEAD`));
const addedChangesets = lines(
  git("diff", "--name-only", "--diff-filter=A", `${mergeBase}...HEAD`, "--", ".changeset/"),
).filter((f) => /^\.changeset\/[^/]+\.md$/.test(f) && f !== ".changeset/README.md");

/** @param {string} dir a folder under packages/ */
const isPrivate = (dir) => {
  const path = join(values.cwd, "packages", dir, "package.json");
  // A package removed on this branch: ask the merge base.
  const text = existsSync(path)
    ? readFileSync(path, "utf8")
    : (() => {
        try {
          return git("show", `${mergeBase}:packages/${dir}/package.json`);
        } catch {
          return "{}";
        }
      })();
  return /** @type {{ private?: unknown }} */ (JSON.parse(text)).private === true;
};
const needs = changed.filter((f) => {
  if (f.startsWith("spec/")) return true;
  const m = /^packages\/([^/]+)\/src\//.exec(f);
  return m !== null && !isPrivate(/** @type {string} */ (m[1]));
});

const SPEC = "spec/openapi.yaml";
if (changed.includes(SPEC)) guardSemver();

/** Fails (exit 1) when the spec's change implies a bigger bump of the client than the new changesets give it. */
function guardSemver() {
  /** @param {string} ref */
  const specAt = (ref) => {
    let text;
    try {
      text = git("show", `${ref}:${SPEC}`);
    } catch {
      return null; // not there (added or removed on this branch): the rest of the check decides
    }
    return parseDocumentText(text, `${SPEC} at ${ref === "HEAD" ? "HEAD" : values.base}`).document;
  };
  let report;
  try {
    const [base, head] = [specAt(mergeBase), specAt("HEAD")];
    if (!base || !head) return;
    report = compareDocuments(base, head);
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    console.error(`check-changeset: ${error.message}`);
    process.exit(2);
  }
  const needed = report.bump;
  if (needed !== "major" && needed !== "minor") return;
  /** @type {Level | "none"} */
  let given = "none";
  for (const file of addedChangesets) {
    const bump = parseChangeset(git("show", `HEAD:${file}`)).releases["@dcloud/client"];
    if (bump === "major" || bump === "minor" || bump === "patch") given = higher(given, bump);
  }
  if (LEVELS.indexOf(given) >= LEVELS.indexOf(needed)) return;
  const demanding = report.changes.filter((c) => c.level === needed);
  const found =
    addedChangesets.length === 0
      ? "there is no new changeset"
      : `the new changesets give it ${given === "none" ? "no bump" : given}`;
  console.error(
    `check-changeset: ${SPEC} changed in a way that implies a ${needed} bump of @dcloud/client, but ${found}. The ${needed} changes:\n` +
      demanding.map((c) => `  - ${c.operation}, ${c.where}: ${c.message}`).join("\n") +
      `\n\nRun \`pnpm changeset\` and give "@dcloud/client" ${needed} (and "@dcloud/cli" at least patch), or \`pnpm spec:sync\`, which writes that changeset itself.`,
  );
  process.exit(1);
}

if (needs.length === 0) {
  console.log("check-changeset: no change under packages/*/src or spec/ that users can notice; no changeset needed.");
} else if (addedChangesets.length > 0) {
  console.log(
    `check-changeset: ${needs.length} file(s) under packages/*/src or spec/ changed, described by ${addedChangesets.join(", ")}.`,
  );
} else {
  console.error(
    `check-changeset: these files changed without a new changeset:\n${needs.map((f) => `  ${f}`).join("\n")}\n\nRun \`pnpm changeset\` (or \`pnpm changeset --empty\` for a change users cannot notice) and commit the .changeset/*.md file.`,
  );
  process.exit(1);
}
