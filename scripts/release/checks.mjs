// What the release rehearsal checks on what a registry serves, as functions of plain data, so
// that each can be shown to fail on a bad package. Each returns a list of problems (strings);
// an empty list means the check passed.

/**
 * A package.json as publishing packs it or as a registry serves it: the fields checked here.
 * @typedef {object} Manifest
 * @property {string} name
 * @property {string} version
 * @property {string | Record<string, string>} [bin]
 * @property {Record<string, string>} [dependencies]
 * @property {Record<string, string>} [devDependencies]
 * @property {Record<string, string>} [peerDependencies]
 * @property {Record<string, string>} [optionalDependencies]
 * @property {{ access?: string }} [publishConfig]
 * @property {{ type?: string, url?: string, directory?: string }} [repository]
 */

const DEPENDENCY_FIELDS = /** @type {const} */ ([
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
]);
// Ranges that mean something only inside a workspace or on the publisher's disk.
const LOCAL_RANGE = /^(workspace|link|file|portal|catalog):/;

/**
 * A published manifest names only versions a user can install: no `workspace:` (or other
 * local) range left in, and every package of the release (`released`: name → version) at the
 * version that was released with it.
 * @param {Manifest} manifest
 * @param {Record<string, string>} released
 */
export function dependencyProblems(manifest, released) {
  /** @type {string[]} */
  const problems = [];
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const where = `${manifest.name}@${manifest.version} ${field}["${name}"]`;
      if (LOCAL_RANGE.test(range)) problems.push(`${where} is "${range}": a local range was published`);
      else if (name in released && range !== released[name])
        problems.push(`${where} is "${range}", not the version released with it (${released[name]})`);
    }
  }
  return problems;
}

/**
 * Every `bin` of a published manifest points at a file in its tarball (`files`: paths as `tar -t` lists them).
 * @param {Manifest} manifest
 * @param {string[]} files
 */
export function binProblems(manifest, files) {
  const bins =
    typeof manifest.bin === "string"
      ? { [/** @type {string} */ (manifest.name.split("/").pop())]: manifest.bin }
      : (manifest.bin ?? {});
  const inTarball = new Set(files.map((file) => file.replace(/^package\//, "")));
  return Object.entries(bins)
    .filter(([, path]) => !inTarball.has(path.replace(/^\.\//, "")))
    .map(
      ([name, path]) => `${manifest.name}@${manifest.version} bin "${name}" → ${path} is not in the published tarball`,
    );
}

/**
 * `npm view NAME versions` lists exactly the versions this run published, no more, no fewer.
 * @param {string} name
 * @param {string | string[]} listed what `npm view --json` printed: one version is a string
 * @param {string[]} published
 */
export function versionsProblems(name, listed, published) {
  const have = [listed].flat().sort();
  const want = [...published].sort();
  return JSON.stringify(have) === JSON.stringify(want)
    ? []
    : [`${name}: the registry lists ${JSON.stringify(have)}, published were ${JSON.stringify(want)}`];
}

/**
 * The newest CHANGELOG.md section is the released version and holds each expected entry.
 * @param {string} file
 * @param {string} text
 * @param {string} version
 * @param {string[]} entries
 */
export function changelogProblems(file, text, version, entries) {
  const sections = text.split(/^## /m).slice(1);
  const newest = sections[0] ?? "";
  const heading = /** @type {string} */ (newest.split("\n")[0]).trim();
  if (heading !== version) return [`${file}: the newest section is "${heading || "(none)"}", not "${version}"`];
  return entries
    .filter((entry) => !newest.includes(entry))
    .map((entry) => `${file}: the ${version} section lacks "${entry}"`);
}
