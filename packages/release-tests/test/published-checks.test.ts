// The rehearsal's checks fail on a bad release. A package with the two classic publishing
// mistakes — a `workspace:*` range left in, a bin whose file was never built — is published
// with plain npm (which keeps both) to a throwaway registry, and the checks read what it serves.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binProblems,
  changelogProblems,
  dependencyProblems,
  versionsProblems,
} from "../../../scripts/release/checks.mjs";
import { must } from "../../../scripts/release/exec.mjs";
import { repositoryProblems } from "../../../scripts/release/publish.mjs";
import { startRegistry } from "../../../scripts/release/registry.mjs";

let temp: string;
let registry: Awaited<ReturnType<typeof startRegistry>>;
let broken: Awaited<ReturnType<typeof registry.inspect>>;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "dcloud-bad-release-"));
  registry = await startRegistry(join(temp, "registry"));
  const dir = join(temp, "broken");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "@dcloud/broken",
      version: "1.0.0",
      license: "Apache-2.0",
      bin: { broken: "./dist/broken.js" },
      files: ["dist", "README.md"],
      dependencies: { "@dcloud/client": "workspace:*" },
    }),
  );
  writeFileSync(join(dir, "README.md"), "# broken\n");
  await must("npm", ["publish", "--access", "public"], { cwd: dir, env: registry.env() });
  broken = await registry.inspect("@dcloud/broken", "1.0.0");
}, 120_000);
afterAll(async () => {
  await registry?.stop();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

it("npm and pnpm, with the registry's env(), name only this registry, whatever the environment says", async () => {
  const elsewhere = "https://registry.example.com/";
  writeFileSync(join(temp, "other-npmrc"), `registry=${elsewhere}\n@dcloud:registry=${elsewhere}\n`);
  const hostile = {
    ...process.env,
    npm_config_registry: elsewhere,
    "npm_config_@dcloud:registry": elsewhere,
    NPM_CONFIG_USERCONFIG: join(temp, "other-npmrc"),
    PNPM_CONFIG_REGISTRY: elsewhere,
  };
  const env = registry.env(hostile);
  const pnpm = new URL("../../../node_modules/.bin/pnpm", import.meta.url).pathname;
  for (const tool of ["npm", pnpm]) {
    for (const key of ["registry", "@dcloud:registry"]) {
      expect((await must(tool, ["config", "get", key], { cwd: temp, env })).stdout.trim(), `${tool} ${key}`).toBe(
        registry.url,
      );
    }
  }
  // The same environment without env(): the check above would catch it.
  expect((await must("npm", ["config", "get", "@dcloud:registry"], { cwd: temp, env: hostile })).stdout.trim()).toBe(
    elsewhere,
  );
});

it("a workspace:* range that reached the registry fails the manifest check, naming the dependency", () => {
  const released = { "@dcloud/client": "1.0.0", "@dcloud/broken": "1.0.0" };
  for (const manifest of [broken.packed, broken.served]) {
    expect(dependencyProblems(manifest, released)).toEqual([
      '@dcloud/broken@1.0.0 dependencies["@dcloud/client"] is "workspace:*": a local range was published',
    ]);
  }
});

it("a bin whose file is not in the tarball fails the bin check, naming the bin", () => {
  expect(broken.files.sort()).toEqual(["package/README.md", "package/package.json"]);
  expect(binProblems(broken.packed, broken.files)).toEqual([
    '@dcloud/broken@1.0.0 bin "broken" → ./dist/broken.js is not in the published tarball',
  ]);
});

it("the same checks pass on a sound manifest", () => {
  const sound = {
    name: "@dcloud/cli",
    version: "1.0.0",
    bin: { dcloud: "./dist/dcloud.js" },
    devDependencies: { "@dcloud/client": "1.0.0", commander: "14.0.3" },
  };
  expect(dependencyProblems(sound, { "@dcloud/client": "1.0.0", "@dcloud/cli": "1.0.0" })).toEqual([]);
  expect(binProblems(sound, ["package/package.json", "package/dist/dcloud.js"])).toEqual([]);
  expect(
    binProblems({ name: "@dcloud/cli", version: "1.0.0", bin: "dist/dcloud.js" }, ["package/dist/dcloud.js"]),
  ).toEqual([]);
});

it("a sibling at another version than the one released with it fails the manifest check", () => {
  const manifest = { name: "@dcloud/cli", version: "1.1.0", devDependencies: { "@dcloud/client": "1.0.0" } };
  expect(dependencyProblems(manifest, { "@dcloud/client": "1.1.0", "@dcloud/cli": "1.1.0" })).toEqual([
    '@dcloud/cli@1.1.0 devDependencies["@dcloud/client"] is "1.0.0", not the version released with it (1.1.0)',
  ]);
});

it("a registry listing more, or fewer, versions than were published fails the versions check", () => {
  expect(versionsProblems("@dcloud/cli", ["1.0.0", "1.0.1"], ["1.0.1"])).toEqual([
    '@dcloud/cli: the registry lists ["1.0.0","1.0.1"], published were ["1.0.1"]',
  ]);
  expect(versionsProblems("@dcloud/cli", "1.0.0", ["1.0.1"])).toHaveLength(1);
  expect(versionsProblems("@dcloud/cli", "1.0.1", ["1.0.1"])).toEqual([]);
});

it("a CHANGELOG whose newest section is another version, or lacks an entry, fails the changelog check", () => {
  const text = "# @dcloud/client\n\n## 1.1.0\n\n### Minor Changes\n\n- Retries.\n\n## 1.0.0\n\n- First release.\n";
  expect(changelogProblems("CHANGELOG.md", text, "1.1.0", ["Retries."])).toEqual([]);
  expect(changelogProblems("CHANGELOG.md", text, "1.2.0", ["Retries."])).toEqual([
    'CHANGELOG.md: the newest section is "1.1.0", not "1.2.0"',
  ]);
  expect(changelogProblems("CHANGELOG.md", text, "1.1.0", ["Retries.", "First release."])).toEqual([
    'CHANGELOG.md: the 1.1.0 section lacks "First release."',
  ]);
  expect(changelogProblems("CHANGELOG.md", "# @dcloud/client\n", "1.1.0", [])).toEqual([
    'CHANGELOG.md: the newest section is "(none)", not "1.1.0"',
  ]);
});

describe("the packages name the repository that publishes them (npm provenance needs it)", () => {
  const publish = new URL("../../../scripts/release/publish.mjs", import.meta.url).pathname;
  const named = /github\.com\/([^/]+\/[^/]+?)\.git$/.exec(
    JSON.parse(readFileSync(new URL("../../client/package.json", import.meta.url), "utf8")).repository.url,
  )?.[1];

  it("both package.json files name one GitHub repository, each with its folder", () => {
    expect(named).toMatch(/^[^/]+\/[^/]+$/);
    expect(repositoryProblems(named ?? "")).toEqual([]);
    expect(repositoryProblems("someone/else")).toEqual([
      `@dcloud/client: repository.url is "git+https://github.com/${named}.git", not git+https://github.com/someone/else.git`,
      `@dcloud/cli: repository.url is "git+https://github.com/${named}.git", not git+https://github.com/someone/else.git`,
    ]);
  });

  it("in GitHub Actions for another repository, the publishing step refuses before publishing anything", () => {
    const r = spawnSync(process.execPath, [publish], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", GITHUB_ACTIONS: "true", GITHUB_REPOSITORY: "someone/else" },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^release: refusing to publish: npm refuses provenance .*\n {2}@dcloud\/client: repository\.url/,
    );
    expect(r.stdout).toBe("");
  });
});
