// What is published works without the workspace: both packages packed with `pnpm pack`,
// installed with plain npm into an empty folder outside the repository, then used the way a
// user would (`npx dcloud`, `import "@dcloud/client"`). publint and attw run on the same tarballs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintTarball, packAll, root } from "../../../scripts/release/packages.mjs";

type Packed = { name: string; dir: string; version: string; tarball: string };
let temp: string;
let app: string;
let packed: Packed[];
const byName = (name: string) => packed.find((p) => p.name === name)!;
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: app, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
const tarList = (tarball: string) => execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
const packedJson = (tarball: string) => JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }));

beforeAll(() => {
  const started = Date.now();
  temp = mkdtempSync(join(tmpdir(), "dcloud-smoke-"));
  mkdirSync(join(temp, "packs"));
  app = join(temp, "app");
  mkdirSync(app);
  packed = packAll(join(temp, "packs"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "dcloud-smoke", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packed.map((p) => p.tarball)]);
  console.log(`packed and installed with npm in ${Date.now() - started} ms (${temp})`);
});
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe("the packed package.json files", () => {
  it("@dcloud/client: openapi-fetch is its only dependency, no workspace: range left", () => {
    const pkg = packedJson(byName("@dcloud/client").tarball);
    const own = JSON.parse(readFileSync(join(root, "packages/client/package.json"), "utf8"));
    expect(pkg.dependencies).toEqual(own.dependencies);
    expect(Object.keys(pkg.dependencies)).toEqual(["openapi-fetch"]);
    expect(JSON.stringify(pkg)).not.toContain("workspace:");
  });

  it("@dcloud/cli: self-contained, no runtime dependencies, no workspace: range left", () => {
    const pkg = packedJson(byName("@dcloud/cli").tarball);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(JSON.stringify(pkg)).not.toContain("workspace:");
  });

  it("ship what the files whitelists say: licence, README, built code and types; no sources, tests or source maps", () => {
    const client = tarList(byName("@dcloud/client").tarball);
    expect(client).toEqual(
      expect.arrayContaining(["package/package.json", "package/LICENSE", "package/README.md", "package/dist/index.js", "package/dist/index.d.ts"]),
    );
    expect(client.filter((f) => !/^package\/(package\.json|LICENSE|README\.md|dist\/.+\.(js|d\.ts))$/.test(f))).toEqual([]);
    const cli = tarList(byName("@dcloud/cli").tarball).sort();
    expect(cli).toEqual(["package/LICENSE", "package/README.md", "package/dist/dcloud.js", "package/dist/package.json", "package/dist/proxy-fetch.js", "package/package.json"]);
  });
});

describe("installed with plain npm, outside the workspace", () => {
  it("npx dcloud --version prints the package's version", () => {
    expect(run("npx", ["dcloud", "--version"]).trim()).toContain(byName("@dcloud/cli").version);
  });

  it("npx dcloud --help lists the commands", () => {
    const help = run("npx", ["dcloud", "--help"]);
    expect(help).toMatch(/invite/);
    expect(help).toMatch(/whoami/);
  });

  it("a Node script imports @dcloud/client, creates a client and catches an InvalidRequestError", () => {
    writeFileSync(
      join(app, "smoke.mjs"),
      `import { createDeepsetCloud, InvalidRequestError, DeepsetCloudError, VERSION } from "@dcloud/client";
const sent = [];
const dc = createDeepsetCloud({ apiKey: "smoke-test-key", baseUrl: "http://127.0.0.1:9", maxRetries: 0, fetch: async (request) => { sent.push(request); throw new Error("nothing may be sent"); } });
try {
  await dc.inviteUser("5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", { given_name: "Ada", family_name: "Lovelace", role: "MEMBER" });
  console.log(JSON.stringify({ caught: null }));
} catch (error) {
  console.log(JSON.stringify({ caught: error.constructor.name, invalid: error instanceof InvalidRequestError, base: error instanceof DeepsetCloudError, issues: error.issues, sent: sent.length, VERSION }));
}
`,
    );
    const result = JSON.parse(run(process.execPath, ["smoke.mjs"]));
    expect(result).toMatchObject({ caught: "InvalidRequestError", invalid: true, base: true, sent: 0, VERSION: byName("@dcloud/client").version });
    expect(JSON.stringify(result.issues)).toContain("email");
  });

  it("a CommonJS script require()s @dcloud/client (Node's require(esm)) and gets the same classes", () => {
    writeFileSync(
      join(app, "smoke.cjs"),
      `const { createDeepsetCloud, InvalidRequestError, UnexpectedStatusError, VERSION } = require("@dcloud/client");
const dc = createDeepsetCloud({ apiKey: "smoke-test-key", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
dc.inviteUser("5a2b7c1d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", { given_name: "Ada", family_name: "Lovelace", role: "member" }).then(
  () => console.log(JSON.stringify({ caught: null })),
  (error) => console.log(JSON.stringify({ caught: error.constructor.name, invalid: error instanceof InvalidRequestError, redirectClass: typeof UnexpectedStatusError, VERSION })),
);
`,
    );
    const result = JSON.parse(run(process.execPath, ["smoke.cjs"]));
    expect(result).toEqual({ caught: "InvalidRequestError", invalid: true, redirectClass: "function", VERSION: byName("@dcloud/client").version });
  });
});

describe("package lint on the tarballs", () => {
  it.each(["@dcloud/client", "@dcloud/cli"])("%s: publint --strict and attw pass", (name) => {
    const { publint, attw } = lintTarball(byName(name));
    console.log(`${name}\n$ ${publint.command}\n${publint.output}\n$ ${attw.command}\n${attw.output}`);
    expect(publint.output).toContain("All good!");
    expect(publint.ok).toBe(true);
    expect(attw.ok).toBe(true);
  });
});
