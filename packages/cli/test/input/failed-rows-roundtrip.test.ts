// The promise of --failed-rows: the file it writes is read back by `--file` as the same rows.
// Generated rows — commas, quotes, line breaks, control characters, white space at the ends,
// any Unicode — go through the real reader and checker, are written as failed rows, and are
// read and checked again: an invalid row's cells come back exactly as typed, a valid row comes
// back as the same invitation.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import { type NotDone, writeFailedRows } from "../../src/commands/invite/failed-rows.js";
import { readCsv } from "../../src/input/csv.js";
import { RowValidator } from "../../src/input/validate.js";
import type { CheckedRow } from "../../src/rows/checked.js";
import { SPEC_FIELDS } from "../../src/rows/fields.js";
import type { RawRow } from "../../src/rows/raw.js";

const folder = await mkdtemp(join(tmpdir(), "dcloud-failed-rows-test-"));
afterAll(() => rm(folder, { recursive: true, force: true }));

const tricky = fc.constantFrom(
  ",",
  ";",
  '"',
  "\n",
  "\r",
  "\r\n",
  " ",
  "\t",
  "\x1b",
  "\u202e",
  "é",
  "😀",
  "a",
  "Z",
  "@",
  "-",
);
const cell = fc.oneof(
  fc.string({ unit: tricky, maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.constantFrom("", "member", "admin", " Ada ", "0b8a6f8e-1f4c-4d3a-9e2b-7c6d5e4f3a21"),
);
const email = fc.oneof(fc.emailAddress(), cell);
const row = fc
  .record({ email, given_name: cell, family_name: cell, role: cell, workspace_ids: cell })
  // A row whose every cell is blank is no row: the reader skips it, as it should.
  .filter((fields) => Object.values(fields).some((value) => value.trim() !== ""));

let file = 0;
async function readChecked(text: string): Promise<{ raw: RawRow[]; checked: CheckedRow[] }> {
  const path = join(folder, `f${file++}.csv`);
  await writeFile(path, text);
  const validator = new RowValidator();
  const raw: RawRow[] = [];
  for await (const r of readCsv(path, { label: path, roleFromFlag: false })) raw.push(r);
  await rm(path);
  return { raw, checked: raw.map((r) => validator.check(r)) };
}

const withoutLine = ({ line: _, ...rest }: CheckedRow) => rest;

describe("--failed-rows round trip", () => {
  test.prop([fc.uniqueArray(row, { minLength: 1, maxLength: 8, selector: (r) => r.email.trim().toLowerCase() })], {
    numRuns: 150,
  })("rows written as failed rows read back as the same rows", async (rows) => {
    const input = stringify([[...SPEC_FIELDS], ...rows.map((r) => SPEC_FIELDS.map((field) => r[field]))]);
    const original = await readChecked(input);
    expect(original.raw.map((r) => r.fields)).toEqual(rows);

    // Every row ends not done: the invalid ones as invalid, the others as failed.
    const notDone: NotDone = new Map(
      original.checked.map((r) => [r.line, { status: r.problems ? "invalid" : "failed", error: 'x, "y"\nz' }]),
    );
    const out = join(folder, `out${file++}.csv`);
    writeFailedRows(out, original.checked, notDone);
    const back = await readChecked(await readFile(out, "utf8"));
    await rm(out);

    expect(back.checked).toHaveLength(rows.length);
    back.checked.forEach((again, i) => {
      const first = original.checked[i] as CheckedRow;
      const fields = Object.fromEntries(SPEC_FIELDS.map((f) => [f, (back.raw[i] as RawRow).fields[f]]));
      if (first.problems) expect(fields).toEqual(rows[i]);
      else expect(withoutLine(again)).toEqual(withoutLine(first));
    });
  });

  // Found by the property above (seed -252378901): a blank-but-not-empty cell was taken for
  // an empty one and written as "".
  it("a cell of white space alone comes back as typed", async () => {
    const rows = [{ email: "", given_name: "", family_name: "", role: "!", workspace_ids: "\n" }];
    const original = await readChecked(stringify([[...SPEC_FIELDS], ...rows.map((r) => SPEC_FIELDS.map((f) => r[f]))]));
    const out = join(folder, `out${file++}.csv`);
    writeFailedRows(out, original.checked, new Map([[2, { status: "invalid", error: "" }]]));
    const back = await readChecked(await readFile(out, "utf8"));
    await rm(out);
    expect(back.raw[0]?.fields.workspace_ids).toBe("\n");
  });
});
