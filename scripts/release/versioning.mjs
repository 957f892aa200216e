// What `pnpm version-packages` is to make of the pending changesets, and the check that the
// release workflow runs the commands the rehearsal runs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PUBLISHED } from "./packages.mjs";

/** @import { PublishedName } from "./packages.mjs" */

/**
 * @typedef {"patch" | "minor" | "major"} Bump
 * @typedef {{ releases: Record<string, string>, summary: string }} Changeset `releases`: name → bump, as its front matter says
 * @typedef {[major: number, minor: number, patch: number]} VersionNumbers
 * @typedef {{ uses?: unknown, with?: Record<string, unknown> }} WorkflowStep
 * @typedef {{ jobs?: Record<string, { steps?: WorkflowStep[] }> }} Workflow the parts of a workflow file read here
 */

/** @type {Bump[]} */
const BUMPS = ["patch", "minor", "major"];

/**
 * The published packages' versions: { name: version }.
 * @param {string} repo
 * @returns {Record<PublishedName, string>}
 */
export function readVersions(repo) {
  return /** @type {Record<PublishedName, string>} */ (
    Object.fromEntries(
      PUBLISHED.map(({ name, dir }) => [
        name,
        /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8"))).version,
      ]),
    )
  );
}

/**
 * The pending changesets: `{ releases: { name: bump }, summary }` each.
 * @param {string} repo
 * @returns {Changeset[]}
 */
export function readChangesets(repo) {
  const dir = join(repo, ".changeset");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => parseChangeset(readFileSync(join(dir, file), "utf8")));
}

/**
 * One changeset file: its front matter (package → bump; none in an empty changeset) and summary.
 * @param {string} text
 * @returns {Changeset}
 */
export function parseChangeset(text) {
  const [, front, summary] = /^---\n([\s\S]*?)\n?---\n([\s\S]*)$/.exec(text.replace(/\r\n/g, "\n")) ?? [];
  return {
    releases: /** @type {Record<string, string>} */ (parse(front ?? "") ?? {}),
    summary: (summary ?? "").trim(),
  };
}

/**
 * The largest bump the changesets ask for; undefined when none asks for a patch, minor or major.
 * @param {Changeset[]} changesets
 * @returns {Bump | undefined}
 */
export const largestBump = (changesets) =>
  BUMPS[
    Math.max(
      ...changesets.flatMap((c) => Object.values(c.releases).map((bump) => BUMPS.indexOf(/** @type {Bump} */ (bump)))),
    )
  ];

/**
 * The published packages form one fixed group: all take the highest current version, bumped by the largest bump.
 * @param {Record<string, string>} before name → version, at least one
 * @param {Changeset[]} changesets
 * @returns {string | undefined} undefined when no changeset asks for a bump
 */
export function expectedVersion(before, changesets) {
  const [major, minor, patch] = /** @type {VersionNumbers} */ (
    Object.values(before)
      .map((version) => /** @type {VersionNumbers} */ (version.split(".").map(Number)))
      .sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2])[0]
  );
  const bump = largestBump(changesets);
  return (
    bump &&
    { major: `${major + 1}.0.0`, minor: `${major}.${minor + 1}.0`, patch: `${major}.${minor}.${patch + 1}` }[bump]
  );
}

/**
 * release.yml's changesets/action step runs `npx -y pnpm@<packageManager's version> version-packages` and `… release`.
 * @param {string} repo
 */
export function workflowProblems(repo) {
  const file = ".github/workflows/release.yml";
  const pnpm = /** @type {{ packageManager?: string }} */ (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")))
    .packageManager;
  const steps = Object.values(
    /** @type {Workflow} */ (parse(readFileSync(join(repo, file), "utf8"))).jobs ?? {},
  ).flatMap((job) => job.steps ?? []);
  const action = steps.find((step) => String(step.uses ?? "").startsWith("changesets/action@"));
  if (!action) return [`${file}: no changesets/action step`];
  return /** @type {[input: string, script: string][]} */ ([
    ["version", "version-packages"],
    ["publish", "release"],
  ])
    .filter(([input, script]) => action.with?.[input] !== `npx -y ${pnpm} ${script}`)
    .map(
      ([input, script]) =>
        `${file}: changesets/action's ${input} is "${action.with?.[input]}", not "npx -y ${pnpm} ${script}", the command rehearsed`,
    );
}
