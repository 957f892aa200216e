// The files an admin actually meets: an HR export with a stray quote, old Excel line
// endings, blank and empty rows, a header in another shape, no header at all, a directory.
// Each either reads as a person means it, or stops with one clear error and sends nothing.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

async function inviteFile(name: string, content: string, extra: string[] = []) {
  const server = await startInvitationServer();
  const dir = await tempDir();
  const path = join(dir, name);
  await writeFile(path, content);
  const result = await runCli(["invite", "--file", path, "--org", ORG_ID, "--api-url", server.url, ...extra], { env });
  return { server, result };
}

const rows = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `user${i + from}@example.com,Given,Family,member`);
const HEADER = "email,given_name,family_name,role";

describe("an unclosed quote", () => {
  const csv = [HEADER, ...rows(1), 'user2@example.com,"Given,Family,member', ...rows(48, 3), ""].join("\n");

  it.each([[[]], [["--skip-invalid"]]])(
    "stops the run naming the line where it opened, %j, and nothing is sent",
    async (extra) => {
      const { server, result } = await inviteFile("p.csv", csv, extra);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("p.csv line 3: a quote opened on line 3 is never closed");
      expect(server.requests).toBe(0);
    },
  );
});

describe("counts are of rows", () => {
  it("a 3-row file with 2 bad rows says 2 of 3", async () => {
    const { result } = await inviteFile(
      "p.csv",
      `${HEADER}\nbad,A,B,member\nok@example.com,A,B,member\nx@y..com,A,B,member\n`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("2 of 3 rows of");
  });
});

describe("what reads as a person means it", () => {
  it("CR line endings (old Excel)", async () => {
    const { server, result } = await inviteFile("p.csv", [HEADER, ...rows(3)].join("\r"));
    expect(result.code).toBe(0);
    expect(server.applied.size).toBe(3);
  });

  it("blank lines, lines of white space and ,,,, rows are skipped, not invalid", async () => {
    const { server, result } = await inviteFile(
      "p.csv",
      `${HEADER}\n\n   \n${rows(1)[0]}\n,,,\n\t\n${rows(1, 2)[0]}\n`,
    );
    expect(result.code).toBe(0);
    expect(server.applied.size).toBe(2);
    expect(result.stderr).toBe("");
  });

  it.each([
    ["semicolons", ";"],
    ["tabs", "\t"],
  ])("a header and rows separated by %s", async (_name, d) => {
    const csv = `Email${d}Given_Name${d}Family_Name${d}Role\nann@example.com${d}Ann, Jr.${d}Lee${d}member\n`;
    const { server, result } = await inviteFile("p.csv", csv);
    expect(result.code).toBe(0);
    expect(server.posts.map((p) => JSON.parse(p.body).given_name)).toEqual(["Ann, Jr."]);
  });
});

describe("a header problem is one error, not one per row", () => {
  it.each([
    ["no header at all", rows(20_000).join("\n")],
    // `E-mail,First Name,Last Name` is read as it is (see test/input/columns.test.ts); these words are not.
    ["a header in other words", `Work Email,Name,Nachname,Role\n${rows(20_000).join("\n")}`],
  ])(
    "%s: one error naming the missing columns and the header found, exit 2",
    async (_what, csv) => {
      const { server, result } = await inviteFile("p.csv", `${csv}\n`);
      expect(result.code).toBe(2);
      expect(server.requests).toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        /p\.csv line 1: the header lacks (email, )?given_name, family_name(, role)? \(found: /,
      );
    },
    60_000,
  );
});

describe("an HR export's header", () => {
  it("First Name,Last Name,Email,Department is read as it is: everyone invited, Department warned about once", async () => {
    const csv =
      "First Name,Last Name,Email,Department\nAda,Lovelace,ada@example.com,R&D\nAlan,Turing,alan@example.com,R&D\n";
    const { server, result } = await inviteFile("hr.csv", csv, ["--role", "member"]);
    expect(result.code).toBe(0);
    const sent = server.posts.map((p) => JSON.parse(p.body)).sort((a, b) => a.email.localeCompare(b.email));
    expect(sent).toEqual([
      { email: "ada@example.com", given_name: "Ada", family_name: "Lovelace", role: "member" },
      { email: "alan@example.com", given_name: "Alan", family_name: "Turing", role: "member" },
    ]);
    expect(result.stderr.match(/department/gi)).toHaveLength(1);
  });

  it("email,…,Email: one header error and nothing sent, never the last column", async () => {
    const { server, result } = await inviteFile("p.csv", `${HEADER},Email\nbob@x.io,B,C,member,eve@x.io\n`);
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(result.stderr).toContain('p.csv line 1: "email" (column 1) and "Email" (column 5) would both fill email');
  });
});

describe("a --file that is not a file of rows", () => {
  it("a directory: exit 2 with a message, no stack trace", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "exports"));
    const result = await runCli(["invite", "--file", join(dir, "exports"), "--org", ORG_ID], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a directory");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("emails and fields", () => {
  it.each([
    ["a trailing comma", '"ada@example.com,"'],
    ["an empty domain label", "x@y..com"],
    ["a space", '"a b@x.io"'],
    ["no domain", "ada@"],
  ])("%s is not a valid email address", async (_what, email) => {
    const { server, result } = await inviteFile("p.csv", `${HEADER}\n${email},A,B,member\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("p.csv line 2, email:");
    expect(server.requests).toBe(0);
  });

  it("non-ASCII letters are fine in both parts", async () => {
    const { server, result } = await inviteFile("p.csv", `${HEADER}\nzoë@bücher.example,Zoë,Brontë,member\n`);
    expect(result.code).toBe(0);
    expect(server.applied.has("zoë@bücher.example")).toBe(true);
  });

  it("a field with an escape sequence is invalid, on the line where its row starts", async () => {
    const { server, result } = await inviteFile(
      "p.csv",
      `${HEADER}\n${rows(1)[0]}\nmallory@example.com,"M\x1b]0;owned\x07",B,member\n`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("p.csv line 3, given_name: contains a control character (U+001B)");
    // And the sequence itself is not printed raw.
    expect(result.stderr).not.toContain("\x1b]0;");
    expect(server.requests).toBe(0);
  });
});

it("an option given twice is a usage error, not the last one winning", async () => {
  const server = await startInvitationServer();
  const result = await runCli(
    [
      "invite",
      "--email",
      "a@example.com",
      "--email",
      "b@example.com",
      "--given-name",
      "A",
      "--family-name",
      "B",
      "--role",
      "member",
      "--org",
      ORG_ID,
      "--api-url",
      server.url,
    ],
    { env },
  );
  expect(result.code).toBe(2);
  expect(result.stderr).toContain("--email was given twice");
  expect(server.requests).toBe(0);
});
