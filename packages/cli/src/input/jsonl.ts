// The rows of a JSON Lines file: one object a line, with the spec's field names (in any case).
// Each line is a row, so a line that cannot be read is that row's problem alone; a line or a
// value too long to be a row stops the read (see lines.ts), as in CSV.
import { createReadStream } from "node:fs";
import { isEmptyRow, type RawRow } from "../rows/raw.js";
import { decode } from "./decode.js";
import { cellTooLong, cellTooLongError, splitLines } from "./lines.js";

export interface JsonLinesOptions {
  /** How messages name the input; default the path. */
  label?: string;
  /** --encoding; default UTF-8 (or UTF-16 by BOM). */
  encoding?: string | undefined;
}

export function readJsonLines(path: string, options: JsonLinesOptions = {}): AsyncGenerator<RawRow> {
  return readJsonLinesFrom(createReadStream(path), { ...options, label: options.label ?? path });
}

/** The rows of JSON Lines given as bytes (a file's stream, a snapshot). */
export async function* readJsonLinesFrom(
  bytes: AsyncIterable<Uint8Array>,
  options: JsonLinesOptions & { label: string },
): AsyncGenerator<RawRow> {
  const { label } = options;
  for await (const { line, text } of splitLines(decode(bytes, { label, encoding: options.encoding }), { label })) {
    const trimmed = text.trim();
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
    const entries = Object.entries(value);
    const tooLong = entries.find(([, v]) => [v].flat().some((item) => typeof item === "string" && cellTooLong(item)));
    if (tooLong) throw cellTooLongError(label, line, `the value of ${JSON.stringify(tooLong[0])}`);
    const twins = keysDifferingInCase(entries.map(([key]) => key));
    if (twins) {
      const keys = twins.map((key) => JSON.stringify(key)).join(" and ");
      yield { line, fields: {}, unreadable: `the keys ${keys} differ only in case: which one is meant?` };
      continue;
    }
    const fields = Object.fromEntries(entries.map(([k, v]) => [k.toLowerCase(), v]));
    if (isEmptyRow(fields)) continue;
    yield { line, fields };
  }
}

/** The first keys that are one name in different cases (`email`, `Email`), or undefined. */
function keysDifferingInCase(keys: readonly string[]): string[] | undefined {
  const byName = new Map<string, string[]>();
  for (const key of keys) {
    const same = byName.get(key.toLowerCase());
    if (same) same.push(key);
    else byName.set(key.toLowerCase(), [key]);
  }
  return [...byName.values()].find((same) => same.length > 1);
}
