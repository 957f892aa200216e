// The third-party packages a release's packages depend on (openapi-fetch and what it needs),
// found where the clone's install put them: the rehearsal's registry serves these copies, so
// that it needs no other registry and no network.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * Every package that `dependencies` of the packages in `dirs` need, transitively, each once
 * (by name and version), as the folder it is installed in.
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function thirdPartyDependencies(dirs) {
  /** @type {Map<string, string>} */
  const found = new Map();
  /** @param {string} dir */
  const visit = (dir) => {
    const manifest = /** @type {{ dependencies?: Record<string, string> }} */ (
      JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    );
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (name.startsWith("@dcloud/")) continue;
      const installed = installedDir(dir, name);
      const { version } = /** @type {{ version: string }} */ (
        JSON.parse(readFileSync(join(installed, "package.json"), "utf8"))
      );
      if (found.has(`${name}@${version}`)) continue;
      found.set(`${name}@${version}`, installed);
      visit(installed);
    }
  };
  for (const dir of dirs) visit(dir);
  return [...found.values()];
}

/**
 * Where Node would find `name` from `dir` (its node_modules, then its parents'), resolved.
 * @param {string} dir
 * @param {string} name
 */
function installedDir(dir, name) {
  const candidates = createRequire(join(dir, "package.json")).resolve.paths(name) ?? [];
  for (const base of candidates) {
    const candidate = join(base, name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
  }
  throw new Error(`${name}, a dependency of ${dir}, is not installed`);
}
