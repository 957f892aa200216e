// `pnpm spec:diff BASE REVISED [--json]` as a command: what it prints, its exit codes, and the
// documents it reads (3.0 or 3.1, YAML or JSON) or refuses, naming the file and the place.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const script = new URL("../spec-diff.mjs", import.meta.url).pathname;
const fixtures = new URL("fixtures/", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "dcloud-spec-diff-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function specDiff(...args: string[]) {
  // From the fixtures folder, so that relative paths and messages are short.
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: fixtures,
    encoding: "utf8",
    env: { ...process.env, INIT_CWD: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string) {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

describe("spec:diff", () => {
  it("--json prints exactly { bump, changes: [{ level, operation, where, message }] }, and exits 0", () => {
    const r = specDiff("upstream-3.0.2.json", "upstream-additive.json", "--json");
    expect(r.status).toBe(0);
    // The notes go to stderr, so that stdout is that document alone.
    expect(r.stderr).toMatch(/^spec:diff: note: upstream-3\.0\.2\.json is OpenAPI 3\.0\.2; read as OpenAPI 3\.1/);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(["bump", "changes"]);
    expect(report.bump).toBe("minor");
    for (const change of report.changes)
      expect(Object.keys(change)).toEqual(["level", "operation", "where", "message"]);
    expect(report.changes).toEqual([
      { level: "minor", operation: "GET /api/v1/workspaces/{workspace_name}", where: "operation", message: "added" },
      {
        level: "minor",
        operation: "POST /api/v1/organization/{organization_id}/invitation",
        where: "request body (UserInvitation)",
        message: 'new optional request field "language"',
      },
      {
        level: "minor",
        operation: "POST /api/v1/organization/{organization_id}/invitation",
        where: "response 429",
        message: "added",
      },
      {
        level: "minor",
        operation: "GET /api/v1/me",
        where: "response 200 (User)",
        message: 'new response field "created_at"',
      },
    ]);
  });

  it("prints each change with its level, and the bump; exit 0 for a major bump too", () => {
    const r = specDiff("upstream-3.1.0.json", "upstream-renamed-parameter.json");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Breaking \(major\):$/m);
    expect(r.stdout).toMatch(/^Implied bump: major$/m);
  });

  it("reads YAML and JSON, OpenAPI 3.0 and 3.1", () => {
    const r = specDiff("project.yaml", "upstream-3.0.2.json", "--json");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).changes).toContainEqual({
      level: "major",
      operation: "GET /api/v1/me",
      where: "response 200 (UserMe)",
      message: "schema UserMe renamed to User (the generated type's name changes)",
    });
  });

  it("a pattern JavaScript's u flag refuses ([\\w-./:], valid in most engines): compared as text and noted, never a stop", () => {
    const yaml = (pattern: string) =>
      `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string, pattern: '${pattern}'}}\n      responses:\n        '200': {description: ok}\n`;
    const odd = "^(?:[\\w-./:]+)$";
    expect(() => new RegExp(odd, "u")).toThrow();
    const base = file("odd.yaml", yaml(odd));
    const same = specDiff(base, file("odd-same.yaml", yaml(odd)));
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/^No changes\.$/m);
    expect(same.stdout).toMatch(
      /^Notes:\n {2}- .*odd\.yaml: the pattern at #\/paths\/~1a\/get\/parameters\/0\/schema\/pattern \("\^\(\?:\[\\\\w-\.\/:\]\+\)\$"\) is not a regular expression under JavaScript's u flag; compared as text$/m,
    );
    const changed = specDiff(base, file("odd-changed.yaml", yaml("^(?:[\\w-./:@]+)$")), "--json");
    expect(changed.status).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({
      bump: "major",
      changes: [
        {
          level: "major",
          operation: "GET /a",
          where: 'query parameter "q"',
          message: `pattern changed from ${odd} to ^(?:[\\w-./:@]+)$; review it`,
        },
      ],
    });
    expect(changed.stderr).toMatch(/^spec:diff: note: .*odd-changed\.yaml: the pattern at .* compared as text$/m);
  });

  it("compares every operation of both documents, not only those of the first", () => {
    const { changes } = JSON.parse(specDiff("upstream-3.1.0.json", "upstream-3.0.2.json", "--json").stdout);
    const both = JSON.parse(specDiff("upstream-3.0.2.json", "upstream-3.1.0.json", "--json").stdout).changes;
    expect(changes.map((c: { operation: string }) => c.operation)).toEqual(
      both.map((c: { operation: string }) => c.operation),
    );
  });
});

describe("documents spec:diff cannot read: exit 2, naming the file and the place", () => {
  const valid = (extra = "") =>
    `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n${extra}`;
  it.each([
    ["a missing file", () => join(scratch, "missing.yaml"), /missing\.yaml: cannot read it \(no such file\)/],
    ["a directory", () => scratch, /cannot read it \(a directory\)/],
    ["broken YAML", () => file("broken.yaml", "openapi: 3.1.0\npaths: [\n"), /broken\.yaml:\d+:\d+: /],
    ["broken JSON", () => file("broken.json", '{"openapi": "3.1.0",\n "paths": {}}}'), /broken\.json:2:\d+: /],
    [
      "not OpenAPI",
      () => file("package.json", '{"name": "x"}'),
      /package\.json: not an OpenAPI document \(no "openapi" field\)/,
    ],
    [
      "Swagger 2.0",
      () => file("swagger.json", '{"swagger": "2.0", "paths": {}}'),
      /swagger\.json: Swagger 2\.0 is not OpenAPI 3\.x/,
    ],
    [
      "OpenAPI 4",
      () => file("v4.yaml", "openapi: 4.0.0\npaths: {}\n"),
      /v4\.yaml:1:10: #\/openapi: OpenAPI 4\.0\.0 is not supported/,
    ],
    [
      "a response that is not an object",
      () => file("response.yaml", valid("        '200': Successful\n")),
      /response\.yaml:7:16: #\/paths\/~1a\/get\/responses\/200: must be an object \(found a string\)/,
    ],
    [
      "content: null (never read as if the media types were removed)",
      () => file("null-content.yaml", valid("        '200':\n          description: ok\n          content: null\n")),
      /null-content\.yaml:9:20: #\/paths\/~1a\/get\/responses\/200\/content: must be an object \(found null\)/,
    ],
    [
      "a schema that is not an object",
      () =>
        file(
          "schema.yaml",
          valid(
            "        '200':\n          description: ok\n          content:\n            application/json:\n              schema: 42\n",
          ),
        ),
      /schema\.yaml:11:23: #\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema: must be an object \(found a number\)/,
    ],
    [
      "a $ref that points at nothing",
      () => file("ref.yaml", valid("        '200':\n          $ref: '#/components/responses/Gone'\n")),
      /ref\.yaml:8:17: #\/paths\/~1a\/get\/responses\/200\/\$ref: "#\/components\/responses\/Gone" points at nothing/,
    ],
    [
      "a $ref to another file",
      () => file("external.yaml", valid("        '200':\n          $ref: 'other.yaml#/Ok'\n")),
      /external\.yaml:8:17: .*"other\.yaml#\/Ok" is not supported: only references within the document/,
    ],
  ])("%s", (_, path, message) => {
    const r = specDiff(path(), join(fixtures, "upstream-3.1.0.json"));
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  });

  it("a usage error: exit 2", () => {
    expect(specDiff("upstream-3.1.0.json").status).toBe(2);
    expect(specDiff("upstream-3.1.0.json", "upstream-3.1.0.json", "--bogus").status).toBe(2);
  });
});
