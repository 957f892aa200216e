// Header → fields: the spellings HR exports use, --column, and a field two columns would fill
// refused as one error — never "the last one wins".
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/errors.js";
import {
  ALIASES,
  describeMapping,
  headerError,
  mapColumns,
  normalize,
  parseColumnOverrides,
} from "../../src/input/columns.js";

const map = (header: string[], overrides: string[] = [], roleFromFlag = false) =>
  mapColumns(header, { overrides: parseColumnOverrides(overrides), roleFromFlag });
const fields = (header: string[], overrides: string[] = [], roleFromFlag = false) =>
  map(header, overrides, roleFromFlag).fieldAt;
const errorOf = (header: string[], overrides: string[] = [], roleFromFlag = false) =>
  headerError(map(header, overrides, roleFromFlag), header, { label: "p.csv", delimiter: ",", roleFromFlag })?.message;

describe("names are matched ignoring case, surrounding spaces, and space, - and _ alike", () => {
  it.each([
    ["email", "email"],
    [" EMAIL ", "email"],
    ["Given Name", "given_name"],
    ["given-name", "given_name"],
    ["GIVEN__NAME", "given_name"],
    ["family name", "family_name"],
    ["Workspace IDs", "workspace_ids"],
    ["workspace-ids", "workspace_ids"],
    ["Workspaces", "workspaces"],
    ["Role", "role"],
  ])("%j → %s", (name, field) => {
    expect(fields([name])).toEqual([field]);
  });

  it("a name that only looks alike is unknown", () => {
    expect(map(["e.mail", "given.name", "emails"]).unknown).toEqual(["e.mail", "given.name", "emails"]);
  });
});

describe("the spellings HR systems export", () => {
  const table: [string, string][] = [
    ["First Name", "given_name"],
    ["firstname", "given_name"],
    ["FirstName", "given_name"],
    ["Given Name", "given_name"],
    ["Forename", "given_name"],
    ["first_name", "given_name"],
    ["Last Name", "family_name"],
    ["lastname", "family_name"],
    ["Surname", "family_name"],
    ["Family Name", "family_name"],
    ["E-mail", "email"],
    ["Email Address", "email"],
    ["E-Mail Address", "email"],
    ["Mail", "email"],
  ];
  it.each(table)("%j → %s", (name, field) => {
    expect(fields([name])).toEqual([field]);
  });

  it("every alias is in the table above", () => {
    const covered = new Set(table.map(([name]) => normalize(name)));
    for (const spelling of Object.values(ALIASES).flat()) expect(covered).toContain(normalize(spelling));
  });

  it("First Name,Last Name,Email,Department: what HR exports is accepted, Department unknown", () => {
    const mapping = map(["First Name", "Last Name", "Email", "Department"], [], true);
    expect(mapping.fieldAt).toEqual(["given_name", "family_name", "email", null]);
    expect(mapping.unknown).toEqual(["Department"]);
    expect(mapping.missing).toEqual([]);
    expect(describeMapping(mapping)).toEqual([
      "column 'First Name' → given_name",
      "column 'Last Name' → family_name",
      "column 'Email' → email",
    ]);
  });
});

describe("a field two columns would fill is one header error naming them", () => {
  it("email and E-mail", () => {
    expect(errorOf(["email", "given_name", "family_name", "role", "E-mail"])).toMatch(
      /^p\.csv line 1: "email" \(column 1\) and "E-mail" \(column 5\) would both fill email \(found: /,
    );
  });

  it("a column named twice: role,role", () => {
    expect(errorOf(["email", "given_name", "family_name", "role", "role"])).toMatch(
      /"role" \(column 4\) and "role" \(column 5\) would both fill role/,
    );
  });

  it("several problems at once, in one error", () => {
    const message = errorOf(["Email", "mail", "First Name", "forename"]);
    expect(message).toMatch(/would both fill email; .* would both fill given_name; the header lacks family_name, role/);
  });

  it("the error is an input error (exit 2)", () => {
    const header = ["email", "Email"];
    expect(headerError(map(header), header, { label: "p.csv", delimiter: ",", roleFromFlag: false })).toBeInstanceOf(
      CliError,
    );
  });

  it("the same column twice among those ignored or unknown is no conflict", () => {
    expect(errorOf(["email", "first name", "surname", "role", "outcome", "outcome", "notes", "notes"])).toBeUndefined();
  });
});

describe("--column FIELD=HEADER", () => {
  it("maps any column, and wins over the spellings", () => {
    const mapping = map(
      ["Work Email", "email", "Vorname", "Nachname", "role"],
      ["email=Work Email", "given_name=Vorname", "family-name= nachname "],
    );
    expect(mapping.fieldAt).toEqual(["email", null, "given_name", "family_name", "role"]);
    expect(mapping.conflicts).toEqual([]);
    // The column the override displaced fills nothing, and is not "unknown" either.
    expect(mapping.unknown).toEqual([]);
    expect(describeMapping(mapping)).toContain("column 'Work Email' → email (--column)");
  });

  it("naming a header that is not there is a header error", () => {
    expect(errorOf(["email", "given_name", "family_name", "role"], ["email=Work Email"])).toMatch(
      /--column email=Work Email names a column the header does not have/,
    );
  });

  it("naming a header that is there twice is a conflict", () => {
    expect(errorOf(["Mail", "given_name", "family_name", "role", "mail"], ["email=MAIL"])).toMatch(
      /"Mail" \(column 1\) and "mail" \(column 5\) would both fill email/,
    );
  });

  it.each([
    ["email", /must be FIELD=HEADER/],
    ["email=", /must be FIELD=HEADER/],
    ["=Work Email", /"" is not a field; the fields are email, given_name/],
    ["department=Dept", /"department" is not a field/],
  ])("%j is a usage error", (spec, message) => {
    expect(() => parseColumnOverrides([spec])).toThrow(message);
    expect(() => parseColumnOverrides([spec])).toThrow(expect.objectContaining({ code: "usage" }));
  });

  it("a field mapped twice, or one header mapped to two fields, is a usage error", () => {
    expect(() => parseColumnOverrides(["email=A", "email=B"])).toThrow(/maps email twice/);
    expect(() => parseColumnOverrides(["given_name=Name", "family_name=name"])).toThrow(/maps "name" to two fields/);
  });

  it("a HEADER may hold = itself", () => {
    expect(parseColumnOverrides(["email=a=b"])).toEqual([{ field: "email", header: "a=b" }]);
  });
});

describe("what the header must have", () => {
  it("email, given_name, family_name and role", () => {
    expect(map(["x"]).missing).toEqual(["email", "given_name", "family_name", "role"]);
  });

  it("no role when --role gives one", () => {
    expect(map(["x"], [], true).missing).toEqual(["email", "given_name", "family_name"]);
  });

  it("outcome and error (a --failed-rows file) are known: neither unknown nor a field", () => {
    const mapping = map(["email", "given_name", "family_name", "role", "workspace_ids", "Outcome", "error"]);
    expect(mapping.unknown).toEqual([]);
    expect(mapping.fieldAt.slice(5)).toEqual([null, null]);
  });

  it("an unnamed column fills nothing and draws no warning", () => {
    expect(map(["email", ""]).unknown).toEqual([]);
  });
});
