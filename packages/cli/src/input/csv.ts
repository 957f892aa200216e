// The rows of a CSV file, streamed by csv-parse, with what it leaves to its caller: the
// delimiter (`,`, `;` or tab, as the header row shows), the header (matched case-insensitively,
// checked once for the columns a row cannot do without), the line where each row starts,
// blank rows skipped, and quoting errors that leave row boundaries uncertain made fatal.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { CsvError, parse } from "csv-parse";
import { CliError } from "../errors.js";
import { FIELDS, REQUIRED_FIELDS } from "../rows/fields.js";
import { isEmptyRow, type RawRow } from "../rows/raw.js";

const DELIMITERS = [",", ";", "\t"] as const;

/** Columns a --failed-rows file adds: known, so they draw no warning, and never read. */
const IGNORED_COLUMNS: readonly string[] = ["outcome", "error"];

export interface CsvOptions {
  /** How messages name the input. */
  label: string;
  /** True when --role gives a role to rows without one, so the header need not have the column. */
  roleFromFlag: boolean;
  /** Hears, once per read, the header's columns that are not fields (they are ignored). */
  onUnknownColumns?: (names: string[]) => void;
}

export async function* readCsv(path: string, options: CsvOptions): AsyncGenerator<RawRow> {
  const delimiter = await sniffDelimiter(path);
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      info: true,
      delimiter,
      // LF, CRLF and CR (old Excel) alike, even mixed in one file.
      record_delimiter: ["\r\n", "\n", "\r"],
      // `Bob "the builder"` in an unquoted cell is text, as a person means it.
      relax_quotes: true,
      // Cells are counted here, against the header, so that a row's problem names its line.
      relax_column_count: true,
    }),
  );
  let header: string[] | undefined;
  // Where the last record ended, as an editor counts lines: the next one starts on the line after.
  let lastEnd = 0;
  // csv-parse counts a CRLF inside a quoted cell as two lines, for the rest of the file.
  let drift = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let breaks = 0;
      for (const cell of record) {
        // Most cells hold no line break; the regular expressions run only for those that do.
        if (!cell.includes("\n") && !cell.includes("\r")) continue;
        breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
        drift += cell.match(/\r\n/g)?.length ?? 0;
      }
      const end = info.lines - drift;
      const line = end - breaks;
      lastEnd = end;
      if (header === undefined) {
        header = checkHeader(record, delimiter, options);
        continue;
      }
      const fields: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name) fields[name] = record[i] ?? "";
      });
      if (isEmptyRow(fields) && record.slice(header.length).every((cell) => cell.trim() === "")) continue;
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
    const what =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? `a quote opened on line ${where} is never closed, so the rows after it cannot be told apart`
        : `${error.message.replace(/ at line \d+.*$/s, "").replace(/:.*$/s, "")} in the row that starts on line ${where}`;
    throw new CliError("invalid_input", `${options.label} line ${where}: ${what}. Fix the quoting; nothing was sent.`);
  }
  if (header === undefined)
    throw new CliError("invalid_input", `${options.label} is empty: it needs a header row and rows to invite.`);
}

/** The header's names, lower-cased; refuses one that lacks a column every row needs. */
function checkHeader(record: string[], delimiter: string, options: CsvOptions): string[] {
  const names = record.map((name) => name.trim().toLowerCase());
  const required = REQUIRED_FIELDS.filter((field) => field !== "role" || !options.roleFromFlag);
  const missing = required.filter((field) => !names.includes(field));
  if (missing.length > 0) {
    const found = record.map((name) => JSON.stringify(name.trim())).join(delimiter === "\t" ? " (tab) " : delimiter);
    throw new CliError(
      "invalid_input",
      `${options.label} line 1: the header lacks ${missing.join(", ")} (found: ${found}). ` +
        `The first line must name the columns, e.g. ${FIELDS.slice(0, 4).join(",")}` +
        `${options.roleFromFlag ? "" : " (or pass --role for every row)"}; nothing was sent.`,
    );
  }
  const unknown = names.filter(
    (name) => name && !(FIELDS as readonly string[]).includes(name) && !IGNORED_COLUMNS.includes(name),
  );
  if (unknown.length > 0) options.onUnknownColumns?.(unknown);
  return names;
}

/** The delimiter the header row uses most: `,`, `;` or tab (a header holds no quoted delimiters in practice). */
async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const first =
      buffer
        .subarray(0, bytesRead)
        .toString("utf8")
        .split(/\r\n|\r|\n/, 1)[0] ?? "";
    const counts = DELIMITERS.map((d) => first.split(d).length - 1);
    const best = Math.max(...counts);
    return best === 0 ? "," : (DELIMITERS[counts.indexOf(best)] as string);
  } finally {
    await handle.close();
  }
}
