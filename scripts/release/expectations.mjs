// What this project's published packages are to be, checked on what the registry serves
// (`inspected`: name → registry.inspect()), and the first script a user of the client writes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dependencyProblems } from "./checks.mjs";
import { PUBLISHED } from "./packages.mjs";

/** @import { Manifest } from "./checks.mjs" */
/** @import { PublishedName } from "./packages.mjs" */
/** @import { Inspection } from "./registry.mjs" */

/** The CLI's JSON Schemas, in the repository: each is published. */
const CLI_SCHEMAS = new URL("../../packages/cli/schemas/", import.meta.url);

/** @typedef {{ [Name in PublishedName]: Inspection<Name> }} Inspected what the registry serves for each published package */

/**
 * The packed manifests: what publishing made of each package.json.
 * @param {string} repo
 * @param {Inspected} inspected
 * @param {Record<string, string>} released name → version
 */
export function manifestProblems(repo, inspected, released) {
  /** @type {string[]} */
  const problems = [];
  for (const { name, dir } of PUBLISHED) {
    const { packed, served } = inspected[name];
    problems.push(...dependencyProblems(packed, released), ...dependencyProblems(served, released));
    if (packed.publishConfig?.access !== "public")
      problems.push(
        `${name}: publishConfig.access is ${packed.publishConfig?.access}, not public (npm publishes a scoped package restricted otherwise)`,
      );
    // npm provenance ties the package to the repository and folder it was built from.
    if (
      !/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/.test(packed.repository?.url ?? "") ||
      packed.repository?.directory !== dir
    )
      problems.push(
        `${name}: repository is ${JSON.stringify(packed.repository)}, not a GitHub repository's git+https URL with directory "${dir}" (provenance needs it)`,
      );
    const own = /** @type {Manifest} */ (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")));
    if (JSON.stringify(packed.dependencies ?? {}) !== JSON.stringify(own.dependencies ?? {}))
      problems.push(
        `${name}: published dependencies ${JSON.stringify(packed.dependencies)} differ from package.json's ${JSON.stringify(own.dependencies)}`,
      );
  }
  const client = inspected["@dcloud/client"].packed;
  if (JSON.stringify(Object.keys(client.dependencies ?? {})) !== '["openapi-fetch"]')
    problems.push(
      `@dcloud/client depends on ${JSON.stringify(client.dependencies)}; openapi-fetch is to be the only dependency`,
    );
  const cli = inspected["@dcloud/cli"].packed;
  const cliNeeds = { ...cli.dependencies, ...cli.peerDependencies };
  if (Object.keys(cliNeeds).length > 0)
    problems.push(`@dcloud/cli is self-contained bundles, yet it depends on ${JSON.stringify(cliNeeds)}`);
  return problems;
}

/**
 * The tarballs hold what the `files` whitelists say: licence, README, built code and types; no sources or source maps.
 * @param {Inspected} inspected
 */
export function fileProblems(inspected) {
  /** @type {string[]} */
  const problems = [];
  const client = inspected["@dcloud/client"].files;
  for (const file of [
    "package/package.json",
    "package/LICENSE",
    "package/README.md",
    "package/dist/index.js",
    "package/dist/index.d.ts",
  ]) {
    if (!client.includes(file)) problems.push(`@dcloud/client: ${file} is missing`);
  }
  const stray = client.filter(
    (file) => !/^package\/(package\.json|LICENSE|README\.md|dist\/.+\.(js|d\.ts))$/.test(file),
  );
  if (stray.length > 0) problems.push(`@dcloud/client: unexpected files ${stray.join(", ")}`);
  const cli = [...inspected["@dcloud/cli"].files].sort();
  const expected = [
    "package/LICENSE",
    "package/README.md",
    "package/dist/dcloud.js",
    "package/dist/package.json",
    "package/dist/proxy-fetch.js",
    "package/dist/run.js",
    "package/package.json",
    // The JSON Schemas of the CLI's --json documents, one file each, as the repository has them.
    ...readdirSync(CLI_SCHEMAS)
      .filter((name) => name.endsWith(".schema.json"))
      .map((name) => `package/schemas/${name}`),
  ].sort();
  if (JSON.stringify(cli) !== JSON.stringify(expected))
    problems.push(`@dcloud/cli: files ${cli.join(", ")}; expected ${expected.join(", ")}`);
  return problems;
}

/**
 * A user's first script, loading the client with `load` (an import() or a require()): a client
 * whose fetch must never be called, and an invitation without its required email, which
 * validation refuses before anything is sent. Prints one JSON line for clientUseProblems().
 * @param {string} load
 */
export const clientScript = (load) => `(async () => {
  const { createDeepsetCloud, InvalidRequestError, DeepsetCloudError, VERSION } = ${load};
  const sent = [];
  const dc = createDeepsetCloud({ apiKey: "rehearsal-key", baseUrl: "http://127.0.0.1:9", maxRetries: 0, fetch: async (request) => { sent.push(request); throw new Error("nothing may be sent"); } });
  try {
    await dc.inviteUser("5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", { given_name: "Ada", family_name: "Lovelace", role: "MEMBER" });
    console.log(JSON.stringify({ caught: null, sent: sent.length, VERSION }));
  } catch (error) {
    console.log(JSON.stringify({ caught: error.constructor.name, invalid: error instanceof InvalidRequestError, base: error instanceof DeepsetCloudError, issues: error.issues, sent: sent.length, VERSION }));
  }
})();
`;

/**
 * @typedef {object} ClientUse the line clientScript() prints
 * @property {string | null} caught the class name of the error, null when none was thrown
 * @property {boolean} [invalid] an InvalidRequestError
 * @property {boolean} [base] a DeepsetCloudError
 * @property {unknown} [issues] the error's issues
 * @property {number} sent requests that reached fetch
 * @property {string} VERSION the client's
 */

/**
 * @param {ClientUse} result
 * @param {string} version
 */
export function clientUseProblems(result, version) {
  /** @type {string[]} */
  const problems = [];
  if (result.caught !== "InvalidRequestError" || !result.invalid || !result.base)
    problems.push(`expected an InvalidRequestError (a DeepsetCloudError), got ${JSON.stringify(result)}`);
  if (!JSON.stringify(result.issues ?? []).includes("email"))
    problems.push(`the issues do not name the missing email: ${JSON.stringify(result.issues)}`);
  if (result.sent !== 0) problems.push(`${result.sent} request(s) were sent`);
  if (result.VERSION !== version) problems.push(`VERSION is ${result.VERSION}, not ${version}`);
  return problems;
}
