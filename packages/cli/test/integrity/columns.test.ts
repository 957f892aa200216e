// Columns: the spellings HR systems export are read as they are; a field two columns would
// fill is one header error (never "the last one wins"); --column maps any other; --dry-run
// and --debug say which column fills which field.
import { describe, expect, it } from "vitest";
import { JANE, runCli } from "../helpers/cli.js";
import { ORG_ID } from "../helpers/server.js";
import { env, inviteFile } from "./run.js";

describe("a field two columns would fill", () => {
  it.each([
    ["email,…,Email", "email,given_name,family_name,role,Email\nbob@x.io,B,C,member,eve@x.io\n", "email"],
    ["role,role", "email,given_name,family_name,role,role\nbob@x.io,B,C,member,admin\n", "role"],
    ["email and E-mail", "email,given_name,family_name,role,E-mail\nbob@x.io,B,C,member,eve@x.io\n", "email"],
  ])("%s: one header error naming both columns, exit 2, nothing sent", async (_what, csv, field) => {
    for (const extra of [[], ["--skip-invalid"]]) {
      const { result, server } = await inviteFile("p.csv", csv, extra);
      expect(result.code).toBe(2);
      expect(server.requests).toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        new RegExp(`p\\.csv line 1: "\\w+" \\(column \\d\\) and "[\\w-]+" \\(column 5\\) would both fill ${field}`),
      );
    }
  });
});

describe("headers as HR systems export them", () => {
  it.each([
    ["First Name,Last Name,Email,Department", "Ada,Lovelace,ada@x.io,R&D"],
    ["first_name,last_name,email,department", "Ada,Lovelace,ada@x.io,R&D"],
    ["Given Name,Surname,E-mail Address,Department", "Ada,Lovelace,ada@x.io,R&D"],
  ])("%s is accepted", async (header, row) => {
    const { result, sent } = await inviteFile("hr.csv", `${header}\n${row}\n`, ["--role", "member"]);
    expect(result.code).toBe(0);
    expect(sent).toEqual([{ email: "ada@x.io", given_name: "Ada", family_name: "Lovelace", role: "member" }]);
  });
});

describe("--column FIELD=HEADER", () => {
  const csv = "Work Email,Vorname,Nachname,Role\nada@x.io,Ada,Lovelace,member\n";
  const mapping = [
    "--column",
    "email=Work Email",
    "--column",
    "given_name=Vorname",
    "--column",
    "family_name=Nachname",
  ];

  it("maps any column to a field", async () => {
    const { result, sent } = await inviteFile("p.csv", csv, mapping);
    expect(result.code).toBe(0);
    expect(sent).toEqual([{ email: "ada@x.io", given_name: "Ada", family_name: "Lovelace", role: "member" }]);
  });

  it("--dry-run prints which column fills which field", async () => {
    const { result } = await inviteFile("p.csv", csv, [...mapping, "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 5)).toEqual([
      "columns:",
      "  column 'Work Email' → email (--column)",
      "  column 'Vorname' → given_name (--column)",
      "  column 'Nachname' → family_name (--column)",
      "  column 'Role' → role",
    ]);
  });

  it("--debug logs it", async () => {
    const { result } = await inviteFile("p.csv", csv, [...mapping, "--debug"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("debug: ");
    expect(result.stderr).toMatch(/p\.csv: column 'Vorname' → given_name \(--column\)/);
  });

  it.each([
    [["--column", "email"], "must be FIELD=HEADER"],
    [["--column", "mail=Work Email"], '"mail" is not a field'],
    [["--column", "email=A", "--column", "email=B"], "maps email twice"],
  ])("%j is a usage error before anything is read", async (flags, message) => {
    const { result, server } = await inviteFile("p.csv", csv, flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(server.requests).toBe(0);
  });

  it("a --column naming a header the file lacks is one header error", async () => {
    const { result, server } = await inviteFile("p.csv", csv, [...mapping, "--column", "role=Rolle"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--column role=Rolle names a column the header does not have");
    expect(server.requests).toBe(0);
  });

  it.each([
    ["--column", "email=Work Email"],
    ["--encoding", "latin1"],
  ])("%s goes with --file", async (flag, value) => {
    const result = await runCli(["invite", ...JANE, "--org", ORG_ID, flag, value], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} go(es) with --file`);
  });
});

describe("JSON Lines", () => {
  it("an object with keys that differ only in case is an invalid row", async () => {
    const jsonl = '{"email":"bob@x.io","Email":"eve@x.io","given_name":"B","family_name":"C","role":"member"}\n';
    const { result, server } = await inviteFile("p.jsonl", jsonl);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('p.jsonl line 1: the keys "email" and "Email" differ only in case');
    expect(server.requests).toBe(0);
  });
});
