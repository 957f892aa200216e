// The rows of a CSV file, streamed by csv-parse, with what it leaves to its caller: the
// encoding (decode.ts), the delimiter (`,`, `;` or tab, as the header row shows), the header
// (mapped to fields by columns.ts, checked once for the columns a row cannot do without), the
// line where each row starts, blank rows skipped, sizes bounded (lines.ts), and quoting errors
// that leave row boundaries uncertain made fatal.
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import { CliError } from "../errors.js";
import type { RawRow } from "../rows/raw.js";
import { type ColumnMapping, type ColumnOverride, headerError, mapColumns } from "./columns.js";
import { decode } from "./decode.js";
import { cellTooLong, cellTooLongError, limitLineLength, MAX_LINE_BYTES, sizeName } from "./lines.js";

const DELIMITERS = [",", ";", "\t"] as const;

export interface CsvOptions {
  /** How messages name the input. */
  label: string;
  /** True when --role gives a role to rows without one, so the header need not have the column. */
  roleFromFlag: boolean;
  /** Hears, once per read, the header's columns that are not fields, lower-cased (they are ignored). */
  onUnknownColumns?: (names: string[]) => void;
  /** --encoding: a WHATWG label; default UTF-8 (or UTF-16 by BOM). */
  encoding?: string | undefined;
  /** --column FIELD=HEADER, parsed by parseColumnOverrides. */
  columns?: readonly ColumnOverride[];
  /** Hears, once per read, which column fills which field (for --dry-run and --debug). */
  onColumns?: (mapping: ColumnMapping) => void;
}

export function readCsv(path: string, options: CsvOptions): AsyncGenerator<RawRow> {
  return readCsvFrom(createReadStream(path), options);
}

/** The rows of CSV given as bytes (a file's stream, a snapshot). */
export async function* readCsvFrom(bytes: AsyncIterable<Uint8Array>, options: CsvOptions): AsyncGenerator<RawRow> {
  const { label } = options;
  const text = limitLineLength(decode(bytes, { label, encoding: options.encoding }), { label });
  const { delimiter, replay } = await sniffDelimiter(text);
  const parser = parse({
    delimiter,
    // LF, CRLF and CR (old Excel) alike, even mixed in one file.
    record_delimiter: ["\r\n", "\n", "\r"],
    // `Bob "the builder"` in an unquoted cell is text, as a person means it.
    relax_quotes: true,
    // Cells are counted here, against the header, so that a row's problem names its line.
    relax_column_count: true,
    // A quote never closed would otherwise gather the rest of the file into one cell.
    max_record_size: MAX_LINE_BYTES,
  });
  // The text's errors (bytes not valid, a line too long) reach the loop below through the parser.
  pipeline(Readable.from(replay), parser).catch(() => {});
  let header: (string | null)[] | undefined;
  // Where the last record ended, as an editor counts lines: the next one starts on the line
  // after. Counted here from the records (each ends with one line break, plus those inside its
  // quoted cells), not with csv-parse's `info`, which builds an object of a dozen fields a row.
  let lastEnd = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // One pass over the cells: the line breaks inside them, the first one too long, and
      // whether all are blank.
      let breaks = 0;
      let tooLong = -1;
      let blank = true;
      for (let i = 0; i < record.length; i++) {
        const cell = record[i] as string;
        // Most cells hold no line break; the regular expression runs only for those that do.
        if (cell.includes("\n") || cell.includes("\r")) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
        if (tooLong === -1 && cellTooLong(cell)) tooLong = i;
        if (blank && cell.trim() !== "") blank = false;
      }
      const line = lastEnd + 1;
      lastEnd = line + breaks;
      if (tooLong !== -1) throw cellTooLongError(label, line, `the cell in column ${tooLong + 1}`);
      if (header === undefined) {
        header = checkHeader(record, delimiter, options);
        continue;
      }
      // A row is empty when every cell is, those of columns that fill no field included.
      if (blank) continue;
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) {
        const field = header[i];
        if (field) fields[field] = record[i] ?? "";
      }
      if (record.length > header.length) {
        yield { line, fields, unreadable: `${record.length} cells, but the header (line 1) has ${header.length}` };
        continue;
      }
      yield { line, fields };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // A quote never closed swallows every line after it: no row boundary after it can be
    // trusted, so nothing is sent, even under --skip-invalid.
    const where = lastEnd + 1;
    let what: string;
    if (error.code === "CSV_QUOTE_NOT_CLOSED") {
      what = `a quote opened on line ${where} is never closed, so the rows after it cannot be told apart`;
    } else if (error.code === "CSV_MAX_RECORD_SIZE") {
      // Lines are bounded before the parser: a longer row spans lines inside quotes.
      what = `the row that starts on line ${where} runs past ${sizeName(MAX_LINE_BYTES)} (a quote never closed?)`;
    } else {
      what = `${error.message.replace(/ at line \d+.*$/s, "").replace(/:.*$/s, "")} in the row that starts on line ${where}`;
    }
    throw new CliError("invalid_input", `${label} line ${where}: ${what}. Fix the quoting; nothing was sent.`, [
      { line: where, field: null, message: what },
    ]);
  }
  if (header === undefined)
    throw new CliError("invalid_input", `${label} is empty: it needs a header row and rows to invite.`);
}

/** The field each column fills (null: none); refuses a header with conflicts or missing fields, as one error. */
function checkHeader(record: string[], delimiter: string, options: CsvOptions): (string | null)[] {
  const mapping = mapColumns(record, { overrides: options.columns ?? [], roleFromFlag: options.roleFromFlag });
  const error = headerError(mapping, record, { label: options.label, delimiter, roleFromFlag: options.roleFromFlag });
  if (error) throw error;
  options.onColumns?.(mapping);
  if (mapping.unknown.length > 0) options.onUnknownColumns?.(mapping.unknown.map((name) => name.toLowerCase()));
  return [...mapping.fieldAt];
}

/**
 * The delimiter the header row uses most: `,`, `;` or tab (a header holds no quoted
 * delimiters in practice), and the text again from its start.
 */
async function sniffDelimiter(
  text: AsyncIterable<string>,
): Promise<{ delimiter: string; replay: AsyncIterable<string> }> {
  const chunks = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let first: string | undefined;
  // The header line, gathered until it ends (lines are bounded, so this is too).
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    head.push(next.value);
    const match = /\r|\n/.exec(next.value);
    if (match) {
      first = head.join("").split(/\r|\n/, 1)[0];
      break;
    }
  }
  first ??= head.join("");
  const counts = DELIMITERS.map((d) => (first as string).split(d).length - 1);
  const best = Math.max(...counts);
  return {
    delimiter: best === 0 ? "," : (DELIMITERS[counts.indexOf(best)] as string),
    replay: (async function* () {
      yield* head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
  };
}
