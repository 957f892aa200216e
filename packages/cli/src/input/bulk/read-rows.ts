// The rows of an input file, streamed: CSV (csv-parse) or JSON Lines, each row with the line
// of the file where it starts — the number that validation errors and the report print.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";

export type InputFormat = "csv" | "jsonl";

/** One row as read, before validation: its fields by (lower-cased) name, or why it could not be read. */
export interface RawRow {
  line: number;
  fields: Record<string, unknown>;
  /** Set when the row could not be parsed at all (bad JSON, a broken quote). */
  unreadable?: string;
}

/** `.jsonl` and `.ndjson` are JSON Lines; anything else is CSV. */
export function formatOf(path: string): InputFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}

export function readRows(path: string, format: InputFormat): AsyncGenerator<RawRow> {
  return format === "jsonl" ? readJsonLines(path) : readCsv(path);
}

async function* readCsv(path: string): AsyncGenerator<RawRow> {
  // csv-parse's `info.lines` is the line where a record ends, except that it counts a line
  // break of "\r\n" inside a quoted cell as two lines, for the rest of the file. `drift`
  // undoes that, so lines stay the ones an editor shows.
  let drift = 0;
  const skipped: RawRow[] = [];
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      info: true,
      // Header names match case-insensitively.
      columns: (names: string[]) => names.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      // A file has one kind of line ending, but a hand-edited one may mix them.
      record_delimiter: ["\r\n", "\n"],
      // Missing trailing cells are common in hand-made files; they count as empty.
      relax_column_count_less: true,
      // A row that cannot be parsed is reported with its line, and the rest is still read.
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) {
          const message = error.message.replace(/ at line \d+.*$/s, "");
          skipped.push({ line: Number(error.lines) - drift, fields: {}, unreadable: message });
        }
        return undefined;
      },
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    let breaks = 0;
    for (const value of Object.values(record)) {
      // Most cells hold no line break; the regular expressions run only for those that do.
      if (!value.includes("\n") && !value.includes("\r")) continue;
      breaks += value.match(/\r\n|\r|\n/g)?.length ?? 0;
      drift += value.match(/\r\n/g)?.length ?? 0;
    }
    // Where the record ends, less the line breaks inside its quoted cells: where it starts.
    yield { line: info.lines - drift - breaks, fields: record };
  }
  yield* skipped.splice(0);
}

async function* readJsonLines(path: string): AsyncGenerator<RawRow> {
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
    if (trimmed === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      yield { line, fields: {}, unreadable: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      yield { line, fields: {}, unreadable: "not a JSON object" };
      continue;
    }
    yield { line, fields: Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v])) };
  }
}
