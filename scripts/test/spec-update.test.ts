// `pnpm spec:update` end to end, on temporary copies of spec/ (the real spec/ is never written:
// the last test checks it), with the fixture upstream documents in scripts/spec-update/fixtures.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderValidators } from "../generate/validators.mjs";
import { renderTypes } from "../generate/types.mjs";

const root = new URL("../../", import.meta.url).pathname;
const fixture = (name: string) => join(root, "scripts/spec-update/fixtures", name);
const realSpec = readFileSync(join(root, "spec/openapi.yaml"), "utf8");
const temps: string[] = [];

function specCopy() {
  const dir = mkdtempSync(join(tmpdir(), "dcloud-spec-"));
  temps.push(dir);
  cpSync(join(root, "spec"), join(dir, "spec"), { recursive: true });
  return join(dir, "spec");
}
function specUpdate(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "scripts/spec-update.mjs"), ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
type Report = { bump: string; changes: { level: string; operation: string; where: string; message: string }[]; notes: string[] };
function update(from: string, ...extra: string[]) {
  const out = specCopy();
  const r = specUpdate("--from", from, "--out", out, "--json", ...extra);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return { out, report: JSON.parse(r.stdout) as Report, text: readFileSync(join(out, "openapi.yaml"), "utf8") };
}
const messages = (report: Report, level: string) =>
  report.changes.filter((c) => c.level === level).map((c) => `${c.operation} ${c.where}: ${c.message}`);

afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("fixtures: the bump each implies", () => {
  it("upstream-base.json (the current spec as upstream states it, plus operations dcloud does not use): none, and the file is unchanged byte for byte", () => {
    const { report, text } = update(fixture("upstream-base.json"));
    expect(report.bump).toBe("none");
    expect(report.changes).toEqual([]);
    expect(text).toBe(realSpec);
    expect(report.notes).toContain(
      "left out, as the project does not use them: GET /api/v1/workspaces, DELETE /api/v1/organization/{organization_id}/users/{user_id}",
    );
  });

  it("upstream-additive.yaml (a new optional request field, a new response field): minor", () => {
    const { report, text } = update(fixture("upstream-additive.yaml"));
    expect(report.bump).toBe("minor");
    expect(messages(report, "minor")).toEqual([
      'POST /api/v1/organization/{organization_id}/invitation request body (UserInvitation): new optional request field "language"',
      'GET /api/v1/me response 200 (UserMe): new response field "created_at"',
    ]);
    const spec = parse(text);
    expect(spec.components.schemas.UserInvitation.properties.language).toMatchObject({ type: "string", default: "en" });
    // project-level fields and examples are kept; what dcloud does not use is left out
    const before = parse(realSpec);
    for (const field of ["jsonSchemaDialect", "info", "servers", "security"]) expect(spec[field]).toEqual(before[field]);
    expect(spec.components.securitySchemes).toEqual(before.components.securitySchemes);
    expect(Object.keys(spec.components.schemas)).toEqual(Object.keys(before.components.schemas));
    expect(Object.keys(spec.paths)).toEqual(Object.keys(before.paths));
    const invitation = "/api/v1/organization/{organization_id}/invitation";
    expect(spec.paths[invitation]).toEqual(before.paths[invitation]);
    expect(text).toContain("# Without this, Prism validates schemas as draft-07");
    // only the two new fields differ from the current file
    const added = text.split("\n").filter((line) => !realSpec.split("\n").includes(line));
    expect(added.join("\n")).toMatch(/^ +language:\n(.|\n)*created_at:\n(.|\n)*date-time$/);
  });

  it("upstream-required.json (workspace_ids becomes required): major, and the example without it is named", () => {
    const { report } = update(fixture("upstream-required.json"));
    expect(report.bump).toBe("major");
    expect(messages(report, "major")).toEqual([
      'POST /api/v1/organization/{organization_id}/invitation request body (UserInvitation): request field "workspace_ids" is now required',
    ]);
    expect(report.notes.join("\n")).toMatch(/example "minimal" no longer fits its schema/);
  });

  it("upstream-description.json (descriptions only): patch", () => {
    const { report } = update(fixture("upstream-description.json"));
    expect(report.bump).toBe("patch");
    expect(report.changes.every((c) => c.level === "patch")).toBe(true);
    expect(report.changes.map((c) => c.message)).toEqual(["description changed", "description changed"]);
  });

  it("upstream-breaking.json (format narrowed, 201 → 200, 402 removed, a response field removed): major", () => {
    const { report } = update(fixture("upstream-breaking.json"));
    expect(report.bump).toBe("major");
    expect(messages(report, "major")).toEqual([
      "POST /api/v1/organization/{organization_id}/invitation request body (UserInvitation).email: format email added",
      "POST /api/v1/organization/{organization_id}/invitation responses: success status changed from 201 to 200",
      "POST /api/v1/organization/{organization_id}/invitation response 201: removed",
      "POST /api/v1/organization/{organization_id}/invitation response 402: removed",
      'GET /api/v1/me response 200 (UserMe): response field "family_name" removed',
    ]);
  });
});

describe("the written spec", () => {
  it("still generates types and validators (what `pnpm generate` renders)", async () => {
    const { out, text } = update(fixture("upstream-additive.yaml"));
    expect(renderValidators(parse(text))).toContain("language");
    expect(await renderTypes(join(out, "openapi.yaml"))).toContain("language?: string");
  });

  it("--dry-run prints the report and writes nothing", () => {
    const out = specCopy();
    const r = specUpdate("--from", fixture("upstream-required.json"), "--out", out, "--dry-run");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Breaking \(major\):\n.*"workspace_ids" is now required/);
    expect(r.stdout).toMatch(/Implied bump: major/);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(realSpec);
  });
});

describe("sources and refusals", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((_, res) => res.end(readFileSync(fixture("upstream-additive.yaml"))));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("--from a URL: fetched (a local server here)", async () => {
    // Asynchronously: this process serves the document while the tool fetches it.
    const out = specCopy();
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "scripts/spec-update.mjs"), "--from", url, "--out", out, "--json"]);
    expect(JSON.parse(stdout).bump).toBe("minor");
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toContain("created_at:");
  });

  it("an operation dcloud supports missing upstream: exit 1, nothing written", () => {
    const upstream = JSON.parse(readFileSync(fixture("upstream-base.json"), "utf8"));
    delete upstream.paths["/api/v1/me"];
    const from = join(specCopy(), "upstream.json");
    writeFileSync(from, JSON.stringify(upstream));
    const out = specCopy();
    const r = specUpdate("--from", from, "--out", out);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/GET \/api\/v1\/me, operation: removed/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(realSpec);
  });

  it("OpenAPI 3.0 or not OpenAPI at all: exit 2", () => {
    const from = join(specCopy(), "old.json");
    writeFileSync(from, JSON.stringify({ openapi: "3.0.3", info: {}, paths: {} }));
    expect(specUpdate("--from", from, "--out", specCopy()).stderr).toMatch(/OpenAPI 3\.0\.3/);
    expect(specUpdate("--from", join(root, "package.json"), "--out", specCopy()).status).toBe(2);
    expect(specUpdate().status).toBe(2);
  });

  it("never wrote the real spec/", () => {
    expect(readFileSync(join(root, "spec/openapi.yaml"), "utf8")).toBe(realSpec);
  });
});
