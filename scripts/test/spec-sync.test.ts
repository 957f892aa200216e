// `pnpm spec:sync` end to end on throwaway repositories (a spec folder holding the fixture
// project spec, an empty .changeset/ and the client's generated folder), with the fixture
// upstream documents: the changeset it writes follows the comparison, and an unchanged spec
// writes nothing at all.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { readChangesets } from "../release/versioning.mjs";

const script = new URL("../spec-sync.mjs", import.meta.url).pathname;
const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "dcloud-spec-sync-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let repos = 0;
function repository() {
  const root = join(scratch, `repo-${++repos}`);
  for (const dir of ["spec", ".changeset", "packages/client/src/generated"])
    mkdirSync(join(root, dir), { recursive: true });
  cpSync(fixture("project.yaml"), join(root, "spec/openapi.yaml"));
  return root;
}
// biome-ignore lint/suspicious/noExplicitAny: the tests edit fixture documents freely
function upstream(name: string, edit: (document: Record<string, any>) => void) {
  const document = JSON.parse(readFileSync(fixture(name), "utf8"));
  edit(document);
  const path = join(scratch, `upstream-${++repos}.json`);
  writeFileSync(path, JSON.stringify(document));
  return path;
}
function sync(root: string, from: string) {
  const r = spawnSync(process.execPath, [script, "--from", from, "--root", root, "--json"], {
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: "" },
  });
  return { status: r.status, stderr: r.stderr, report: r.stdout ? JSON.parse(r.stdout) : null };
}
const files = (root: string, dir: string) => readdirSync(join(root, dir)).sort();

it("an additive upstream: the spec, the generated client, and a changeset with the client at minor listing the changes", () => {
  const root = repository();
  const r = sync(root, fixture("upstream-additive.json"));
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.report.bump).toBe("minor");
  expect(readFileSync(join(root, "spec/openapi.yaml"), "utf8")).toContain("created_at:");
  expect(files(root, "packages/client/src/generated")).toEqual([
    "body-validators.ts",
    "openapi.ts",
    "operations.ts",
    "parameter-validators.ts",
  ]);
  expect(readFileSync(join(root, "packages/client/src/generated/openapi.ts"), "utf8")).toContain("created_at");
  expect(files(root, ".changeset")).toEqual([r.report.changeset.replace(".changeset/", "")]);
  const [changeset] = readChangesets(root);
  expect(changeset?.releases).toEqual({ "@dcloud/client": "minor", "@dcloud/cli": "patch" });
  for (const change of r.report.changes) expect(changeset?.summary).toContain(change.operation);
  expect(changeset?.summary).toMatch(/new optional request field "language"/);
  expect(changeset?.summary).toMatch(/response 429: added/);
});

it("a breaking upstream (a request field now required): the client at major, the change named", () => {
  const root = repository();
  const r = sync(
    root,
    upstream("upstream-3.1.0.json", (d) => d.components.schemas.UserInvitation.required.push("workspace_ids")),
  );
  expect(r.status).toBe(0);
  expect(r.report.bump).toBe("major");
  const [changeset] = readChangesets(root);
  expect(changeset?.releases).toEqual({ "@dcloud/client": "major", "@dcloud/cli": "patch" });
  expect(changeset?.summary).toMatch(
    /Breaking \(major\):\n\n- `POST .*invitation`, .*"workspace\\_ids" is now required/,
  );
});

it("an upstream that changes nothing: exit 0, no change, nothing written at all", () => {
  const root = repository();
  const r = sync(root, fixture("upstream-3.0.2.json"));
  expect(r.status).toBe(0);
  expect(r.report).toMatchObject({ bump: "none", changes: [], changeset: null });
  expect(readFileSync(join(root, "spec/openapi.yaml"), "utf8")).toBe(readFileSync(fixture("project.yaml"), "utf8"));
  expect(files(root, ".changeset")).toEqual([]);
  expect(files(root, "packages/client/src/generated")).toEqual([]);
});

it("exit codes as spec:update's: 1 a supported operation gone upstream, 2 a document it cannot read; nothing written", () => {
  const root = repository();
  const gone = sync(
    root,
    upstream("upstream-3.1.0.json", (d) => delete d.paths["/api/v1/me"]),
  );
  expect(gone.status).toBe(1);
  expect(gone.stderr).toMatch(/Upstream no longer has GET \/api\/v1\/me/);
  const broken = sync(
    root,
    upstream("upstream-3.1.0.json", (d) => (d.paths["/api/v1/me"].get.responses["200"].content = null)),
  );
  expect(broken.status).toBe(2);
  expect(broken.stderr).toMatch(
    /^spec:sync: .*upstream-\d+\.json:\d+:\d+: #\/paths\/~1api~1v1~1me\/get\/responses\/200\/content: must be an object \(found null\)/,
  );
  expect(readFileSync(join(root, "spec/openapi.yaml"), "utf8")).toBe(readFileSync(fixture("project.yaml"), "utf8"));
  expect(files(root, ".changeset")).toEqual([]);
});

it("the workflow's pull request: its text holds the report and the changeset's name; the bump goes to the step's outputs", () => {
  const root = repository();
  const json = join(root, "sync.json");
  const r = spawnSync(
    process.execPath,
    [script, "--from", fixture("upstream-additive.json"), "--root", root, "--json"],
    {
      encoding: "utf8",
      env: { ...process.env, INIT_CWD: "" },
    },
  );
  writeFileSync(json, r.stdout);
  const body = join(root, "pull-request.md");
  const pr = spawnSync(
    process.execPath,
    [new URL("../spec-sync/pull-request.mjs", import.meta.url).pathname, json, body],
    {
      encoding: "utf8",
    },
  );
  expect(pr.status).toBe(0);
  expect(pr.stdout).toBe("bump=minor\n");
  const text = readFileSync(body, "utf8");
  expect(text).toMatch(/Additive \(minor\):\n {2}- POST .*new optional request field "language"/);
  expect(text).toMatch(/Implied bump: minor/);
  expect(text).toContain(JSON.parse(r.stdout).changeset);
});
