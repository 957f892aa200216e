// What `pnpm version-packages` is to make of the pending changesets, and the check that the
// release workflow runs the commands the rehearsal runs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PUBLISHED } from "./packages.mjs";

const BUMPS = ["patch", "minor", "major"];

/** The published packages' versions: { name: version }. */
export function readVersions(repo) {
  return Object.fromEntries(PUBLISHED.map(({ name, dir }) => [name, JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")).version]));
}

/** The pending changesets: `{ releases: { name: bump }, summary }` each. */
export function readChangesets(repo) {
  const dir = join(repo, ".changeset");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .map((file) => {
      const [, front, summary] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n")) ?? [];
      return { releases: parse(front ?? "") ?? {}, summary: (summary ?? "").trim() };
    });
}

export const largestBump = (changesets) => BUMPS[Math.max(...changesets.flatMap((c) => Object.values(c.releases).map((bump) => BUMPS.indexOf(bump))))];

/** The published packages form one fixed group: all take the highest current version, bumped by the largest bump. */
export function expectedVersion(before, changesets) {
  const [major, minor, patch] = Object.values(before)
    .map((version) => version.split(".").map(Number))
    .sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2])[0];
  return { major: `${major + 1}.0.0`, minor: `${major}.${minor + 1}.0`, patch: `${major}.${minor}.${patch + 1}` }[largestBump(changesets)];
}

/** release.yml's changesets/action step runs `npx -y pnpm@<packageManager's version> version-packages` and `… release`. */
export function workflowProblems(repo) {
  const file = ".github/workflows/release.yml";
  const pnpm = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).packageManager;
  const steps = Object.values(parse(readFileSync(join(repo, file), "utf8")).jobs ?? {}).flatMap((job) => job.steps ?? []);
  const action = steps.find((step) => String(step.uses ?? "").startsWith("changesets/action@"));
  if (!action) return [`${file}: no changesets/action step`];
  return [
    ["version", "version-packages"],
    ["publish", "release"],
  ]
    .filter(([input, script]) => action.with?.[input] !== `npx -y ${pnpm} ${script}`)
    .map(([input, script]) => `${file}: changesets/action's ${input} is "${action.with?.[input]}", not "npx -y ${pnpm} ${script}", the command rehearsed`);
}
