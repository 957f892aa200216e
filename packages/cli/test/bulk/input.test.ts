// `dcloud invite --file`: the input formats, and every validation rule with its line number.
// A file with any invalid row sends nothing and exits 2 (unless --skip-invalid).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const WS1 = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const WS2 = "9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8";

async function inviteFile(name: string, content: string, extra: string[] = [], stdin?: string) {
  const server = await startInvitationServer();
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, content);
  const fileArg = stdin === undefined ? path : "-";
  const result = await runCli(
    ["invite", "--file", fileArg, "--org", ORG_ID, "--api-url", server.url, "--json", ...extra],
    { env, ...(stdin === undefined ? {} : { stdin }) },
  );
  const bodies = server.posts.map((p) => JSON.parse(p.body) as Record<string, unknown>);
  return { server, result, bodies, json: result.stdout ? JSON.parse(result.stdout) : undefined };
}

describe("CSV input", () => {
  it("reads a header in any case, a BOM, CRLF, quoted cells with commas, and ;-separated workspaces", async () => {
    const csv =
      "\uFEFFEMAIL,Given_Name,family_name,Role,WORKSPACE_IDS\r\n" +
      `ada@example.com,Ada,Lovelace,admin,\r\n` +
      `"grace@example.com","Hopper, Grace","Hopper",member,"${WS1}; ${WS2}"\r\n` +
      `linus@example.com,Linus,Torvalds,member,${WS1}\r\n`;
    const { result, bodies, json } = await inviteFile("people.csv", csv);

    expect(result.code).toBe(0);
    expect(bodies).toEqual(
      expect.arrayContaining([
        { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "admin" },
        {
          email: "grace@example.com",
          given_name: "Hopper, Grace",
          family_name: "Hopper",
          role: "member",
          workspace_ids: [WS1, WS2],
        },
        {
          email: "linus@example.com",
          given_name: "Linus",
          family_name: "Torvalds",
          role: "member",
          workspace_ids: [WS1],
        },
      ]),
    );
    const lines = Object.fromEntries(json.results.map((r: { email: string; line: number }) => [r.email, r.line]));
    expect(lines).toEqual({ "ada@example.com": 2, "grace@example.com": 3, "linus@example.com": 4 });
  });

  it("a quoted cell that spans lines is read as one row, and a line break in a name makes the row invalid on the line where it starts", async () => {
    const csv =
      "email,given_name,family_name,role\r\n" +
      `"grace@example.com","Grace","Hop\r\nper",member\r\n` +
      `linus@example.com,Linus,Torvalds,member\r\n`;
    const { server, result, json } = await inviteFile("people.csv", csv);

    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(json.error.problems).toEqual([
      { line: 2, field: "family_name", message: "contains a control character (U+000D)" },
    ]);
  });

  it("takes --role and --workspace-id for empty cells only", async () => {
    const csv = `email,given_name,family_name,role,workspace_ids\na@example.com,A,A,,\nb@example.com,B,B,admin,${WS2}\n`;
    const { result, bodies } = await inviteFile("p.csv", csv, ["--role", "member", "--workspace-id", WS1]);
    expect(result.code).toBe(0);
    expect(bodies).toEqual(
      expect.arrayContaining([
        { email: "a@example.com", given_name: "A", family_name: "A", role: "member", workspace_ids: [WS1] },
        { email: "b@example.com", given_name: "B", family_name: "B", role: "admin", workspace_ids: [WS2] },
      ]),
    );
  });

  it("accepts rows that leave out trailing empty cells, and skips blank lines", async () => {
    const csv = "email,given_name,family_name,role,workspace_ids\n\na@example.com,A,A,member\n\n";
    const { result, bodies, json } = await inviteFile("p.csv", csv);
    expect(result.code).toBe(0);
    expect(bodies).toHaveLength(1);
    expect(json.results[0].line).toBe(3);
  });

  it("reads standard input with --file -", async () => {
    const { result, bodies } = await inviteFile(
      "unused.csv",
      "",
      [],
      "email,given_name,family_name,role\na@example.com,A,A,member\n",
    );
    expect(result.code).toBe(0);
    expect(bodies).toEqual([{ email: "a@example.com", given_name: "A", family_name: "A", role: "member" }]);
  });

  it("warns about a column that is not an invitation field, and ignores it", async () => {
    const csv = "email,given_name,family_name,role,department\na@example.com,A,A,member,R&D\n";
    const { result, bodies } = await inviteFile("p.csv", csv);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: .*p\.csv line 1: column "department" is not an invitation field; ignored\./,
    );
    expect(bodies[0]).not.toHaveProperty("department");
  });
});

describe("JSON Lines input (.jsonl, .ndjson)", () => {
  it.each(["people.jsonl", "people.ndjson"])("%s: one object a line, the first object is line 1", async (name) => {
    const jsonl =
      `{"email":"a@example.com","given_name":"A","family_name":"A","role":"member","workspace_ids":["${WS1}"]}\n` +
      "\n" +
      `{"email":"b@example.com","given_name":"B","family_name":"B","role":"admin"}\n`;
    const { result, bodies, json } = await inviteFile(name, jsonl);
    expect(result.code).toBe(0);
    expect(bodies).toEqual(
      expect.arrayContaining([
        { email: "a@example.com", given_name: "A", family_name: "A", role: "member", workspace_ids: [WS1] },
        { email: "b@example.com", given_name: "B", family_name: "B", role: "admin" },
      ]),
    );
    const lines = json.results.map((r: { line: number }) => r.line).sort();
    expect(lines).toEqual([1, 3]);
  });
});

describe("validation before the first request", () => {
  const header = "email,given_name,family_name,role,workspace_ids\n";
  it.each([
    ["a missing email", `${header},A,A,member,\n`, { line: 2, field: "email", message: "is missing" }],
    [
      "a malformed email",
      `${header}not-an-email,A,A,member,\n`,
      { line: 2, field: "email", message: '"not-an-email" is not a valid email address' },
    ],
    [
      "a missing given name",
      `${header}a@example.com,,A,member,\n`,
      { line: 2, field: "given_name", message: "is missing" },
    ],
    [
      "a missing family name",
      `${header}a@example.com,A,,member,\n`,
      { line: 2, field: "family_name", message: "is missing" },
    ],
    [
      "a missing role without --role",
      `${header}a@example.com,A,A,,\n`,
      { line: 2, field: "role", message: "is missing (and no --role was given)" },
    ],
    [
      "a bad workspace UUID",
      `${header}a@example.com,A,A,member,${WS1};nope\n`,
      { line: 2, field: "workspace_ids", message: '"nope" is not a UUID' },
    ],
    [
      "an email repeated, ignoring case",
      `${header}a@example.com,A,A,member,\nb@example.com,B,B,member,\nA@Example.com,A,A,member,\n`,
      { line: 4, field: "email", message: "A@Example.com is already on line 2" },
    ],
  ])("%s: exit 2, the problem with its line and field, nothing sent", async (_what, csv, problem) => {
    const { server, result, json } = await inviteFile("p.csv", csv);
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(json.error.code).toBe("invalid_input");
    expect(json.error.problems).toEqual([problem]);
    const where = `line ${problem.line}${problem.field ? `, ${problem.field}` : ""}`;
    expect(result.stderr).toContain(where);
  });

  it("JSON Lines: a line that is not JSON, or not an object, or a field of the wrong type", async () => {
    const jsonl = `not json\n[1,2]\n{"email":"a@example.com","given_name":7,"family_name":"A","role":"m","workspace_ids":"${WS1}"}\n`;
    const { server, result, json } = await inviteFile("p.jsonl", jsonl);
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(json.error.problems).toEqual([
      { line: 1, field: null, message: expect.stringMatching(/^not valid JSON/) },
      { line: 2, field: null, message: "not a JSON object" },
      { line: 3, field: "given_name", message: "must be text, not 7" },
    ]);
  });

  it("every invalid row is listed, not just the first", async () => {
    const csv = `${header}bad,A,A,member,\nok@example.com,B,B,member,\nalso-bad,C,C,member,\n`;
    const { result, json } = await inviteFile("p.csv", csv);
    expect(result.code).toBe(2);
    expect(json.error.problems.map((p: { line: number }) => p.line)).toEqual([2, 4]);
    expect(json.error.message).toContain("2 of 3 rows");
  });

  it("an empty file is an input error", async () => {
    const { server, result, json } = await inviteFile("p.csv", header);
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(json.error.message).toContain("no rows");
  });

  it("a file that does not exist is a usage error naming it", async () => {
    const result = await runCli(["invite", "--file", "/nonexistent/people.csv", "--org", ORG_ID], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("/nonexistent/people.csv");
  });
});

describe("the samples in examples/", () => {
  it.each(["invitees.csv", "invitees.jsonl"])("%s passes validation (--dry-run with --role)", async (name) => {
    const path = new URL(`../../../../examples/${name}`, import.meta.url).pathname;
    const result = await runCli(["invite", "--file", path, "--role", "member", "--org", ORG_ID, "--dry-run", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).dry_run.requests.length).toBeGreaterThanOrEqual(6);
  });
});
