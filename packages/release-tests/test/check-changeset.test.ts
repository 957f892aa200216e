// scripts/check-changeset.mjs on a throwaway git repository: a change under a public package's
// src/ or spec/ needs a new .changeset/*.md on the branch; a spec change that implies a minor or
// major bump needs a client changeset of at least that level.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const script = new URL("../../../scripts/check-changeset.mjs", import.meta.url).pathname;
let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const commit = (files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) write(path, text);
  git("add", "-A");
  git("commit", "-q", "-m", "change");
};
const check = () => spawnSync(process.execPath, [script, "--base", "main", "--cwd", repo], { encoding: "utf8" });

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "dcloud-changeset-"));
  git("init", "-q", "-b", "main");
  commit({
    ".changeset/README.md": "# Changesets\n",
    ".changeset/old-change.md": '---\n"@dcloud/client": patch\n---\n\nOld.\n',
    "packages/client/package.json": '{ "name": "@dcloud/client" }',
    "packages/client/src/index.ts": "export {};\n",
    "packages/contract-tests/package.json": '{ "name": "@dcloud/contract-tests", "private": true }',
    "packages/contract-tests/src/prism.ts": "export {};\n",
    "spec/openapi.yaml": "openapi: 3.1.0\n",
    "README.md": "# dcloud\n",
  });
  git("checkout", "-q", "-b", "feature");
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

it("a change under packages/client/src without a changeset fails, naming the file", () => {
  commit({ "packages/client/src/index.ts": "export const x = 1;\n" });
  const r = check();
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("packages/client/src/index.ts");
  expect(r.stderr).toContain("pnpm changeset");
});

it("a change under spec/ without a changeset fails", () => {
  commit({ "spec/openapi.yaml": "openapi: 3.1.1\n" });
  expect(check().status).toBe(1);
});

it("the same change with a new .changeset/*.md passes (an empty changeset too)", () => {
  commit({ "packages/client/src/index.ts": "export const x = 1;\n", "spec/openapi.yaml": "openapi: 3.1.1\n" });
  commit({ ".changeset/brave-lions-dance.md": "---\n---\n" });
  const r = check();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(".changeset/brave-lions-dance.md");
});

it("editing an existing changeset, or the changeset README, is not a new changeset", () => {
  commit({
    "packages/client/src/index.ts": "export const x = 1;\n",
    ".changeset/old-change.md": "edited\n",
    ".changeset/README.md": "edited\n",
  });
  expect(check().status).toBe(1);
});

it("changes elsewhere, or in a private package's src, need none", () => {
  commit({
    "README.md": "# dcloud!\n",
    "packages/contract-tests/src/prism.ts": "export const y = 2;\n",
    "packages/client/package.json": '{ "name": "@dcloud/client", "x": 1 }',
  });
  const r = check();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("no changeset needed");
});

it("a base that cannot be found: exit 2 with a hint", () => {
  const r = spawnSync(process.execPath, [script, "--base", "origin/nope", "--cwd", repo], { encoding: "utf8" });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("fetch-depth: 0");
});

describe("the semver guard: a spec change needs a client changeset of at least the bump it implies", () => {
  const project = readFileSync(new URL("../../../scripts/test/fixtures/project.yaml", import.meta.url), "utf8");
  const required = "required: [given_name, family_name, email, role]";
  const breaking = project.replace(required, "required: [given_name, family_name, email, role, workspace_ids]");
  const changeset = (bump?: string) =>
    bump ? `---\n"@dcloud/client": ${bump}\n"@dcloud/cli": patch\n---\n\nThe spec changed.\n` : "---\n---\n";

  beforeEach(() => {
    git("checkout", "-q", "main");
    commit({ "spec/openapi.yaml": project });
    git("checkout", "-q", "feature");
    git("rebase", "-q", "main");
  });

  it("a request field made required (major) with a patch changeset: fails, naming the change", () => {
    expect(breaking).not.toBe(project);
    commit({ "spec/openapi.yaml": breaking, ".changeset/too-small.md": changeset("patch") });
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("implies a major bump of @dcloud/client, but the new changesets give it patch");
    expect(r.stderr).toMatch(
      /- POST \/api\/v1\/organization\/\{organization_id\}\/invitation, request body \(UserInvitation\): request field "workspace_ids" is now required/,
    );
  });

  it("…with an empty changeset, or a minor one: fails too", () => {
    commit({ "spec/openapi.yaml": breaking, ".changeset/empty.md": changeset() });
    expect(check().stderr).toContain("the new changesets give it no bump");
    commit({ ".changeset/minor.md": changeset("minor") });
    expect(check().stderr).toContain("the new changesets give it minor");
  });

  it("…with a major changeset: passes", () => {
    commit({ "spec/openapi.yaml": breaking, ".changeset/major.md": changeset("major") });
    const r = check();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("an additive change (minor) needs minor; a description (patch) needs only a changeset", () => {
    const additive = project.replace(/\n {4}post:\n/, "\n    post:\n      deprecated: true\n");
    expect(additive).not.toBe(project);
    commit({ "spec/openapi.yaml": additive, ".changeset/patch.md": changeset("patch") });
    expect(check().stderr).toMatch(/implies a minor bump[\s\S]*invitation, operation: deprecated/);
    commit({ ".changeset/minor.md": changeset("minor") });
    expect(check().status).toBe(0);

    git("checkout", "-q", "-b", "words", "main");
    commit({
      "spec/openapi.yaml": project.replace("title: Organization ID", "title: The organization's ID"),
      ".changeset/empty.md": changeset(),
    });
    expect(check().status).toBe(0);
  });

  it("a spec it cannot read at HEAD: exit 2, naming the place", () => {
    commit({
      "spec/openapi.yaml": project.replace(
        "        required: true\n        content:\n",
        "        required: true\n        content: null\n        x-content:\n",
      ),
      ".changeset/c.md": changeset("major"),
    });
    const r = check();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/spec\/openapi\.yaml at HEAD:\d+:\d+: #\/paths\/.*: must be an object \(found null\)/);
  });
});
