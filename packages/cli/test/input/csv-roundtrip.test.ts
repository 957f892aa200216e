// The promise "text survives a round trip", as a property: random rows (quotes, delimiters,
// line breaks, any character the encoding can hold), written as an HR export might write them
// — delimiter, line endings, BOM, encoding, column order, header spelling all drawn at random
// — and read back through decoding, column mapping and the CSV reader. Every row comes back
// equal, on the line it was written on; bytes the encoding does not allow stop the read with
// an error naming their line. Never a silent change.
import { fc, test } from "@fast-check/vitest";
import iconv from "iconv-lite";
import { expect } from "vitest";
import { ALIASES } from "../../src/input/columns.js";
import { readCsvFrom } from "../../src/input/csv.js";
import type { RawRow } from "../../src/rows/raw.js";

const FIELDS = ["email", "given_name", "family_name", "role"] as const;
type Row = Record<(typeof FIELDS)[number], string>;

const ENCODINGS = [
  { name: "utf-8", bom: false, label: undefined },
  { name: "utf-8", bom: true, label: undefined },
  { name: "utf-8", bom: false, label: "utf-8" },
  { name: "utf-16le", bom: true, label: undefined },
  { name: "utf-16be", bom: true, label: undefined },
  { name: "utf-16le", bom: false, label: "utf-16le" },
  { name: "windows-1252", bom: false, label: "windows-1252" },
] as const;

// What windows-1252 can hold: every byte iconv-lite decodes to a character.
const CP1252 = [...iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), "windows-1252")].filter(
  (c) => c !== "\uFFFD",
);
const SPECIAL = ['"', ",", ";", "\t", "\r", "\n", "\r\n", " ", "\u00a0", "é", "’", "€", "😀", "\u202e"];

const cellFor = (encoding: string) => {
  const unit =
    encoding === "windows-1252"
      ? fc.oneof(fc.constantFrom(...CP1252), fc.constantFrom(...SPECIAL.filter((s) => s !== "😀" && s !== "\u202e")))
      : fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), fc.constantFrom(...SPECIAL));
  // U+FFFD is refused by design (it is what a lossy conversion leaves), so it is not drawn.
  return fc.array(unit, { maxLength: 12 }).map((units) => units.join("").replaceAll("\uFFFD", "?"));
};

/** A spelling of `field` as some HR system might write it: an alias, any case, `_`/`-`/space, padded. */
const spellingOf = (field: (typeof FIELDS)[number]) =>
  fc
    .tuple(
      fc.constantFrom(field, ...ALIASES[field]),
      fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      fc.constantFrom(" ", "_", "-"),
      fc.constantFrom("", " ", "  "),
    )
    .map(([name, upper, joiner, pad]) => {
      const cased = [...name].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join("");
      return pad + cased.replace(/[ _-]/g, joiner) + pad;
    });

const layout = fc.record({
  encoding: fc.constantFrom(...ENCODINGS),
  delimiter: fc.constantFrom(",", ";", "\t"),
  eol: fc.constantFrom("\n", "\r\n", "\r"),
  finalEol: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
  spellings: fc.tuple(...FIELDS.map(spellingOf)),
  chunk: fc.integer({ min: 1, max: 64 }),
});

const scenario = layout.chain((l) =>
  fc.record({
    layout: fc.constant(l),
    rows: fc.array(
      fc.record({
        // An email with a visible character, so that no row is blank (blank rows are skipped by design).
        email: cellFor(l.encoding.name).map((s) => `x${s}`),
        given_name: cellFor(l.encoding.name),
        family_name: cellFor(l.encoding.name),
        role: cellFor(l.encoding.name),
        // A column no field takes; its cells are read and dropped.
        notes: cellFor(l.encoding.name),
        quoteAll: fc.boolean(),
        blankLineBefore: fc.boolean(),
      }),
      { maxLength: 6 },
    ),
  }),
);

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Writes the rows as text, and where each row starts by an editor's count of lines. */
function write({ layout: l, rows }: Scenario): { text: string; expected: RawRow[] } {
  const quote = (cell: string, always: boolean) =>
    always || /[",;\t\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
  const header = [...l.spellings, "Notes"];
  const line = (cells: string[], always: boolean) =>
    l.order.map((i) => quote(cells[i] as string, always)).join(l.delimiter);
  let text = line(header, false);
  const expected: RawRow[] = [];
  for (const row of rows) {
    text += l.eol;
    if (row.blankLineBefore) text += l.eol;
    const start = text.split(/\r\n|\r|\n/).length;
    const fields: Row = { email: row.email, given_name: row.given_name, family_name: row.family_name, role: row.role };
    expected.push({ line: start, fields });
    text += line([row.email, row.given_name, row.family_name, row.role, row.notes], row.quoteAll);
  }
  if (l.finalEol) text += l.eol;
  return { text, expected };
}

async function* chunks(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(bytes: Buffer, l: Scenario["layout"]) {
  const rows: RawRow[] = [];
  const options = { label: "p.csv", roleFromFlag: false, encoding: l.encoding.label };
  for await (const row of readCsvFrom(chunks(bytes, l.chunk), options)) rows.push(row);
  return rows;
}

test.prop([scenario], { numRuns: 300 })("every row comes back equal, on its line", async (s) => {
  const { text, expected } = write(s);
  const bytes = iconv.encode(text, s.layout.encoding.name, { addBOM: s.layout.encoding.bom });
  const rows = await read(bytes, s.layout);
  // Fields sorted by name, so that the column order of the file does not matter.
  const sorted = (r: RawRow) => ({ ...r, fields: Object.fromEntries(Object.entries(r.fields).sort()) });
  expect(rows.map(sorted)).toEqual(expected.map(sorted));
});

test.prop([scenario, fc.nat(), fc.constantFrom([0xff], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80])])(
  "a byte sequence UTF-8 does not allow, anywhere, stops the read naming its line",
  async (s, at, invalid) => {
    const { text } = write(s);
    const utf8 = Buffer.from(text);
    const cut = at % (utf8.length + 1);
    const bytes = Buffer.concat([utf8.subarray(0, cut), Buffer.from(invalid), utf8.subarray(cut)]);
    // The line of the bad bytes: the line breaks before them, as an editor counts them.
    const before = iconv.decode(utf8.subarray(0, cut), "utf-8").replace(/\uFFFD+$/, "");
    const line = before.split(/\r\n|\r|\n/).length;
    const layout = { ...s.layout, encoding: ENCODINGS[0] };
    await expect(read(bytes, layout)).rejects.toThrow(
      new RegExp(`^p\\.csv line ${line}: bytes that are not valid UTF-8`),
    );
  },
);
