// A row as read from its source (a file's line, or the flags of a single invitation), before it is checked.

export interface RawRow {
  /** The line of the input file where the row starts; null for a user given by flags. */
  line: number | null;
  /** Its fields by lower-cased name, as the source gives them. */
  fields: Record<string, unknown>;
  /** Set when the row was delimited but its content could not be read (a line that is not JSON, too many cells). */
  unreadable?: string;
}

/** A row whose every cell is empty is no row at all (a trailing `,,,,` line, a blank JSON object). */
export function isEmptyRow(fields: Record<string, unknown>): boolean {
  return Object.values(fields).every(
    (value) =>
      value === undefined ||
      value === null ||
      (typeof value === "string" && value.trim() === "") ||
      (Array.isArray(value) && value.length === 0),
  );
}
