// The rows of a JSON Lines file: one object a line, with the spec's field names (in any case).
// Each line is a row, so a line that cannot be read is that row's problem alone.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { isEmptyRow, type RawRow } from "../rows/raw.js";

export async function* readJsonLines(path: string): AsyncGenerator<RawRow> {
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
    const fields = Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
    if (isEmptyRow(fields)) continue;
    yield { line, fields };
  }
}
