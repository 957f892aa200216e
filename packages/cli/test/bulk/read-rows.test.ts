// The line each row starts on, as an editor shows it, whatever the file's line endings and
// however many line breaks its quoted cells hold.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRows } from "../../src/input/bulk/read-rows.js";
import { tempDir } from "../helpers/cli.js";

async function linesOf(csv: string): Promise<Array<[number, string]>> {
  const path = join(await tempDir(), "rows.csv");
  await writeFile(path, csv);
  const rows: Array<[number, string]> = [];
  for await (const row of readRows(path, "csv")) rows.push([row.line, String(row.fields.h1 ?? row.unreadable)]);
  return rows;
}

describe("CSV row lines", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("%s: quoted cells with line breaks do not shift the rows after them", async (_name, eol) => {
    const csv = ["h1,h2", 'a,"x', 'y"', 'b,"p', "q", 'r"', "", "c,d", ""].join(eol);
    expect(await linesOf(csv)).toEqual([
      [2, "a"],
      [4, "b"],
      [8, "c"],
    ]);
  });

  it("a file that mixes CRLF and LF", async () => {
    const csv = 'h1,h2\r\na,"x\r\ny"\nb,"p\nq"\r\nc,d\n';
    expect(await linesOf(csv)).toEqual([
      [2, "a"],
      [4, "b"],
      [6, "c"],
    ]);
  });
});
