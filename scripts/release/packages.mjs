// The two published packages, packing them and linting a tarball: `pnpm lint:packages` (and so
// `pnpm release`) lints what it packs; the release rehearsal (and so `pnpm test`) lints what
// its registry serves after `pnpm release`.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./exec.mjs";

export const root = fileURLToPath(new URL("../..", import.meta.url));
/** @param {string} name */
const bin = (name) => join(root, "node_modules/.bin", name);

export const PUBLISHED = /** @type {const} */ ([
  { name: "@dcloud/client", dir: "packages/client" },
  { name: "@dcloud/cli", dir: "packages/cli" },
]);
/** @typedef {(typeof PUBLISHED)[number]["name"]} PublishedName */

/**
 * `pnpm pack` (which rewrites `workspace:*` ranges) of each published package into `destination`.
 * @param {string} destination
 */
export function packAll(destination) {
  return PUBLISHED.map(({ name, dir }) => {
    const { version } = /** @type {{ version: string }} */ (
      JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"))
    );
    execFileSync(bin("pnpm"), ["pack", "--pack-destination", destination], { cwd: join(root, dir), stdio: "pipe" });
    const tarball = join(destination, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
    return { name, dir, version, tarball };
  });
}

// attw's flags, by package, with the reason:
//   @dcloud/client  --profile esm-only: the package is ESM-only on purpose ("type": "module",
//                   exports with "types" then "default"). The profile leaves out the node10
//                   and node16-from-CommonJS resolutions, which would only report "CJS resolves
//                   to ESM"; CommonJS callers use require(esm) (Node 20.19+) or import().
//                   Everything else (types found, ESM types for ESM code) is checked.
//   @dcloud/cli     no flags: a bin-only package (no types, no entry point but ./package.json),
//                   so attw has nothing to judge and says "This package does not contain
//                   types"; it is still run so that a future entry point gets checked.
/** @type {Record<PublishedName, string[]>} */
const ATTW_FLAGS = { "@dcloud/client": ["--profile", "esm-only"], "@dcloud/cli": [] };

/**
 * publint (--strict: warnings fail too) and attw on a packed tarball, both at once.
 * @param {{ name: PublishedName, tarball: string }} pkg
 */
export async function lintTarball({ name, tarball }) {
  /**
   * @param {string} command
   * @param {string[]} args
   */
  const lint = async (command, args) => {
    const r = await run(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
    return {
      ok: r.code === 0,
      command: `${command.split("/").pop()} ${args.map((a) => a.replace(/^.*\//, "")).join(" ")}`,
      output: `${r.stdout}${r.stderr}`.trim(),
    };
  };
  const [publint, attw] = await Promise.all([
    lint(bin("publint"), ["run", tarball, "--strict"]),
    lint(bin("attw"), [tarball, "--format", "ascii", "--no-emoji", "--no-color", ...ATTW_FLAGS[name]]),
  ]);
  return { publint, attw };
}
