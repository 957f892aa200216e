// The release rehearsal (`pnpm release:rehearse`, and `pnpm test` through packages/release-tests):
// a release as .github/workflows/release.yml makes it, on a real npm registry of its own.
//
// In a temporary folder: a clone of the repository (clone.mjs), installed offline from the
// store that the repository's own install filled, and Verdaccio on 127.0.0.1 (registry.mjs).
// Then, as a release would: a changeset, `pnpm version-packages`, `pnpm release`, and what a
// user does next with plain npm. Every npm and pnpm command of the run uses a configuration
// that names only that registry (registry.mjs: env), checked before anything is published.
// Provenance: `pnpm release` exactly as release.yml runs it, in a stand-in for GitHub Actions
// whose identity-token endpoint is a recorder on 127.0.0.1, must ask for a sigstore token (it
// signs provenance) and publish nothing when it gets none; the release itself then runs with
// `--no-provenance`, as there is no CI identity to sign with. The registry stops and the
// folder is removed when the run ends, failed or not.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { binProblems, changelogProblems, versionsProblems } from "./checks.mjs";
import { cloneWorkingTree, git } from "./clone.mjs";
import { must, run, tail } from "./exec.mjs";
import { clientScript, clientUseProblems, fileProblems, manifestProblems } from "./expectations.mjs";
import { lintTarball, PUBLISHED } from "./packages.mjs";
import { startRegistry, withoutInherited } from "./registry.mjs";
import { thirdPartyDependencies } from "./third-party.mjs";
import { expectedVersion, largestBump, readChangesets, readVersions, workflowProblems } from "./versioning.mjs";
/** @import { AddressInfo } from "node:net" */
/** @import { RunResult } from "./exec.mjs" */
/** @import { Inspected } from "./expectations.mjs" */
/** @import { PublishedName } from "./packages.mjs" */
/** @import { Registry } from "./registry.mjs" */

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** What the rehearsal checks, in order: [id, title]. Each run reports every one of them. */
export const CHECKS = /** @type {const} */ ([
  [
    "workflow",
    "release.yml versions with `pnpm version-packages` and publishes with `pnpm release`, the commands rehearsed here",
  ],
  [
    "version",
    "pnpm version-packages gives both packages the same new version (fixed), the bump the changesets add up to",
  ],
  [
    "changelog",
    "CHANGELOG.md of both packages opens with the new version and the changesets' entries; the changesets are used up",
  ],
  ["client-version", "the client's VERSION (sent in the User-Agent) equals its new package.json version"],
  [
    "provenance",
    "pnpm release, as release.yml runs it in GitHub Actions, signs npm provenance: it asks the Actions token endpoint for a sigstore identity, and publishes nothing without one",
  ],
  ["publish", "pnpm release publishes both packages to the registry, and tags them in git"],
  ["versions", "npm view @dcloud/… versions lists exactly what was published"],
  [
    "manifests",
    "published manifests: no workspace: range left, each other at the released version, access public, the expected dependencies, the repository and folder they come from",
  ],
  [
    "files",
    "published tarballs hold what the files whitelists say: licence, README, built code and types; no sources or source maps",
  ],
  ["bins", "every bin of a published package is in its tarball"],
  ["lint", "publint --strict and Are the Types Wrong? pass on the published tarballs"],
  ["install", "npm install @dcloud/client@VERSION @dcloud/cli@VERSION in an empty folder, both from this registry"],
  ["cli-version", "npx dcloud --version prints the new version"],
  ["import", "import: a script imports @dcloud/client and gets InvalidRequestError for a bad body, nothing sent"],
  [
    "require",
    "require() (Node 20.19+): a CommonJS script requires @dcloud/client and gets InvalidRequestError for a bad body, nothing sent",
  ],
  ["npx", "npx -y @dcloud/cli@VERSION --help works from nothing"],
  ["republish", "publishing the same version again is refused, and the registry keeps what it had"],
]);
/** @typedef {(typeof CHECKS)[number][0]} CheckId */

const REHEARSAL_CHANGESET = "Release rehearsal: a patch of the client.";
const IDENTITY = {
  GIT_AUTHOR_NAME: "Release rehearsal",
  GIT_AUTHOR_EMAIL: "rehearsal@example.com",
  GIT_COMMITTER_NAME: "Release rehearsal",
  GIT_COMMITTER_EMAIL: "rehearsal@example.com",
};

/**
 * Runs the rehearsal. Resolves `{ checks, folder, registryUrl }`: one result per CHECKS entry,
 * in order, `{ id, title, ok, detail }` with ok true, false, or null when an earlier failure
 * kept it from running; the temporary folder and the registry's URL, both gone by then.
 * Rejects only when the rehearsal cannot be set up (clone, install, registry).
 * @param {{ root?: string, log?: (line: string) => void, signal?: AbortSignal }} [options]
 */
export async function rehearse({ root = repoRoot, log = () => {}, signal } = {}) {
  const started = Date.now();
  /** @param {string} message */
  const step = (message) => log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  /** @type {Map<CheckId, { ok: boolean, detail: string }>} */
  const results = new Map();
  /**
   * Runs one check and records its result; resolves whether it passed.
   * @param {CheckId} id
   * @param {() => string[] | Promise<string[]>} body resolves the problems it found
   */
  const check = async (id, body) => {
    let problems;
    try {
      problems = (await body()) ?? [];
    } catch (error) {
      problems = [/** @type {Error} */ (error).message];
    }
    results.set(id, { ok: problems.length === 0, detail: problems.join("\n") });
    step(`${problems.length === 0 ? "✓" : "✗"} ${id}`);
    return problems.length === 0;
  };
  const report = () => ({
    checks: CHECKS.map(([id, title]) => ({
      id,
      title,
      ...(results.get(id) ?? { ok: null, detail: "not run: an earlier step failed" }),
    })),
    folder: temp,
    // Called only once the registry is up.
    registryUrl: /** @type {Registry} */ (registry).url,
  });

  const temp = mkdtempSync(join(tmpdir(), "dcloud-rehearsal-"));
  const repo = join(temp, "repo");
  const base = { ...withoutInherited(process.env), ...IDENTITY, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
  /** @type {Registry | undefined} */
  let registry;
  try {
    const cloneAndInstall = async () => {
      const { head, carried } = await cloneWorkingTree(root, repo, { env: base, signal });
      step(`cloned ${head}${carried ? ` and ${carried} uncommitted file(s)` : ""} into ${temp}`);
      // What a release needs (the root's tools, the two packages), offline: every package comes
      // from the store that the repository's own install filled.
      const filters = ["--filter=.", ...PUBLISHED.map(({ name }) => `--filter=${name}`)];
      await must(
        join(root, "node_modules/.bin/pnpm"),
        ["install", "--frozen-lockfile", "--offline", "--reporter=silent", ...filters],
        { cwd: repo, env: base, signal },
      );
      step("installed the clone offline");
    };
    // Clone and registry at once, both settled, so that a registry that started is stopped
    // whatever failed.
    const cloning = cloneAndInstall();
    cloning.catch(() => {}); // settled below
    const [starting, installing] = await Promise.allSettled([startRegistry(join(temp, "registry")), cloning]);
    if (starting.status === "rejected") throw starting.reason;
    registry = starting.value;
    if (installing.status === "rejected") throw installing.reason;
    // What the published packages need from elsewhere, served from the clone's own install.
    const thirdParty = thirdPartyDependencies(PUBLISHED.map(({ dir }) => join(repo, dir)));
    await registry.seed(thirdParty);
    step(`registry at ${registry.url}, with ${thirdParty.length} third-party package(s) from the clone's install`);
    const env = registry.env(base);
    /** @param {string[]} args */
    const pnpm = (args) => must(join(repo, "node_modules/.bin/pnpm"), args, { cwd: repo, env, signal });
    /**
     * @param {string} cwd
     * @param {string[]} args
     * @param {NodeJS.ProcessEnv} [extra]
     */
    const npm = (cwd, args, extra) => must("npm", args, { cwd, env: { ...env, ...extra }, signal });

    await check("workflow", () => workflowProblems(repo));

    // Version, as the "Version packages" pull request does.
    const before = readVersions(repo);
    writeFileSync(
      join(repo, ".changeset/release-rehearsal.md"),
      `---\n"@dcloud/client": patch\n---\n\n${REHEARSAL_CHANGESET}\n`,
    );
    const changesets = readChangesets(repo);
    /** @type {string} set by the "version" check, which the rest waits for */
    let version;
    const versioned = await check("version", async () => {
      await pnpm(["version-packages"]);
      const after = readVersions(repo);
      step(`versioned ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      version = after["@dcloud/client"];
      const expected = expectedVersion(before, changesets);
      return /** @type {[PublishedName, string][]} */ (Object.entries(after))
        .filter(([, v]) => v !== expected)
        .map(
          ([name, v]) =>
            `${name}: ${before[name]} → ${v}, expected ${expected} (one fixed group; the changesets add up to a ${largestBump(changesets)})`,
        );
    });
    if (!versioned) return report();
    await check("changelog", () => {
      const left = readdirSync(join(repo, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
      const problems = left.map((file) => `.changeset/${file} is still there after changeset version`);
      for (const { name, dir } of PUBLISHED) {
        const file = `${dir}/CHANGELOG.md`;
        if (!existsSync(join(repo, file))) problems.push(`${file} was not written`);
        else {
          const entries = changesets
            .filter((c) => name in c.releases)
            .map((c) => /** @type {string} */ (c.summary.split("\n")[0]));
          problems.push(...changelogProblems(file, readFileSync(join(repo, file), "utf8"), version, entries));
        }
      }
      return problems;
    });
    await check("client-version", () => {
      const found = /export const VERSION = "([^"]*)";/.exec(
        readFileSync(join(repo, "packages/client/src/version.ts"), "utf8"),
      )?.[1];
      return found === version
        ? []
        : [`packages/client/src/version.ts has VERSION = "${found}", package.json ${version}`];
    });
    await git(repo, ["add", "--all"], base);
    await git(repo, ["commit", "--quiet", "--no-verify", "-m", "Version packages"], base);

    // Publish, as merging that pull request does; only once npm and pnpm are seen to point here.
    await refuseOtherRegistries(registry.url, { pnpm, npm: (args) => npm(temp, args) });
    const released = Object.fromEntries(PUBLISHED.map(({ name }) => [name, version]));
    await check("provenance", () =>
      provenanceProblems({
        repo,
        env,
        signal,
        registry: /** @type {Registry} */ (registry),
      }),
    );
    const published = await check("publish", async () => {
      const output = await pnpm(["release", "--no-provenance"]);
      step("pnpm release done");
      const tags = (await git(repo, ["tag", "--list"], base)).split("\n");
      const problems = PUBLISHED.filter(({ name }) => !tags.includes(`${name}@${version}`)).map(
        ({ name }) => `no git tag ${name}@${version} (tags: ${tags.join(", ") || "none"})`,
      );
      for (const { name } of PUBLISHED) {
        // Set by now; TypeScript does not carry that into callbacks when it was set in a try block.
        if (!(await /** @type {Registry} */ (registry).packument(name))?.versions?.[version])
          problems.push(
            `${name}@${version} is not on the registry after pnpm release:\n${tail(output.stdout + output.stderr)}`,
          );
      }
      return problems;
    });
    if (!published) return report();

    // What the registry now serves, and what a user does with it: three lines of work at once.
    const registryChecks = async () => {
      await check("versions", async () => {
        const listed = await Promise.all(
          PUBLISHED.map(
            async ({ name }) =>
              /** @type {[string, string | string[]]} */ ([
                name,
                JSON.parse((await npm(temp, ["view", name, "versions", "--json"])).stdout),
              ]),
          ),
        );
        return listed.flatMap(([name, versions]) => versionsProblems(name, versions, [version]));
      });
      /** @type {Inspected} */
      let inspected;
      try {
        inspected = /** @type {Inspected} */ (
          Object.fromEntries(
            await Promise.all(
              PUBLISHED.map(async ({ name }) => [
                name,
                await /** @type {Registry} */ (registry).inspect(name, version),
              ]),
            ),
          )
        );
      } catch (error) {
        for (const id of /** @type {const} */ (["manifests", "files", "bins", "lint"]))
          results.set(id, {
            ok: false,
            detail: `fetching the published packages failed: ${/** @type {Error} */ (error).message}`,
          });
        return;
      }
      await check("manifests", () => manifestProblems(repo, inspected, released));
      await check("files", () => fileProblems(inspected));
      await check("bins", () => Object.values(inspected).flatMap(({ packed, files }) => binProblems(packed, files)));
      await check("lint", async () => {
        const linted = await Promise.all(
          Object.values(inspected).map(async (pkg) => ({ name: pkg.name, ...(await lintTarball(pkg)) })),
        );
        return linted.flatMap(({ name, publint, attw }) =>
          [publint, attw].filter((c) => !c.ok).map((c) => `${name}: ${c.command}\n${c.output}`),
        );
      });
    };
    const userChecks = async () => {
      const app = join(temp, "app");
      mkdirSync(app);
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "rehearsal-app", private: true }));
      const installed = await check("install", async () => {
        const result = await run("npm", ["install", ...PUBLISHED.map(({ name }) => `${name}@${version}`)], {
          cwd: app,
          env,
          signal,
        });
        if (result.code !== 0) return [`npm install exited ${result.code}:\n${tail(result.stderr || result.stdout)}`];
        const lock = /** @type {{ packages: Record<string, { version?: string, resolved?: string }> }} */ (
          JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8"))
        );
        return PUBLISHED.flatMap(({ name }) => {
          const entry = lock.packages[`node_modules/${name}`];
          if (entry?.version !== version) return [`${name}: installed ${entry?.version ?? "nothing"}, not ${version}`];
          const { url } = /** @type {Registry} */ (registry);
          return entry.resolved?.startsWith(url) ? [] : [`${name} came from ${entry.resolved}, not ${url}`];
        });
      });
      if (!installed) return;
      await check("cli-version", async () => {
        const printed = (await must("npx", ["dcloud", "--version"], { cwd: app, env, signal })).stdout.trim();
        return printed.split(/\s+/).includes(version)
          ? []
          : [`npx dcloud --version printed "${printed}", not ${version}`];
      });
      for (const [id, file, load] of /** @type {[CheckId, string, string][]} */ ([
        ["import", "use-client.mjs", 'await import("@dcloud/client")'],
        ["require", "use-client.cjs", 'require("@dcloud/client")'],
      ])) {
        await check(id, async () => {
          writeFileSync(join(app, file), clientScript(load));
          const result = await run(process.execPath, [file], { cwd: app, env, signal });
          if (result.code === 0) return clientUseProblems(JSON.parse(result.stdout), version);
          const hint = result.stderr.includes("ERR_PACKAGE_PATH_NOT_EXPORTED")
            ? `\n(@dcloud/client's "exports" has no condition that ${id === "require" ? "require() matches: it needs a `default`" : "import matches"})`
            : "";
          return [`node ${file} exited ${result.code}:\n${tail(result.stderr || result.stdout)}${hint}`];
        });
      }
    };
    const npxCheck = () =>
      check("npx", async () => {
        const empty = join(temp, "npx");
        mkdirSync(empty);
        // An npm cache of its own: the CLI comes from the registry, not from the install above.
        const help = (
          await must("npx", ["-y", `@dcloud/cli@${version}`, "--help"], {
            cwd: empty,
            env: { ...env, npm_config_cache: join(temp, "npx-cache") },
            signal,
          })
        ).stdout;
        return ["invite", "whoami"]
          .filter((command) => !help.includes(command))
          .map((command) => `npx -y @dcloud/cli@${version} --help does not list "${command}":\n${tail(help)}`);
      });
    await Promise.all([registryChecks(), userChecks(), npxCheck()]);

    await check("republish", async () => {
      const state = async () => {
        const { versions, "dist-tags": tags } =
          (await /** @type {Registry} */ (registry).packument("@dcloud/cli")) ?? {};
        return JSON.stringify({
          tags,
          versions: Object.fromEntries(Object.entries(versions ?? {}).map(([v, manifest]) => [v, manifest.dist])),
        });
      };
      const held = await state();
      const again = await run(
        join(repo, "node_modules/.bin/pnpm"),
        ["publish", "--access", "public", "--no-git-checks"],
        { cwd: join(repo, "packages/cli"), env, signal },
      );
      const output = again.stdout + again.stderr;
      const problems = [];
      if (again.code === 0)
        problems.push(`publishing @dcloud/cli@${version} a second time succeeded:\n${tail(output)}`);
      else if (!/409|already (present|published)|cannot publish over/i.test(output))
        problems.push(`the second publish failed, but not because the version exists:\n${tail(output)}`);
      const now = await state();
      if (now !== held) problems.push(`the registry changed: ${held} → ${now}`);
      return problems;
    });
    return report();
  } finally {
    await registry?.stop();
    step("registry stopped");
    rmSync(temp, { recursive: true, force: true });
    step("temporary folder removed");
  }
}

/**
 * `pnpm release` as release.yml runs it (no flag), in a stand-in for GitHub Actions: the
 * variables the Actions runner sets, with its identity-token endpoint a recorder on 127.0.0.1
 * that answers nothing useful. pnpm signs provenance with a sigstore identity, so it must ask for
 * a token with the sigstore audience; it gets none, so it must fail and publish nothing.
 * @param {{ repo: string, env: NodeJS.ProcessEnv, signal?: AbortSignal, registry: Registry }} options
 */
async function provenanceProblems({ repo, env, signal, registry }) {
  /** @type {string[]} */
  const asked = [];
  const recorder = createServer((request, response) => {
    asked.push(request.url ?? "");
    response.writeHead(503).end();
  });
  await new Promise((ready) => recorder.listen(0, "127.0.0.1", () => ready(undefined)));
  const local = `http://127.0.0.1:${/** @type {AddressInfo} */ (recorder.address()).port}`;
  const repository = /github\.com\/([^/]+\/[^/]+?)\.git$/.exec(
    JSON.parse(readFileSync(join(repo, PUBLISHED[0].dir, "package.json"), "utf8")).repository?.url ?? "",
  )?.[1];
  try {
    const actions = {
      CI: "true",
      GITHUB_ACTIONS: "true",
      ACTIONS_ID_TOKEN_REQUEST_URL: `${local}/token?for=rehearsal`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "rehearsal",
      GITHUB_REPOSITORY: repository ?? "unknown/unknown",
      GITHUB_SERVER_URL: local,
      GITHUB_API_URL: local,
      GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/release.yml@refs/heads/main`,
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: "0000000000000000000000000000000000000000",
      GITHUB_EVENT_NAME: "push",
      GITHUB_RUN_ID: "1",
      GITHUB_RUN_ATTEMPT: "1",
      RUNNER_ENVIRONMENT: "github-hosted",
    };
    const result = await run(join(repo, "node_modules/.bin/pnpm"), ["release"], {
      cwd: repo,
      env: { ...env, ...actions },
      signal,
    });
    const problems = [];
    if (!asked.some((url) => /[?&]audience=sigstore(&|$)/.test(url)))
      problems.push(
        `pnpm release did not ask for a sigstore identity (requests to the token endpoint: ${JSON.stringify(asked)}): it publishes without provenance\n${tail(result.stdout + result.stderr)}`,
      );
    if (result.code === 0) problems.push("pnpm release succeeded without an identity to sign provenance with");
    for (const { name } of PUBLISHED)
      if (await registry.packument(name))
        problems.push(`${name} was published although provenance could not be signed`);
    return problems;
  } finally {
    recorder.closeAllConnections();
    await new Promise((closed) => recorder.close(() => closed(undefined)));
  }
}

/**
 * Before anything is published: npm and pnpm, as configured for the run, name only its registry.
 * @param {string} url
 * @param {Record<string, (args: string[]) => Promise<RunResult>>} tools name → runs the tool with these arguments
 */
async function refuseOtherRegistries(url, tools) {
  const answers = await Promise.all(
    Object.entries(tools).flatMap(([tool, exec]) =>
      ["registry", "@dcloud:registry"].map(async (key) => [
        tool,
        key,
        (await exec(["config", "get", key])).stdout.trim(),
      ]),
    ),
  );
  const elsewhere = answers.filter(([, , value]) => value !== url);
  if (elsewhere.length > 0)
    throw new Error(
      `refusing to publish: ${elsewhere.map(([tool, key, value]) => `${tool}'s ${key} is ${value}`).join("; ")}, not ${url}`,
    );
}
