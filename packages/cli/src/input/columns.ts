// Which column of a header fills which field. HR systems export `First Name,Last Name,Email`:
// names are matched ignoring case and surrounding spaces, with space, `-` and `_` alike, and
// a few common spellings are known. `--column FIELD=HEADER` maps any other column, and wins.
// A field that two columns would fill is an error naming both — never "the last one wins".
import { CliError } from "../errors.js";
import { FIELDS, type Field, REQUIRED_FIELDS } from "../rows/fields.js";

/** The spellings each field is known by, besides its own name (compared as `normalize` leaves them). */
export const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  email: ["e-mail", "email address", "e-mail address", "mail"],
  given_name: ["first name", "firstname", "given name", "forename"],
  family_name: ["last name", "lastname", "surname", "family name"],
  role: [],
  workspace_ids: [],
  workspaces: [],
};

/** Columns a `--failed-rows` file adds: known, so they draw no warning, and never read. */
const IGNORED_COLUMNS = ["outcome", "error"] as const;

/** One `--column FIELD=HEADER`. */
export interface ColumnOverride {
  field: Field;
  header: string;
}

/** How a column came to fill its field, for `--dry-run` and `--debug`. */
export type MatchedBy = "name" | "spelling" | "--column";

export interface MappedColumn {
  field: Field;
  /** Its index in the header row (0-based). */
  index: number;
  /** Its name as the header writes it (trimmed). */
  header: string;
  by: MatchedBy;
}

export interface ColumnMapping {
  /** The field each column fills, by index; null for a column that fills none. */
  fieldAt: readonly (Field | null)[];
  /** The columns that fill a field, in header order. */
  mapped: readonly MappedColumn[];
  /** Named columns that fill no field and are not known to be ignored (as written, trimmed). */
  unknown: readonly string[];
  /** Fields two or more columns would fill, with those columns: a header error. */
  conflicts: readonly { field: Field; columns: readonly { index: number; header: string }[] }[];
  /** `--column` headers the header row does not have: a header error. */
  notFound: readonly ColumnOverride[];
  /** Required fields no column fills: a header error. */
  missing: readonly Field[];
}

/** A header name as it is compared: lower case, trimmed, runs of space, `-` and `_` as one space. */
export function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

const FIELD_BY_SPELLING = new Map<string, Field>(
  FIELDS.flatMap((field) => [field, ...ALIASES[field]].map((spelling) => [normalize(spelling), field] as const)),
);
const IGNORED = new Set<string>(IGNORED_COLUMNS.map(normalize));

/** `--column` values, checked: `FIELD=HEADER`, a known FIELD, each field at most once. Usage errors otherwise. */
export function parseColumnOverrides(specs: readonly string[]): ColumnOverride[] {
  const overrides: ColumnOverride[] = [];
  for (const spec of specs) {
    const at = spec.indexOf("=");
    const field = FIELDS.find((f) => normalize(f) === normalize(at === -1 ? "" : spec.slice(0, at)));
    const header = at === -1 ? "" : spec.slice(at + 1).trim();
    if (at === -1 || header === "") {
      throw new CliError(
        "usage",
        `--column ${JSON.stringify(spec)} must be FIELD=HEADER, e.g. --column email=Work Email.`,
      );
    }
    if (!field) {
      throw new CliError(
        "usage",
        `--column ${JSON.stringify(spec)}: ${JSON.stringify(spec.slice(0, at).trim())} is not a field; the fields are ${FIELDS.join(", ")}.`,
      );
    }
    const earlier = overrides.find((o) => o.field === field || normalize(o.header) === normalize(header));
    if (earlier) {
      const what = earlier.field === field ? `maps ${field} twice` : `maps ${JSON.stringify(header)} to two fields`;
      throw new CliError("usage", `--column ${what} (${earlier.field}=${earlier.header}, ${spec}); give each once.`);
    }
    overrides.push({ field, header });
  }
  return overrides;
}

export interface MapColumnsOptions {
  /** From `parseColumnOverrides`. */
  overrides?: readonly ColumnOverride[];
  /** True when --role gives every row a role, so no column need fill it. */
  roleFromFlag: boolean;
}

/** Maps a header row to fields. Never throws: `headerError` turns what is wrong into one error. */
export function mapColumns(header: readonly string[], options: MapColumnsOptions): ColumnMapping {
  const overrides = options.overrides ?? [];
  const names = header.map((name) => name.trim());
  const keys = names.map(normalize);
  const overridden = new Set(overrides.map((o) => o.field));

  const fieldAt: (Field | null)[] = keys.map(() => null);
  const by: MatchedBy[] = keys.map(() => "name");
  const notFound: ColumnOverride[] = [];
  for (const override of overrides) {
    const wanted = normalize(override.header);
    const indexes = keys.flatMap((key, i) => (key === wanted ? [i] : []));
    if (indexes.length === 0) notFound.push(override);
    for (const i of indexes) {
      fieldAt[i] = override.field;
      by[i] = "--column";
    }
  }
  const unknown: string[] = [];
  keys.forEach((key, i) => {
    if (fieldAt[i] !== null || key === "" || IGNORED.has(key)) return;
    const field = FIELD_BY_SPELLING.get(key);
    // A field --column maps is filled by that column alone: the spellings give way.
    if (field && !overridden.has(field)) {
      fieldAt[i] = field;
      by[i] = normalize(field) === key ? "name" : "spelling";
    } else if (!field) {
      unknown.push(names[i] as string);
    }
  });

  const mapped: MappedColumn[] = [];
  fieldAt.forEach((field, index) => {
    if (field) mapped.push({ field, index, header: names[index] as string, by: by[index] as MatchedBy });
  });
  const conflicts = FIELDS.map((field) => ({
    field,
    columns: mapped.filter((m) => m.field === field).map(({ index, header }) => ({ index, header })),
  })).filter(({ columns }) => columns.length > 1);
  const required = REQUIRED_FIELDS.filter((field) => field !== "role" || !options.roleFromFlag);
  const missing = required.filter((field) => !mapped.some((m) => m.field === field));
  return { fieldAt, mapped, unknown, conflicts, notFound, missing };
}

/**
 * What is wrong with a header, as one `invalid_input` error (line 1 of `label`), or undefined
 * when nothing is: the fields two columns would fill, `--column` headers not there, and the
 * fields no column fills, all at once.
 */
export function headerError(
  mapping: ColumnMapping,
  header: readonly string[],
  options: { label: string; delimiter: string; roleFromFlag: boolean },
): CliError | undefined {
  const parts: string[] = [];
  for (const { field, columns } of mapping.conflicts) {
    const which = columns.map(({ index, header }) => `${JSON.stringify(header)} (column ${index + 1})`);
    parts.push(`${which.join(" and ")} would both fill ${field}`);
  }
  for (const { field, header: wanted } of mapping.notFound) {
    parts.push(`--column ${field}=${wanted} names a column the header does not have`);
  }
  if (mapping.missing.length > 0) parts.push(`the header lacks ${mapping.missing.join(", ")}`);
  if (parts.length === 0) return undefined;
  const found = header
    .map((name) => JSON.stringify(name.trim()))
    .join(options.delimiter === "\t" ? " (tab) " : options.delimiter);
  const advice =
    mapping.missing.length > 0
      ? ` The first line must name the columns, e.g. ${FIELDS.slice(0, 4).join(",")}` +
        `${options.roleFromFlag || !mapping.missing.includes("role") ? "" : " (or pass --role for every row)"},` +
        " or map one with --column FIELD=HEADER;"
      : " Rename or remove a column, or choose one with --column FIELD=HEADER;";
  return new CliError(
    "invalid_input",
    `${options.label} line 1: ${parts.join("; ")} (found: ${found}).${advice} nothing was sent.`,
  );
}

/** The mapping as `--dry-run` and `--debug` print it: `column 'First Name' → given_name`, one line a column. */
export function describeMapping(mapping: ColumnMapping): string[] {
  return mapping.mapped.map(
    ({ header, field, by }) => `column '${header}' → ${field}${by === "--column" ? " (--column)" : ""}`,
  );
}
