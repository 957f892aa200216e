#!/usr/bin/env node
// CI on pull requests: a change a user of @dcloud/client or @dcloud/cli can notice carries a
// changeset. Fails when the branch changes files under packages/<public package>/src or spec/
// (compared with the merge base of --base, default origin/main) without adding a
// .changeset/*.md file. A change users cannot notice (a refactor, a comment) takes an empty
// changeset: `pnpm changeset --empty`. Private packages (contract-tests, release-tests) are exempt.
//
//   node scripts/check-changeset.mjs [--base REF] [--cwd DIR]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

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
