// The .env grammar of python-dotenv, which the official Python SDK reads ~/.deepset-cloud/.env
// with. npm's dotenv reads the same text differently (it cuts `API_KEY=ab#cd` at the `#`, for
// one), and no npm package implements python-dotenv's rules, so they are written out here,
// regex for regex, in the order python-dotenv applies them:
//   - a `#` starts a comment in an unquoted value only after white space (`a#b` stays whole;
//     `a= #b` is empty, as python-dotenv reads it after 1.2.2, which read `#b`);
//   - 'single' and "double" quotes, a quoted value may span lines; escapes are decoded in
//     double quotes (\n \t \" \\ …) and only \' and \\ in single quotes;
//   - an optional `export ` prefix, a UTF-8 BOM, LF, CRLF or CR, no final newline needed;
//   - a line it cannot read is skipped, as python-dotenv skips it (with a warning there);
//   - `${NAME}` and `${NAME:-default}` are expanded, as load_dotenv(override=False) does.

/** Python's white space (str.isspace), which its `\s` matches; JavaScript's `\s` differs at the edges. */
const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** White space within a line: Python's `[^\S\r\n]`. */
const INLINE_SPACE = "\\t\\v\\f\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const sticky = (source: string) => new RegExp(source, "uy");

const MULTILINE_WHITESPACE = sticky(`[${SPACE}]*`);
const WHITESPACE = sticky(`[${INLINE_SPACE}]*`);
const EXPORT = sticky(`(?:export[${INLINE_SPACE}]+)?`);
const SINGLE_QUOTED_KEY = sticky("'([^']+)'");
const UNQUOTED_KEY = sticky(`([^=#${SPACE}]+)`);
const EQUAL_SIGN = sticky(`(=[${INLINE_SPACE}]*)`);
const SINGLE_QUOTED_VALUE = sticky("'((?:\\\\'|[^'])*)'");
const DOUBLE_QUOTED_VALUE = sticky('"((?:\\\\"|[^"])*)"');
const UNQUOTED_VALUE = sticky("([^\\r\\n]*)");
const COMMENT = sticky(`(?:[${INLINE_SPACE}]*#[^\\r\\n]*)?`);
const END_OF_LINE = sticky(`[${INLINE_SPACE}]*(?:\\r\\n|\\n|\\r|$)`);
const REST_OF_LINE = sticky("[^\\r\\n]*(?:\\r|\\n|\\r\\n)?");

const INLINE_COMMENT = new RegExp(`[${SPACE}]+#[\\s\\S]*`, "u");
const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`, "u");
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const ESCAPED: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};
const VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

/** One statement of the file: a variable (value null for a bare `KEY`), a comment or blank run (key null), or a line it could not read. */
export interface Binding {
  key: string | null;
  /** As written, before `${…}` expansion. */
  value: string | null;
  /** The statement's text exactly as in the file, its line break included: rewriting keeps it byte for byte. */
  original: string;
  error: boolean;
}

class UnreadableStatement extends Error {}

class Reader {
  position = 0;
  constructor(readonly text: string) {}

  peek(): string {
    return this.text.charAt(this.position);
  }

  read(pattern: RegExp): (string | undefined)[] {
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.text);
    if (!match) throw new UnreadableStatement();
    this.position += match[0].length;
    return match.slice(1);
  }
}

/** The file's statements in order; their `original` texts put together are the file (less a BOM). */
export function parseBindings(text: string): Binding[] {
  const reader = new Reader(text.startsWith("\ufeff") ? text.slice(1) : text);
  const bindings: Binding[] = [];
  while (reader.position < reader.text.length) bindings.push(parseBinding(reader));
  return bindings;
}

function parseBinding(reader: Reader): Binding {
  const start = reader.position;
  const original = () => reader.text.slice(start, reader.position);
  try {
    reader.read(MULTILINE_WHITESPACE);
    if (reader.position >= reader.text.length) return { key: null, value: null, original: original(), error: false };
    reader.read(EXPORT);
    const key = parseKey(reader);
    reader.read(WHITESPACE);
    let value: string | null = null;
    if (reader.peek() === "=") {
      const [equalSign = "="] = reader.read(EQUAL_SIGN);
      value = parseValue(reader, equalSign.length > 1);
    }
    reader.read(COMMENT);
    reader.read(END_OF_LINE);
    return { key, value, original: original(), error: false };
  } catch (error) {
    if (!(error instanceof UnreadableStatement)) throw error;
    reader.read(REST_OF_LINE);
    return { key: null, value: null, original: original(), error: true };
  }
}

function parseKey(reader: Reader): string | null {
  const char = reader.peek();
  if (char === "#") return null;
  const [key = ""] = reader.read(char === "'" ? SINGLE_QUOTED_KEY : UNQUOTED_KEY);
  return key;
}

function parseValue(reader: Reader, afterSpace: boolean): string {
  const char = reader.peek();
  if (char === "'") return (reader.read(SINGLE_QUOTED_VALUE)[0] ?? "").replace(SINGLE_QUOTE_ESCAPES, decodeEscape);
  if (char === '"') return (reader.read(DOUBLE_QUOTED_VALUE)[0] ?? "").replace(DOUBLE_QUOTE_ESCAPES, decodeEscape);
  if (char === "" || char === "\n" || char === "\r") return "";
  const [part = ""] = reader.read(UNQUOTED_VALUE);
  // `KEY=  # note` is an empty value with a comment; `KEY=#value` is the value `#value`.
  if (afterSpace && part.startsWith("#")) return "";
  return part.replace(INLINE_COMMENT, "").replace(TRAILING_SPACE, "");
}

function decodeEscape(sequence: string): string {
  return ESCAPED[sequence.charAt(1)] ?? sequence;
}

/**
 * The variables the file sets, as the SDK's `load_dotenv(path, override=False)` sees them: a
 * bare `KEY` sets nothing, a later line wins over an earlier one, and `${NAME}` takes the
 * environment's value first, then the file's lines above it, then its `:-default`, else "".
 */
export function dotenvValues(text: string, environment: NodeJS.ProcessEnv): Record<string, string> {
  const values = new Map<string, string | null>();
  for (const { key, value } of parseBindings(text)) {
    if (key === null) continue;
    values.set(key, value === null ? null : expand(value, values, environment));
  }
  const result: Record<string, string> = {};
  for (const [key, value] of values) if (value !== null) result[key] = value;
  return result;
}

function expand(value: string, earlier: Map<string, string | null>, environment: NodeJS.ProcessEnv): string {
  return value.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
    if (Object.hasOwn(environment, name)) return environment[name] ?? "";
    if (earlier.has(name)) return earlier.get(name) ?? "";
    return fallback ?? "";
  });
}
