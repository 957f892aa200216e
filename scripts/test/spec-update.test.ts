// `pnpm spec:update` end to end, on temporary copies of the fixture project spec
// (fixtures/project.yaml) with fixture upstream documents shaped like what a FastAPI server
// publishes. The fixtures belong to these tests: they never follow the real spec/, so a real
// update of spec/ cannot break them.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const script = new URL("../spec-update.mjs", import.meta.url).pathname;
const lintSpec = new URL("../lint-spec.mjs", import.meta.url).pathname;
const fixture = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const project = readFileSync(fixture("project.yaml"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "dcloud-spec-update-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: the tests edit fixture documents freely
type Json = Record<string, any>;
type Report = {
  bump: string;
  changes: { level: string; operation: string; where: string; message: string }[];
  notes: string[];
};

let copies = 0;
/** A fresh copy of the fixture project's spec folder. */
function specFolder() {
  const dir = join(scratch, `spec-${++copies}`);
  mkdirSync(dir);
  cpSync(fixture("project.yaml"), join(dir, "openapi.yaml"));
  return dir;
}
/** An upstream document: a fixture, changed by `edit`, written to a file. */
function upstream(name: string, edit: (document: Json) => void = () => {}) {
  const document = JSON.parse(readFileSync(fixture(name), "utf8"));
  edit(document);
  const path = join(scratch, `upstream-${++copies}.json`);
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}
function specUpdate(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: "utf8", env: { ...process.env, INIT_CWD: "" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** spec:update --json on a copy of the project; it must succeed. */
function update(from: string, ...extra: string[]) {
  const out = specFolder();
  const r = specUpdate("--from", from, "--out", out, "--json", ...extra);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return { out, report: JSON.parse(r.stdout) as Report, text: readFileSync(join(out, "openapi.yaml"), "utf8") };
}
const changes = (report: Report) => report.changes.map((c) => `${c.level} ${c.operation} ${c.where}: ${c.message}`);
const INVITE = "POST /api/v1/organization/{organization_id}/invitation";
const inviteOf = (document: Json) => document.paths["/api/v1/organization/{organization_id}/invitation"].post;

describe("what an upstream change implies", () => {
  it("a required request field: major", () => {
    const { report } = update(
      upstream("upstream-3.1.0.json", (d) => d.components.schemas.UserInvitation.required.push("workspace_ids")),
    );
    expect(report.bump).toBe("major");
    expect(changes(report)).toEqual([
      `major ${INVITE} request body (UserInvitation): request field "workspace_ids" is now required`,
    ]);
  });

  it("a narrowed format, another success status, a response and a response field removed: major", () => {
    const { report } = update(
      upstream("upstream-3.1.0.json", (d) => {
        d.components.schemas.UserInvitation.properties.email.format = "email";
        const responses = inviteOf(d).responses;
        responses["200"] = responses["201"];
        delete responses["201"];
        delete responses["402"];
        delete d.components.schemas.User.properties.family_name;
        d.components.schemas.User.required = d.components.schemas.User.required.filter(
          (f: string) => f !== "family_name",
        );
      }),
    );
    expect(report.bump).toBe("major");
    expect(changes(report).filter((c) => c.startsWith("major"))).toEqual([
      `major ${INVITE} request body (UserInvitation).email: format email added`,
      `major ${INVITE} responses: success status changed from 201 to 200`,
      `major ${INVITE} response 201: removed`,
      `major ${INVITE} response 402: removed`,
      'major GET /api/v1/me response 200 (UserMe): response field "family_name" removed',
    ]);
  });

  it("not a break for a client: a read-only field required in a request, a pattern widened to .*, a $ref wrapped in allOf", () => {
    const { report } = update(fixture("upstream-false-major.json"));
    expect(changes(report)).toEqual([
      `minor ${INVITE} request body (UserInvitation).role: pattern widened from ^[A-Z][A-Z_]*$ to .* (any string)`,
      `patch ${INVITE} request body (UserInvitation): read-only field "invitation_id" added (requests do not send it)`,
    ]);
    expect(report.bump).toBe("minor");
  });

  it("descriptions only: patch", () => {
    const { report } = update(
      upstream("upstream-3.1.0.json", (d) => {
        inviteOf(d).description = "Invites a user.";
        d.components.schemas.UserInvitation.properties.role.description = "The user's role.";
      }),
    );
    expect(report.bump).toBe("patch");
    expect(changes(report)).toEqual([
      `patch ${INVITE} operation: description changed`,
      `patch ${INVITE} request body (UserInvitation).role: description changed`,
    ]);
  });
});

describe("upstream documents as servers publish them", () => {
  it("OpenAPI 3.0.2 (FastAPI: nullable, anyOf, example, boolean exclusiveMinimum), naming /me's schema User: read as 3.1, the spec unchanged byte for byte", () => {
    const { report, text } = update(fixture("upstream-3.0.2.json"));
    expect(report.changes).toEqual([]);
    expect(report.bump).toBe("none");
    expect(text).toBe(project);
    expect(report.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/upstream-3\.0\.2\.json is OpenAPI 3\.0\.2; read as OpenAPI 3\.1/),
        "schema UserMe: upstream calls it User (GET /api/v1/me, response 200 (UserMe)); the spec keeps UserMe",
        "left out, as the project does not use them: DELETE /api/v1/organization/{organization_id}/users/{user_id}, GET /api/v1/workspaces/{workspace_name}/pipelines",
      ]),
    );
  });

  it("a schema named otherwise and changed: the spec's name is kept, and its changes are reported field by field", () => {
    const { report, text } = update(fixture("upstream-additive.json"));
    expect(report.bump).toBe("minor");
    expect(changes(report)).toEqual([
      `minor ${INVITE} request body (UserInvitation): new optional request field "language"`,
      `minor ${INVITE} response 429: added`,
      'minor GET /api/v1/me response 200 (UserMe): new response field "created_at"',
    ]);
    expect(text).toContain("$ref: '#/components/schemas/UserMe'");
    expect(text).not.toMatch(/\bUser:/);
    // Only what upstream added differs from the current file; comments and layout stay.
    const added = text.split("\n").filter((line) => !project.split("\n").includes(line));
    expect(added.join("\n")).toMatch(
      /^ +'429':\n.*Too many invitations.*\n +language:\n(.|\n)*created_at:\n(.|\n)*date-time$/,
    );
    expect(project.split("\n").filter((line) => !text.split("\n").includes(line))).toEqual([]);
  });

  it("a renamed path parameter: the same operation; the spec keeps its path, parameter name and operationId", () => {
    const { report, text } = update(fixture("upstream-renamed-parameter.json"));
    expect(report.changes).toEqual([]);
    expect(report.notes).toEqual(
      expect.arrayContaining([
        `${INVITE}: upstream's path is /api/v1/organization/{org_id}/invitation (path parameter "organization_id" is "org_id" there); the spec keeps its own`,
        `${INVITE}: upstream's operationId is invite_user_to_organization_api_v1_organization__org_id__invitation_post; the spec keeps invite_user_to_organization_api_v1_organization__organization_id__invitation_post (the generated types are keyed by it)`,
      ]),
    );
    expect(text).toContain("/api/v1/organization/{organization_id}/invitation:");
    expect(text).not.toContain("org_id");
  });

  it.each([
    ["content: null", (d: Json) => (inviteOf(d).responses["409"].content = null), "responses/409/content"],
    ["a null schema", (d: Json) => (d.components.schemas.UserInvitation.properties.role = null), "properties/role"],
  ])("%s breaks the structure: exit 2 naming the place, never read as absent; nothing written", (_, edit, place) => {
    const out = specFolder();
    const r = specUpdate("--from", upstream("upstream-3.1.0.json", edit), "--out", out, "--json");
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^spec:update: .*upstream-\d+\.json:\d+:\d+: #\/\S+: must be an object \(found null\)\n$/);
    expect(r.stderr).toContain(place);
    expect(r.status).toBe(2);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(project);
  });

  it("a pattern JavaScript's u flag refuses ([\\w-./:]): compared as text, named in the notes", () => {
    const pattern = "^(?:[\\w-./:]+)$";
    const { report } = update(
      upstream("upstream-3.1.0.json", (d) => (d.components.schemas.UserInvitation.properties.role.pattern = pattern)),
    );
    expect(changes(report)).toEqual([
      `major ${INVITE} request body (UserInvitation).role: pattern changed from ^[A-Z][A-Z_]*$ to ${pattern}; review it`,
    ]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /upstream-\d+\.json: the pattern at #\/components\/schemas\/UserInvitation\/properties\/role\/pattern .* is not a regular expression under JavaScript's u flag; compared as text/,
      ),
    );
  });

  it("a document that is not valid OpenAPI: exit 2, naming the file, the line and the place; nothing written", () => {
    const out = specFolder();
    const from = upstream("upstream-3.1.0.json", (d) => (inviteOf(d).responses["201"] = "Created"));
    const r = specUpdate("--from", from, "--out", out);
    expect(r.stderr).toMatch(
      /^spec:update: .*upstream-\d+\.json:\d+:\d+: #\/paths\/~1api~1v1~1organization~1\{organization_id\}~1invitation\/post\/responses\/201: must be an object \(found a string\)\n$/,
    );
    expect(r.status).toBe(2);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(project);
  });
});

describe("examples", () => {
  it("every example that no longer fits its schema is named, exactly as the spec lint names it", () => {
    const { out, report } = update(
      upstream("upstream-3.1.0.json", (d) => {
        d.components.schemas.UserInvitation.required.push("workspace_ids");
        d.components.schemas.Workspace.properties.default_idle_timeout_in_seconds.anyOf[0].maximum = 600;
      }),
    );
    const lint = spawnSync(process.execPath, [lintSpec, join(out, "openapi.yaml"), "--format=json"], {
      encoding: "utf8",
    });
    expect(lint.status).toBe(1);
    const flagged = new Set<string>(
      JSON.parse(lint.stdout).problems.map((p: { location: { pointer: string }[] }) => p.location[0]?.pointer),
    );
    // The request example without workspace_ids, the response example and the schema's example with 3600.
    expect(flagged.size).toBe(3);
    const named = report.notes.flatMap((note) => /^the spec lint will fail at (#\/\S+):/.exec(note)?.[1] ?? []);
    expect(named.sort()).toEqual([...flagged].sort());
  });

  it("an update the lint is happy with names none", () => {
    const { report } = update(fixture("upstream-additive.json"));
    expect(report.notes.filter((note) => note.startsWith("the spec lint"))).toEqual([]);
  });
});

describe("writing", () => {
  it("--dry-run prints the report and writes nothing", () => {
    const out = specFolder();
    const from = upstream("upstream-3.1.0.json", (d) =>
      d.components.schemas.UserInvitation.required.push("workspace_ids"),
    );
    const r = specUpdate("--from", from, "--out", out, "--dry-run");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Breaking \(major\):\n.*"workspace_ids" is now required/);
    expect(r.stdout).toMatch(/Implied bump: major/);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(project);
  });

  it("an operation the project supports missing upstream: exit 1, nothing written", () => {
    const out = specFolder();
    const r = specUpdate(
      "--from",
      upstream("upstream-3.1.0.json", (d) => delete d.paths["/api/v1/me"]),
      "--out",
      out,
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/GET \/api\/v1\/me, operation: removed/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toBe(project);
  });
});

describe("sources and refusals", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const body = readFileSync(fixture("upstream-additive.json"));
    server = createServer((_, res) => res.end(body));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.json`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it("--from a URL: fetched (from a local server here)", async () => {
    // Asynchronously: this process serves the document while the tool fetches it.
    const out = specFolder();
    const { stdout } = await promisify(execFile)(process.execPath, [script, "--from", url, "--out", out, "--json"]);
    expect(JSON.parse(stdout).bump).toBe("minor");
    expect(readFileSync(join(out, "openapi.yaml"), "utf8")).toContain("created_at:");
  });

  it("not OpenAPI, or no --from: exit 2", () => {
    expect(specUpdate("--from", fixture("../../package.json"), "--out", specFolder()).status).toBe(2);
    expect(specUpdate().status).toBe(2);
  });
});
