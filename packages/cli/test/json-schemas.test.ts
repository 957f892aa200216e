// Every document `--json` prints is described by a JSON Schema shipped in the package
// (schemas/*.schema.json). Here the real built CLI runs against scripted servers on
// 127.0.0.1, and each document it prints is validated against its schema (Ajv, draft
// 2020-12, formats checked): the schemas are the contract, these runs the proof.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { CODES } from "../src/errors.js";
import { JANE, KEYS, runCli } from "./helpers/cli.js";
import { closedPortUrl, INVITE_PATH, inviteReply, ME_BODY, OK_ROUTES, ORG_ID, startServer } from "./helpers/server.js";

const SCHEMA_DIR = fileURLToPath(new URL("../schemas/", import.meta.url));
const SPEC = fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url));
const NAMES = ["invite", "dry-run", "whoami", "workspaces", "logout", "completion", "error"] as const;
type Name = (typeof NAMES)[number];

// strict: every keyword must be one Ajv knows, so a misspelt one cannot pass silently.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
formats.default(ajv);
const schemas = new Map<Name, Record<string, unknown>>();
const validators = new Map<Name, ValidateFunction>();
for (const name of NAMES) {
  const schema = JSON.parse(await readFile(join(SCHEMA_DIR, `${name}.schema.json`), "utf8"));
  schemas.set(name, schema);
  validators.set(name, ajv.compile(schema));
}

/** What is wrong with `document` by the schema `name`: [] when nothing is. */
function problemsOf(name: Name, document: unknown): string[] {
  const validate = validators.get(name) as ValidateFunction;
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** stdout as the one JSON document it must be, valid by its schema. */
function documentOf(name: Name, stdout: string): unknown {
  const document = JSON.parse(stdout);
  expect(problemsOf(name, document)).toEqual([]);
  return document;
}

interface InviteDocument {
  summary: Record<string, number>;
  results: { line: number | null; status: string; resumed?: true; note?: string }[];
}

/** Every row accounted for: the summary's counts are the results' statuses. */
function expectAccounted({ summary, results }: InviteDocument): void {
  const counted = Object.fromEntries(Object.keys(summary).map((status) => [status, 0]));
  for (const row of results) counted[row.status] = (counted[row.status] ?? 0) + 1;
  expect(counted).toEqual(summary);
}

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A folder for this test (its HOME, its files), removed when the test ends. */
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dcloud-schema-test-"));
  folders.push(dir);
  return dir;
}

async function csv(dir: string, text: string): Promise<string> {
  const path = join(dir, "people.csv");
  await writeFile(path, text);
  return path;
}

const PEOPLE = [
  "email,given_name,family_name,role,workspace_ids",
  "ada@example.com,Ada,Lovelace,admin,",
  "not-an-email,Bob,Builder,member,",
  "grace@example.com,Grace,Hopper,member,3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "",
].join("\n");

const WORKSPACES = [
  { name: "Marketing", workspace_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6", languages: {}, extra: [1] },
  { name: "Legal", workspace_id: "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8", default_idle_timeout_in_seconds: 43200 },
];

describe("the shipped schemas", () => {
  it("are valid draft 2020-12 schemas whose every keyword Ajv knows (compiled in strict mode above)", () => {
    for (const name of NAMES) expect(schemas.get(name)?.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("name every error code the CLI can print, and no other", () => {
    const codes = (schemas.get("error") as { $defs: { error: { properties: { code: { enum: string[] } } } } }).$defs
      .error.properties.code.enum;
    expect([...codes].sort()).toEqual(Object.keys(CODES).sort());
  });

  it("describe an error the same way in every document that holds one", () => {
    const defs = (name: Name) => (schemas.get(name) as { $defs: Record<string, unknown> }).$defs;
    expect(defs("invite").error).toEqual(defs("error").error);
    expect(defs("invite").problem).toEqual(defs("error").problem);
  });

  it("describe the API's bodies (/me, workspaces, the invitation) exactly as the spec does", async () => {
    const spec = parseYaml(await readFile(SPEC, "utf8")) as { components: { schemas: Record<string, unknown> } };
    const asDefs = (schema: unknown) =>
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')) as unknown;
    for (const name of ["whoami", "workspaces", "dry-run"] as const) {
      const defs = (schemas.get(name) as { $defs: Record<string, unknown> }).$defs;
      for (const [component, schema] of Object.entries(defs)) {
        expect(schema, `${name}: $defs.${component}`).toEqual(asDefs(spec.components.schemas[component]));
      }
    }
  });

  it("are in the package (package.json files and exports)", async () => {
    const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.files).toContain("schemas");
    expect(pkg.exports["./schemas/*"]).toBe("./schemas/*");
  });

  it.each([
    ["a status no run gives", "invite", { summary: {}, results: [] }],
    [
      "an invited row without its 201",
      "invite",
      {
        summary: { invited: 1, already_member: 0, invalid: 0, failed: 0, not_attempted: 0 },
        results: [
          {
            line: 2,
            email: "a@example.com",
            status: "invited",
            http_status: 200,
            attempts: 1,
            request_id: null,
            error: null,
            organization_id: ORG_ID,
            api_url: "https://api.cloud.deepset.ai",
          },
        ],
      },
    ],
    ["an error without its code", "error", { error: { status: null, message: "x" } }],
    ["an unknown error code", "error", { error: { code: "oops", status: null, message: "x" } }],
    ["/me without its organization", "whoami", { user_id: "u", given_name: "A", family_name: "B", email: "e" }],
    ["a workspace whose ID is no UUID", "workspaces", [{ name: "x", workspace_id: "nope" }]],
    ["a logout that removed something else", "logout", { removed: ["DEFAULT_WORKSPACE_NAME"] }],
    ["a completion for another shell", "completion", { shell: "tcsh", script: "x" }],
  ] as [string, Name, unknown][])("refuse a document with %s", (_, name, document) => {
    expect(problemsOf(name, document)).not.toEqual([]);
  });
});

describe("invite --json, validated against schemas/invite.schema.json", () => {
  it.each([
    ["invited", { status: 201, body: {}, headers: { "x-request-id": "req-1" } }, 0],
    ["already a member", { status: 409 }, 0],
    ["402", { status: 402 }, 3],
    ["401", { status: 401, body: { detail: "nope" } }, 4],
    ["403", { status: 403, body: { detail: "nope" } }, 4],
    ["422", { status: 422, body: { detail: [{ loc: ["body", "email"], msg: "bad", type: "value_error" }] } }, 1],
    ["500", { status: 500, body: { detail: "boom" } }, 1],
    ["a redirect", { status: 302, headers: { location: "https://example.invalid/" } }, 1],
  ])("one user: %s", async (_, reply, code) => {
    const server = await startServer(inviteReply(reply));
    const home = await folder();
    const result = await runCli(
      ["invite", ...JANE, "--org", ORG_ID, "--api-url", server.url, "--max-retries", "0", "--json"],
      { env, home },
    );
    expect(result.code).toBe(code);
    expectAccounted(documentOf("invite", result.stdout) as InviteDocument);
  });

  it("one user the API cannot be reached for: a failed row with no status", async () => {
    const home = await folder();
    const url = await closedPortUrl();
    const result = await runCli(
      ["invite", ...JANE, "--org", ORG_ID, "--api-url", url, "--max-retries", "0", "--json"],
      {
        env,
        home,
      },
    );
    expect(result.code).toBe(1);
    documentOf("invite", result.stdout);
  });

  it("a file under --skip-invalid: invited, already a member and invalid rows", async () => {
    const server = await startServer(inviteReply([{ status: 201, body: {} }, { status: 409 }]));
    const home = await folder();
    const file = await csv(home, PEOPLE);
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, "--skip-invalid"];
    const result = await runCli([...args, "--concurrency", "1", "--json"], { env, home });
    expect(result.code).toBe(1);
    const document = documentOf("invite", result.stdout) as InviteDocument;
    expectAccounted(document);
    expect(document.summary).toMatchObject({ invited: 1, already_member: 1, invalid: 1 });
  });

  it("a file that a 402 stops: the rows after it not attempted", async () => {
    const server = await startServer(inviteReply({ status: 402 }));
    const home = await folder();
    const file = await csv(home, PEOPLE.replace("not-an-email", "bob@example.com"));
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, "--concurrency", "1", "--json"];
    const result = await runCli(args, { env, home });
    expect(result.code).toBe(3);
    const document = documentOf("invite", result.stdout) as InviteDocument;
    expectAccounted(document);
    expect(document.summary).toMatchObject({ failed: 1, not_attempted: 2 });
  });

  it("a resumed file run", async () => {
    const server = await startServer(OK_ROUTES);
    const home = await folder();
    const file = await csv(home, PEOPLE.replace("not-an-email", "bob@example.com"));
    const args = [
      "invite",
      "--file",
      file,
      "--org",
      ORG_ID,
      "--api-url",
      server.url,
      "--report",
      join(home, "r.jsonl"),
    ];
    await runCli([...args, "--json"], { env, home });
    const result = await runCli([...args, "--resume", "--json"], { env, home });
    expect(result.code).toBe(0);
    expectAccounted(documentOf("invite", result.stdout) as InviteDocument);
  });

  // The contract the schema states beyond one document's shape: results in input order, resumed rows marked.
  it("results come in input order, by line", async () => {
    const server = await startServer(OK_ROUTES);
    const home = await folder();
    const file = await csv(home, PEOPLE);
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, "--skip-invalid", "--json"];
    const document = documentOf("invite", (await runCli(args, { env, home })).stdout) as InviteDocument;
    expect(document.results.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it("a row an earlier run finished carries resumed: true", async () => {
    const server = await startServer(OK_ROUTES);
    const home = await folder();
    const file = await csv(home, PEOPLE.replace("not-an-email", "bob@example.com"));
    const args = [
      "invite",
      "--file",
      file,
      "--org",
      ORG_ID,
      "--api-url",
      server.url,
      "--report",
      join(home, "r.jsonl"),
    ];
    await runCli(args, { env, home });
    const document = documentOf("invite", (await runCli([...args, "--resume", "--json"], { env, home })).stdout);
    expect((document as InviteDocument).results.map((r) => r.resumed)).toEqual([true, true, true]);
  });

  it("a report that cannot be written: the outcomes it lacks are the document's unrecorded", async () => {
    const server = await startServer(OK_ROUTES);
    const home = await folder();
    const file = await csv(home, PEOPLE.replace("not-an-email", "bob@example.com"));
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, "--report", "/dev/full"];
    const result = await runCli([...args, "--json"], { env, home });
    expect(result.code).toBe(1);
    const document = documentOf("invite", result.stdout) as InviteDocument & { unrecorded: unknown[] };
    expectAccounted(document);
    expect(document.unrecorded).toHaveLength(3);
  });

  it("an existing member asked into a workspace gets a note", async () => {
    const server = await startServer({
      ...inviteReply({ status: 409 }),
      "GET /api/v1/workspaces": { status: 200, body: WORKSPACES },
    });
    const home = await folder();
    const args = ["invite", ...JANE, "--workspace", "Marketing", "--org", ORG_ID, "--api-url", server.url, "--json"];
    const document = documentOf("invite", (await runCli(args, { env, home })).stdout) as InviteDocument;
    expect(document.results[0]?.note).toMatch(/workspace/);
  });
});

describe("invite --dry-run --json, validated against schemas/dry-run.schema.json", () => {
  it("a file under --skip-invalid: the requests of the valid rows, the invalid ones counted", async () => {
    const home = await folder();
    const file = await csv(home, PEOPLE);
    const result = await runCli(["invite", "--file", file, "--org", ORG_ID, "--dry-run", "--skip-invalid", "--json"], {
      home,
    });
    const document = documentOf("dry-run", result.stdout) as { dry_run: { requests: unknown[]; invalid: number } };
    expect(document.dry_run.requests).toHaveLength(2);
    expect(document.dry_run.invalid).toBe(1);
  });

  it("a file whose workspaces are named: resolved to IDs in the bodies", async () => {
    const server = await startServer({ ...OK_ROUTES, "GET /api/v1/workspaces": { status: 200, body: WORKSPACES } });
    const home = await folder();
    const file = await csv(
      home,
      "email,given_name,family_name,role,workspaces\nada@example.com,Ada,L,admin,Marketing;Legal\n",
    );
    const args = ["invite", "--file", file, "--org", ORG_ID, "--api-url", server.url, "--dry-run", "--json"];
    const result = await runCli(args, { env, home });
    expect(result.code).toBe(0);
    documentOf("dry-run", result.stdout);
    expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);
  });
});

describe("login, logout and completion --json, validated against their schemas", () => {
  it("login: the /me body of the key it saved (the whoami schema)", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["login", "--api-key-file", "-", "--api-url", server.url, "--json"], {
      stdin: KEYS.file,
      home: await folder(),
    });
    expect(result.code).toBe(0);
    expect(documentOf("whoami", result.stdout)).toEqual(ME_BODY);
  });

  it.each([
    ["API_KEY=k\nAPI_URL=https://api.us.deepset.ai/api/v1", ["API_KEY", "API_URL"]],
    ["DEFAULT_WORKSPACE_NAME=default", []],
  ])("logout of a file holding %j", async (contents, removed) => {
    const home = await folder();
    const result = await runCli(["logout", "--json"], { home, dotenv: contents });
    expect(result.code).toBe(0);
    expect(documentOf("logout", result.stdout)).toEqual({ removed });
  });

  it("completion: the shell and its script", async () => {
    const result = await runCli(["completion", "zsh", "--json"], { home: await folder() });
    expect(result.code).toBe(0);
    expect(documentOf("completion", result.stdout)).toMatchObject({ shell: "zsh" });
  });
});

describe("whoami and workspaces --json, validated against their schemas", () => {
  it("whoami: the /me body, fields the spec does not name included", async () => {
    const server = await startServer(OK_ROUTES);
    const result = await runCli(["whoami", "--api-url", server.url, "--json"], { env, home: await folder() });
    expect(result.code).toBe(0);
    expect(documentOf("whoami", result.stdout)).toEqual(ME_BODY);
  });

  it("workspaces: the array as the API gives it", async () => {
    const server = await startServer({ "GET /api/v1/workspaces": { status: 200, body: WORKSPACES } });
    const result = await runCli(["workspaces", "--api-url", server.url, "--json"], { env, home: await folder() });
    expect(result.code).toBe(0);
    expect(documentOf("workspaces", result.stdout)).toEqual(WORKSPACES);
  });

  it("workspaces: none", async () => {
    const server = await startServer({ "GET /api/v1/workspaces": { status: 200, body: [] } });
    const result = await runCli(["workspaces", "--api-url", server.url, "--json"], { env, home: await folder() });
    expect(documentOf("workspaces", result.stdout)).toEqual([]);
  });

  it("workspaces: an answer unlike the spec is an error document, exit 1", async () => {
    const server = await startServer({ "GET /api/v1/workspaces": { status: 200, body: {} } });
    const result = await runCli(["workspaces", "--api-url", server.url, "--json"], { env, home: await folder() });
    expect(result.code).toBe(1);
    expect((documentOf("error", result.stdout) as { error: { code: string } }).error.code).toBe("unexpected_answer");
  });
});

describe("an error under --json, validated against schemas/error.schema.json", () => {
  const cases: [string, () => Promise<string[]>, Record<string, string>, number][] = [
    ["a usage error", async () => ["invite", "--email", "jane@example.com"], env, 2],
    ["invalid input, with its problems", async () => ["invite", ...JANE.slice(2), "--email", "nope"], env, 2],
    [
      "invalid rows of a file, each with its line",
      async () => ["invite", "--file", await csv(await folder(), PEOPLE), "--org", ORG_ID],
      env,
      2,
    ],
    ["no API key", async () => ["whoami"], {}, 4],
    ["a refused http:// URL", async () => ["whoami", "--api-url", "http://example.invalid"], env, 2],
    ["an unreachable API", async () => ["whoami", "--api-url", await closedPortUrl(), "--max-retries", "0"], env, 1],
    [
      "whoami with a key /me refuses",
      async () => ["whoami", "--api-url", (await startServer({ "GET /api/v1/me": { status: 401 } })).url],
      env,
      4,
    ],
    [
      "an unknown workspace name",
      async () => {
        const server = await startServer({ ...OK_ROUTES, "GET /api/v1/workspaces": { status: 200, body: WORKSPACES } });
        return ["invite", ...JANE, "--workspace", "Marketting", "--org", ORG_ID, "--api-url", server.url];
      },
      env,
      2,
    ],
  ];

  it.each(cases)("%s", async (_, args, caseEnv, code) => {
    const result = await runCli([...(await args()), "--json"], { env: caseEnv, home: await folder() });
    expect(result.code).toBe(code);
    documentOf("error", result.stdout);
  });
});

// The invitation path the dry run's schema names is the one a real run sends to.
it("the dry run's path pattern matches the path a real run posts to", () => {
  const pattern = new RegExp(
    (schemas.get("dry-run") as { properties: { dry_run: { properties: { path: { pattern: string } } } } }).properties
      .dry_run.properties.path.pattern,
  );
  expect(INVITE_PATH).toMatch(pattern);
});
