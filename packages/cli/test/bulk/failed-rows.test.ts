// --failed-rows PATH: the admin's loop. A run writes the rows it did not get done (invalid,
// failed, not attempted) as a CSV with their outcome and error; `dcloud invite --file` takes
// that file back as it is and sends exactly those rows; the summary says how.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };
const HEADER = "email,given_name,family_name,role,workspace_ids,outcome,error";
const WS = "0b8a6f8e-1f4c-4d3a-9e2b-7c6d5e4f3a21";

async function files(text: string) {
  const dir = await tempDir();
  const input = join(dir, "people.csv");
  await writeFile(input, text);
  return { dir, input, failed: join(dir, "failed.csv") };
}

const rowsOf = async (path: string) =>
  parse(await readFile(path, "utf8"), { columns: true }) as Record<string, string>[];

describe("--failed-rows", () => {
  it("writes the invalid, failed and not attempted rows as read, in input order, with outcome and error; --file takes it back", async () => {
    const api = await startInvitationServer({
      faults: { "bob@example.com": [{ kind: "status", status: 500 }] },
    });
    const { input, failed } = await files(
      [
        "email,given_name,family_name,role,workspace_ids",
        `ada@example.com,Ada,Lovelace,admin,${WS}`,
        'bob@example.com,"Bob, ""the builder""",Builder,,',
        "not-an-email,Carl,Friedrich,member,",
        "dora@example.com,Dora,Explorer,member,",
      ].join("\n"),
    );
    const args = ["--org", ORG_ID, "--api-url", api.url, "--max-retries", "0"];
    const result = await runCli(
      ["invite", "--file", input, ...args, "--role", "member", "--skip-invalid", "--failed-rows", failed],
      { env },
    );

    expect(result.code).toBe(1);
    const text = await readFile(failed, "utf8");
    expect(text.split("\n")[0]).toBe(HEADER);
    expect(await rowsOf(failed)).toEqual([
      {
        email: "bob@example.com",
        given_name: 'Bob, "the builder"',
        family_name: "Builder",
        // --role filled the empty cell: the file needs no flag to be read back as the same row.
        role: "member",
        workspace_ids: "",
        outcome: "failed",
        error: expect.stringContaining("500"),
      },
      {
        email: "not-an-email",
        given_name: "Carl",
        family_name: "Friedrich",
        role: "member",
        workspace_ids: "",
        outcome: "invalid",
        error: 'email: "not-an-email" is not a valid email address',
      },
    ]);
    // The summary says how to run just those rows again.
    expect(result.stderr).toContain(`the 2 rows not done are in ${failed}`);
    expect(result.stderr).toContain(`dcloud invite --file ${failed}`);

    // The file goes back in as it is: outcome and error are known columns, ignored without a warning.
    await writeFile(failed, text.replace("not-an-email", "carl@example.com"));
    const again = await runCli(["invite", "--file", failed, ...args], { env });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect([...api.applied.keys()].sort()).toEqual([
      "ada@example.com",
      "bob@example.com",
      "carl@example.com",
      "dora@example.com",
    ]);
    expect(JSON.parse(api.posts.at(-2)?.body ?? "{}")).toEqual({
      email: "bob@example.com",
      given_name: 'Bob, "the builder"',
      family_name: "Builder",
      role: "member",
    });
  });

  it("a run that stops early (402) writes the rows it never sent as not_attempted", async () => {
    const api = await startInvitationServer({ always: 402 });
    const { input, failed } = await files(
      "email,given_name,family_name,role\na@example.com,A,A,member\nb@example.com,B,B,member\nc@example.com,C,C,member\n",
    );
    const result = await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--concurrency", "1", "--failed-rows", failed],
      { env },
    );
    expect(result.code).toBe(3);
    const rows = await rowsOf(failed);
    expect(rows.map((r) => [r.email, r.outcome])).toEqual([
      ["a@example.com", "failed"],
      ["b@example.com", "not_attempted"],
      ["c@example.com", "not_attempted"],
    ]);
  });

  it("with every row done: the header alone", async () => {
    const api = await startInvitationServer();
    const { input, failed } = await files("email,given_name,family_name,role\na@example.com,A,A,member\n");
    const result = await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--failed-rows", failed],
      { env },
    );
    expect(result.code).toBe(0);
    expect(await readFile(failed, "utf8")).toBe(`${HEADER}\n`);
    expect(result.stderr).toBe("");
  });

  it("JSON Lines rows are written as CSV cells: lists joined with ';'", async () => {
    const api = await startInvitationServer({ always: 500 });
    const dir = await tempDir();
    const input = join(dir, "people.jsonl");
    const failed = join(dir, "failed.csv");
    await writeFile(
      input,
      `${JSON.stringify({ email: "a@example.com", given_name: "Ä", family_name: "Ö;Ü", role: "member", workspace_ids: [WS, WS.replace("0b", "1b")] })}\n`,
    );
    await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--max-retries", "0", "--failed-rows", failed],
      { env },
    );
    expect(await rowsOf(failed)).toEqual([
      expect.objectContaining({
        email: "a@example.com",
        given_name: "Ä",
        family_name: "Ö;Ü",
        workspace_ids: `${WS};${WS.replace("0b", "1b")}`,
        outcome: "failed",
      }),
    ]);
  });

  it.each([
    ["the input file", (p: { input: string; report: string }) => p.input],
    ["the report", (p: { input: string; report: string }) => p.report],
  ])("may not name %s (however spelled): usage error, nothing sent", async (_what, pick) => {
    const api = await startInvitationServer();
    const { dir, input } = await files("email,given_name,family_name,role\na@example.com,A,A,member\n");
    const report = join(dir, "report.jsonl");
    await writeFile(report, "");
    const target = pick({ input, report }).replace(dir, `${dir}/./`);
    const before = await readFile(input, "utf8");
    const result = await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--report", report, "--failed-rows", target],
      { env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--failed-rows");
    expect(api.posts).toHaveLength(0);
    expect(await readFile(input, "utf8")).toBe(before);
  });

  it("goes with --file, and not with --dry-run", async () => {
    const one = await runCli(
      [
        "invite",
        "--email",
        "a@example.com",
        "--given-name",
        "A",
        "--family-name",
        "B",
        "--role",
        "member",
        "--failed-rows",
        "x.csv",
      ],
      { env },
    );
    expect(one.code).toBe(2);
    const { input, failed } = await files("email,given_name,family_name,role\na@example.com,A,A,member\n");
    const dry = await runCli(["invite", "--file", input, "--org", ORG_ID, "--dry-run", "--failed-rows", failed], {
      env,
    });
    expect(dry.code).toBe(2);
    expect(existsSync(failed)).toBe(false);
  });

  it("without it, after failures the summary suggests it (and --resume)", async () => {
    const api = await startInvitationServer({ always: 500 });
    const { input } = await files(
      "email,given_name,family_name,role\na@example.com,A,A,member\nb@example.com,B,B,member\n",
    );
    const result = await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--max-retries", "0"],
      {
        env,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hint: to run just the 2 rows not done, pass --failed-rows PATH.*--resume/);
  });
});

describe("invalid rows in the report", () => {
  it("keep their email as typed, control characters escaped — never blank", async () => {
    const api = await startInvitationServer();
    const { dir, input } = await files(
      'email,given_name,family_name,role\n"bad\x1b[2Jmail",A,A,member\nok@example.com,B,B,member\n',
    );
    const report = join(dir, "report.jsonl");
    const result = await runCli(
      ["invite", "--file", input, "--org", ORG_ID, "--api-url", api.url, "--skip-invalid", "--report", report],
      { env },
    );
    expect(result.code).toBe(1);
    const lines = (await readFile(report, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.status === "invalid")?.email).toBe("bad\\x1b[2Jmail");
  });
});
