// The CSV layer on its own: where each row starts, the delimiter, the header, quotes, blank
// rows, and the quoting errors that leave row boundaries uncertain.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../src/input/csv.js";
import type { RawRow } from "../../src/rows/raw.js";
import { tempDir } from "../helpers/cli.js";

async function read(csv: string, options: { roleFromFlag?: boolean } = {}) {
  const path = join(await tempDir(), "rows.csv");
  await writeFile(path, csv);
  const rows: RawRow[] = [];
  const unknown: string[][] = [];
  for await (const row of readCsv(path, {
    label: "rows.csv",
    roleFromFlag: options.roleFromFlag ?? false,
    onUnknownColumns: (n) => unknown.push(n),
  })) {
    rows.push(row);
  }
  return { rows, unknown };
}

const HEADER = "email,given_name,family_name,role";
const linesOf = async (csv: string) => (await read(csv)).rows.map((r) => [r.line, r.unreadable ?? r.fields.email]);

describe("the line each row starts on", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR (old Excel)", "\r"],
  ])("%s: quoted cells with line breaks do not shift the rows after them", async (_name, eol) => {
    const csv = [HEADER, 'a,"x', 'y",F,r', 'b,"p', "q", 'r",F,r', "", "c,d,e,r", ""].join(eol);
    expect(await linesOf(csv)).toEqual([
      [2, "a"],
      [4, "b"],
      [8, "c"],
    ]);
  });

  it("a file that mixes CRLF and LF", async () => {
    const csv = `${HEADER}\r\na,"x\r\ny",F,r\nb,"p\nq",F,r\r\nc,d,e,r\n`;
    expect(await linesOf(csv)).toEqual([
      [2, "a"],
      [4, "b"],
      [6, "c"],
    ]);
  });
});

describe("the delimiter, as the header row shows it", () => {
  it.each([
    ["semicolon", ";"],
    ["tab", "\t"],
  ])("%s", async (_name, d) => {
    const { rows } = await read(`email${d}given_name${d}family_name${d}role\na@x.io${d}A, Jr.${d}B${d}member\n`);
    expect(rows).toEqual([
      { line: 2, fields: { email: "a@x.io", given_name: "A, Jr.", family_name: "B", role: "member" } },
    ]);
  });
});

describe("cells and rows", () => {
  it('a quote inside an unquoted cell is text: Bob "the builder"', async () => {
    const { rows } = await read(`${HEADER}\nbob@x.io,Bob "the builder",B,member\n`);
    expect(rows[0]?.fields.given_name).toBe('Bob "the builder"');
  });

  it("blank lines, lines of white space and rows of empty cells are skipped", async () => {
    expect(await linesOf(`${HEADER}\n\n   \n,,,\n\t\na@x.io,A,B,r\n , , , \n`)).toEqual([[6, "a@x.io"]]);
  });

  it("a row with more cells than the header is that row's problem alone", async () => {
    expect(await linesOf(`${HEADER}\na@x.io,A,B,r,extra\nb@x.io,A,B,r\n`)).toEqual([
      [2, "5 cells, but the header (line 1) has 4"],
      [3, "b@x.io"],
    ]);
  });
});

describe("the header", () => {
  it("lacking required columns is one error naming them and the header found", async () => {
    await expect(read("Work Email,Name,Surname\na@x.io,A,B\n")).rejects.toThrow(
      /rows\.csv line 1: the header lacks email, given_name, role \(found: "Work Email","Name","Surname"\)/,
    );
  });

  it("a file whose first line is a row, not a header, is the same one error", async () => {
    await expect(read("a@x.io,A,B,member\nb@x.io,B,C,member\n")).rejects.toThrow(/line 1: the header lacks/);
  });

  it("needs no role column when --role gives one", async () => {
    const { rows } = await read("email,given_name,family_name\na@x.io,A,B\n", { roleFromFlag: true });
    expect(rows).toHaveLength(1);
  });

  it("reports unknown columns once, by name", async () => {
    const { unknown } = await read(`${HEADER},Department,notes\na@x.io,A,B,r,R&D,x\nb@x.io,A,B,r,R&D,y\n`);
    expect(unknown).toEqual([["department", "notes"]]);
  });
});

describe("a quote never closed", () => {
  it("is fatal, naming the line where it opened, not the end of the file", async () => {
    const rows = Array.from({ length: 48 }, (_, i) => `u${i}@x.io,U,V,member`);
    const csv = [HEADER, "a@x.io,A,B,member", 'c@x.io,"Cee,D,member', ...rows, ""].join("\n");
    await expect(read(csv)).rejects.toThrow(/rows\.csv line 3: a quote opened on line 3 is never closed/);
  });
});
