// JSON Lines: one object a line; keys that differ only in case are that row's problem, and a
// line too long to be a row stops the read without being built whole.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readJsonLines, readJsonLinesFrom } from "../../src/input/jsonl.js";
import type { RawRow } from "../../src/rows/raw.js";

async function* once(bytes: Uint8Array) {
  yield bytes;
}

async function read(text: string | Uint8Array, encoding?: string) {
  const rows: RawRow[] = [];
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for await (const row of readJsonLinesFrom(once(bytes), { label: "p.jsonl", encoding })) rows.push(row);
  return rows;
}

const ADA = '{"email":"ada@x.io","given_name":"Ada","family_name":"L","role":"member"}';

describe("keys that differ only in case", () => {
  it("make the row invalid, naming the keys and the line", async () => {
    const rows = await read(
      `${ADA}\n{"email":"bob@x.io","Email":"eve@x.io","given_name":"B","family_name":"C"}\n${ADA}`,
    );
    expect(rows[1]).toEqual({
      line: 2,
      fields: {},
      unreadable: 'the keys "email" and "Email" differ only in case: which one is meant?',
    });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it("a key in another case alone is read as the field", async () => {
    expect((await read('{"EMAIL":"a@x.io","Given_Name":"A"}'))[0]?.fields).toEqual({
      email: "a@x.io",
      given_name: "A",
    });
  });
});

describe("lines", () => {
  it("LF, CRLF and CR end lines, counted as an editor does; a BOM is dropped", async () => {
    const rows = await read(`\uFEFF${ADA}\r\n\r\n${ADA}\r${ADA}\n${ADA}`);
    expect(rows.map((r) => [r.line, r.unreadable])).toEqual([
      [1, undefined],
      [3, undefined],
      [4, undefined],
      [5, undefined],
    ]);
  });

  it("an encoding: UTF-16 by BOM, windows-1252 by --encoding", async () => {
    const obj = '{"email":"d@x.io","given_name":"Dušan","family_name":"O’Brien €"}\n';
    expect((await read(iconv.encode(obj, "utf-16le", { addBOM: true })))[0]?.fields.given_name).toBe("Dušan");
    expect((await read(iconv.encode(obj, "windows-1252"), "windows-1252"))[0]?.fields.family_name).toBe("O’Brien €");
  });

  it("bytes not valid UTF-8 are an error naming the line", async () => {
    await expect(
      read(Buffer.concat([Buffer.from(`${ADA}\n{"email":"`), Buffer.from([0xe9]), Buffer.from('"}')])),
    ).rejects.toThrow(/^p\.jsonl line 2: bytes that are not valid UTF-8/);
  });

  it("a value longer than 64 KiB is an input error naming the line", async () => {
    await expect(read(`${ADA}\n{"email":"a@x.io","given_name":"${"n".repeat(64 * 1024 + 1)}"}\n`)).rejects.toThrow(
      /^p\.jsonl line 2: the value of "given_name" is longer than 64 KiB/,
    );
  });

  it("an endless line is refused after 1 MiB", async () => {
    async function* endless() {
      yield Buffer.from(`${ADA}\n{"email":"`);
      for (;;) yield Buffer.alloc(64 * 1024, "a");
    }
    const reader = readJsonLinesFrom(endless(), { label: "stdin" });
    expect((await reader.next()).value).toMatchObject({ line: 1 });
    await expect(reader.next()).rejects.toThrow(/^stdin line 2 is longer than 1 MiB/);
  });

  it("a file of one 3 MiB line is refused, naming line 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dcloud-jsonl-"));
    try {
      const path = join(dir, "big.jsonl");
      await writeFile(path, `{"email":"${"x".repeat(3 * 1024 * 1024)}"}`);
      const rows: RawRow[] = [];
      await expect(
        (async () => {
          for await (const row of readJsonLines(path)) rows.push(row);
        })(),
      ).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} line 1 is longer than 1 MiB`));
      expect(rows).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
