// CSV as an HR export really arrives: bytes in some encoding, headers in HR's spelling, and
// sizes no row can have — each read the way a person means it, or stopped naming its line.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import type { ColumnMapping } from "../../src/input/columns.js";
import { parseColumnOverrides } from "../../src/input/columns.js";
import { type CsvOptions, readCsv, readCsvFrom } from "../../src/input/csv.js";
import type { RawRow } from "../../src/rows/raw.js";

async function* once(bytes: Uint8Array) {
  yield bytes;
}

async function read(bytes: Uint8Array, options: Partial<CsvOptions> = {}) {
  const rows: RawRow[] = [];
  for await (const row of readCsvFrom(once(bytes), { label: "p.csv", roleFromFlag: false, ...options })) rows.push(row);
  return rows;
}

const HEADER = "email,given_name,family_name,role\n";

describe("encodings", () => {
  it("Excel's Windows-1252 CSV with --encoding windows-1252: Dušan O’Brien, José García, €", async () => {
    const bytes = iconv.encode(`${HEADER}d@x.io,Dušan,O’Brien,member\nj@x.io,José,García €,member\n`, "windows-1252");
    expect(bytes.includes(0x9a) && bytes.includes(0x92) && bytes.includes(0x80)).toBe(true);
    const rows = await read(bytes, { encoding: "windows-1252" });
    expect(rows.map((r) => [r.fields.given_name, r.fields.family_name])).toEqual([
      ["Dušan", "O’Brien"],
      ["José", "García €"],
    ]);
  });

  it("the same file read as UTF-8 is an error naming the first bad line, never a U+FFFD", async () => {
    const bytes = iconv.encode(`${HEADER}a@x.io,Ann,Lee,member\nj@x.io,José,García,member\n`, "windows-1252");
    await expect(read(bytes)).rejects.toThrow(
      /^p\.csv line 3: bytes that are not valid UTF-8.*--encoding windows-1252/,
    );
  });

  it.each(["utf-16le", "utf-16be"])("%s with its BOM, delimiter ; sniffed from the decoded header", async (enc) => {
    const bytes = iconv.encode(`email;given_name;family_name;role\r\nz@x.io;Zoë;Ng;member\r\n`, enc, { addBOM: true });
    expect(await read(bytes)).toEqual([
      { line: 2, fields: { email: "z@x.io", given_name: "Zoë", family_name: "Ng", role: "member" } },
    ]);
  });
});

describe("columns", () => {
  it("First Name,Last Name,Email,Department is read, and the mapping is told once", async () => {
    const mappings: ColumnMapping[] = [];
    const unknown: string[][] = [];
    const rows = await read(Buffer.from("First Name,Last Name,Email,Department\nAda,Lovelace,ada@x.io,R&D\n"), {
      roleFromFlag: true,
      onColumns: (m) => mappings.push(m),
      onUnknownColumns: (n) => unknown.push(n),
    });
    expect(rows).toEqual([{ line: 2, fields: { given_name: "Ada", family_name: "Lovelace", email: "ada@x.io" } }]);
    expect(mappings).toHaveLength(1);
    expect(unknown).toEqual([["department"]]);
  });

  it("email,…,Email: one header error, never the last one wins", async () => {
    await expect(
      read(Buffer.from(`email,given_name,family_name,role,Email\nbob@x.io,B,C,member,eve@x.io\n`)),
    ).rejects.toThrow(/^p\.csv line 1: "email" \(column 1\) and "Email" \(column 5\) would both fill email/);
  });

  it("role,role: one header error, never admin from the second", async () => {
    await expect(
      read(Buffer.from(`email,given_name,family_name,role,role\nb@x.io,B,C,member,admin\n`)),
    ).rejects.toThrow(/would both fill role/);
  });

  it("--column maps a header no spelling knows", async () => {
    const rows = await read(Buffer.from("Work Email,Vorname,Nachname\nw@x.io,Wim,Vos\n"), {
      roleFromFlag: true,
      columns: parseColumnOverrides(["email=Work Email", "given_name=Vorname", "family_name=Nachname"]),
    });
    expect(rows[0]?.fields).toEqual({ email: "w@x.io", given_name: "Wim", family_name: "Vos" });
  });

  it("a row with a value only in a column that fills no field is a row (missing fields), not skipped", async () => {
    const rows = await read(Buffer.from(`${HEADER.trim()},notes\n,,,,call me\n`));
    expect(rows).toEqual([{ line: 2, fields: { email: "", given_name: "", family_name: "", role: "" } }]);
  });
});

describe("sizes", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const file = async (contents: string | Buffer) => {
    const dir = await mkdtemp(join(tmpdir(), "dcloud-sizes-"));
    dirs.push(dir);
    const path = join(dir, "big.csv");
    await writeFile(path, contents);
    return path;
  };
  const readFile = async (path: string) => {
    const rows: RawRow[] = [];
    for await (const row of readCsv(path, { label: "big.csv", roleFromFlag: false })) rows.push(row);
    return rows;
  };

  it("a cell longer than 64 KiB is an input error naming its line", async () => {
    const path = await file(`${HEADER}a@x.io,A,B,member\nb@x.io,${"x".repeat(64 * 1024 + 1)},B,member\n`);
    await expect(readFile(path)).rejects.toThrow(/^big\.csv line 3: the cell in column 2 is longer than 64 KiB/);
  });

  it("a cell of exactly 64 KiB is read", async () => {
    const rows = await readFile(await file(`${HEADER}b@x.io,${"é".repeat(32 * 1024)},B,member\n`));
    expect(rows[0]?.fields.given_name).toHaveLength(32 * 1024);
  });

  it("a line longer than 1 MiB (a file of one 3 MiB line) is an input error naming it", async () => {
    const path = await file(`${HEADER}a@x.io,A,B,member\n${"x,".repeat(1.5 * 1024 * 1024)}\n`);
    await expect(readFile(path)).rejects.toThrow(/^big\.csv line 3 is longer than 1 MiB/);
  });

  it("an endless line is refused: nothing waits for its end", async () => {
    async function* endless() {
      yield Buffer.from(HEADER);
      for (;;) yield Buffer.alloc(64 * 1024, "y");
    }
    const reader = readCsvFrom(endless(), { label: "stdin", roleFromFlag: false });
    await expect(reader.next()).rejects.toThrow(/^stdin line 2 is longer than 1 MiB/);
  });

  it("a quote never closed in a long file stops at 1 MiB, naming the line it opened on", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `user${i}@example.com,U,V,member`);
    const path = await file([HEADER.trim(), "a@x.io,A,B,member", 'c@x.io,"Cee,D,member', ...rows, ""].join("\n"));
    await expect(readFile(path)).rejects.toThrow(/^big\.csv line 3: the row that starts on line 3 runs past 1 MiB/);
  });
});
