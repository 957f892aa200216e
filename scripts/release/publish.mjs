#!/usr/bin/env node
// The publishing step of `pnpm release` (release.yml runs `pnpm release`): every public package
// of the workspace whose version is not on the registry yet, published by pnpm, with npm
// provenance, then tagged in git (`changeset tag`, whose "New tag: name@version" lines tell
// changesets/action what was released, so that it pushes the tags and writes the GitHub releases).
//
// Why not `changeset publish`: it runs `pnpm publish` with flags of its own and no way to add
// one, and pnpm 12 makes provenance only when `--provenance` is on its command line: in GitHub
// Actions, NPM_CONFIG_PROVENANCE, `provenance=true` in .npmrc and publishConfig.provenance leave
// it publishing without asking for a sigstore identity. The release rehearsal runs this step as
// the workflow does, in a stand-in for GitHub Actions, and checks that it asks for one.
//
//   node scripts/release/publish.mjs [--no-provenance]
//
// --no-provenance is for the release rehearsal alone: outside CI there is no identity to sign
// with. In GitHub Actions, the packages' `repository` must name the repository the workflow runs
// in (npm refuses provenance otherwise): checked first, so that nothing is published half-way.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PUBLISHED, root } from "./packages.mjs";

/** The arguments of the `pnpm` command that publishes. @param {{ provenance: boolean }} options */
export const publishArguments = ({ provenance }) => [
  "publish",
  "--recursive",
  "--access",
  "public",
  "--no-git-checks",
  ...(provenance ? ["--provenance"] : []),
];

/**
 * Where a published package's `repository` does not name `repository` (`owner/name`, as
 * GITHUB_REPOSITORY says it) or lacks its folder.
 * @param {string} repository
 * @param {string} [dir] the repository's root
 */
export function repositoryProblems(repository, dir = root) {
  return PUBLISHED.flatMap(({ name, dir: folder }) => {
    const { repository: field } = /** @type {{ repository?: { url?: string, directory?: string } }} */ (
      JSON.parse(readFileSync(join(dir, folder, "package.json"), "utf8"))
    );
    const url = field?.url ?? "";
    const named = /^git\+https:\/\/github\.com\/([^/]+\/[^/]+?)\.git$/.exec(url)?.[1];
    const problems = [];
    if (named?.toLowerCase() !== repository.toLowerCase())
      problems.push(`${name}: repository.url is "${url}", not git+https://github.com/${repository}.git`);
    if (field?.directory !== folder)
      problems.push(`${name}: repository.directory is "${field?.directory}", not "${folder}"`);
    return problems;
  });
}

const isMain = process.argv[1] === new URL(import.meta.url).pathname;
if (isMain) {
  const provenance = !process.argv.includes("--no-provenance");
  if (process.env.GITHUB_ACTIONS === "true" && process.env.GITHUB_REPOSITORY) {
    const problems = repositoryProblems(process.env.GITHUB_REPOSITORY);
    if (problems.length > 0) {
      console.error(
        `release: refusing to publish: npm refuses provenance for a package that names another repository:\n  ${problems.join("\n  ")}`,
      );
      process.exit(1);
    }
  }
  /** @param {string} command @param {string[]} args */
  const run = (command, args) => {
    const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
    if (result.status !== 0) process.exit(result.status ?? 1);
  };
  run(join(root, "node_modules/.bin/pnpm"), publishArguments({ provenance }));
  run(join(root, "node_modules/.bin/changeset"), ["tag"]);
}
