// ~/.deepset-cloud/.env is read by python-dotenv's rules, as the official SDK reads it. The
// table holds python-dotenv's own parser cases (its tests/test_parser.py): the key, the value
// and the statement's original text, which a rewrite of the file keeps byte for byte.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { dotenvValues, parseBindings } from "../../src/settings/dotenv-grammar.js";

type Row = [key: string | null, value: string | null, original: string, error?: true];

const CASES: [text: string, bindings: Row[]][] = [
  ["", []],
  ["a=b", [["a", "b", "a=b"]]],
  ["'a'=b", [["a", "b", "'a'=b"]]],
  ["[=b", [["[", "b", "[=b"]]],
  [" a = b ", [["a", "b", " a = b "]]],
  ["export a=b", [["a", "b", "export a=b"]]],
  [" export 'a'=b", [["a", "b", " export 'a'=b"]]],
  ["# a=b", [[null, null, "# a=b"]]],
  ["a=b#c", [["a", "b#c", "a=b#c"]]],
  ["a=b #c", [["a", "b", "a=b #c"]]],
  ["a= #c", [["a", "", "a= #c"]]],
  ["a=  # comment", [["a", "", "a=  # comment"]]],
  ["a=#b", [["a", "#b", "a=#b"]]],
  ["a=b\t#c", [["a", "b", "a=b\t#c"]]],
  ["a=b c", [["a", "b c", "a=b c"]]],
  ["a=b\tc", [["a", "b\tc", "a=b\tc"]]],
  ["a=b  c", [["a", "b  c", "a=b  c"]]],
  ["a=b\u00a0 c", [["a", "b\u00a0 c", "a=b\u00a0 c"]]],
  ["a=b c ", [["a", "b c", "a=b c "]]],
  ["a='b c '", [["a", "b c ", "a='b c '"]]],
  ['a="b c "', [["a", "b c ", 'a="b c "']]],
  ["export export_a=1", [["export_a", "1", "export export_a=1"]]],
  ["export port=8000", [["port", "8000", "export port=8000"]]],
  ['a="b\nc"', [["a", "b\nc", 'a="b\nc"']]],
  ["a='b\nc'", [["a", "b\nc", "a='b\nc'"]]],
  ['a="b\\nc"', [["a", "b\nc", 'a="b\\nc"']]],
  ["a='b\\nc'", [["a", "b\\nc", "a='b\\nc'"]]],
  ['a="b\\"c"', [["a", 'b"c', 'a="b\\"c"']]],
  ["a='b\\'c'", [["a", "b'c", "a='b\\'c'"]]],
  ["a=à", [["a", "à", "a=à"]]],
  ['a="à"', [["a", "à", 'a="à"']]],
  ["no_value_var", [["no_value_var", null, "no_value_var"]]],
  ["a: b", [[null, null, "a: b", true]]],
  [
    "a=b\nc=d",
    [
      ["a", "b", "a=b\n"],
      ["c", "d", "c=d"],
    ],
  ],
  [
    "a=b\rc=d",
    [
      ["a", "b", "a=b\r"],
      ["c", "d", "c=d"],
    ],
  ],
  [
    "a=b\r\nc=d",
    [
      ["a", "b", "a=b\r\n"],
      ["c", "d", "c=d"],
    ],
  ],
  [
    "a=\nb=c",
    [
      ["a", "", "a=\n"],
      ["b", "c", "b=c"],
    ],
  ],
  ["\n\n", [[null, null, "\n\n"]]],
  [
    "a=b\n\n",
    [
      ["a", "b", "a=b\n"],
      [null, null, "\n"],
    ],
  ],
  [
    "a=b\n\nc=d",
    [
      ["a", "b", "a=b\n"],
      ["c", "d", "\nc=d"],
    ],
  ],
  [
    'a="\nb=c',
    [
      [null, null, 'a="\n', true],
      ["b", "c", "b=c"],
    ],
  ],
  [
    '# comment\na="b\nc"\nd=e\n',
    [
      [null, null, "# comment\n"],
      ["a", "b\nc", 'a="b\nc"\n'],
      ["d", "e", "d=e\n"],
    ],
  ],
  [
    "a=b\n# comment 1",
    [
      ["a", "b", "a=b\n"],
      [null, null, "# comment 1"],
    ],
  ],
  [
    "# comment 1\n# comment 2",
    [
      [null, null, "# comment 1\n"],
      [null, null, "# comment 2"],
    ],
  ],
  [
    'uglyKey[%$="S3cr3t_P4ssw#rD" #\na=b',
    [
      ["uglyKey[%$", "S3cr3t_P4ssw#rD", 'uglyKey[%$="S3cr3t_P4ssw#rD" #\n'],
      ["a", "b", "a=b"],
    ],
  ],
  ["\ufeffa=b", [["a", "b", "a=b"]]],
  [
    "\ufeffa=b\nc=d",
    [
      ["a", "b", "a=b\n"],
      ["c", "d", "c=d"],
    ],
  ],
  // Double quotes decode the escapes Python's unicode-escape knows; single quotes only \\ and \'.
  ['a="\\t\\\\\\a\\v"', [["a", "\t\\\x07\v", 'a="\\t\\\\\\a\\v"']]],
  ["a='\\t\\\\'", [["a", "\\t\\", "a='\\t\\\\'"]]],
  // A quoted value followed by anything but a comment is not a statement python-dotenv can read.
  [
    'a="b"c\nd=e',
    [
      [null, null, 'a="b"c\n', true],
      ["d", "e", "d=e"],
    ],
  ],
];

describe("python-dotenv's grammar", () => {
  it.each(CASES)("%j", (text, expected) => {
    const bindings = parseBindings(text).map(
      ({ key, value, original, error }): Row => (error ? [key, value, original, true] : [key, value, original]),
    );
    expect(bindings).toEqual(expected);
  });

  test.prop([fc.string({ unit: "binary" })])("the statements' original texts put together are the file", (text) => {
    const body = text.startsWith("\ufeff") ? text.slice(1) : text;
    expect(
      parseBindings(text)
        .map((b) => b.original)
        .join(""),
    ).toBe(body);
  });
});

describe("the file's values, as the SDK's load_dotenv(override=False) sees them", () => {
  it("reads the file the SDK's `deepset-cloud login` writes: unquoted, no final newline", () => {
    const text = "API_KEY=eyJhbGciOi.J9#x4_Zq\nAPI_URL=http://api.us.deepset.ai/api/v1\nDEFAULT_WORKSPACE_NAME=default";
    expect(dotenvValues(text, {})).toEqual({
      API_KEY: "eyJhbGciOi.J9#x4_Zq",
      API_URL: "http://api.us.deepset.ai/api/v1",
      DEFAULT_WORKSPACE_NAME: "default",
    });
  });

  it("reads CRLF line ends, export and quotes", () => {
    const text = "export API_KEY=\"k#1\" # the key\r\nAPI_URL='https://api.cloud.deepset.ai/api/v1'\r\n";
    expect(dotenvValues(text, {})).toEqual({ API_KEY: "k#1", API_URL: "https://api.cloud.deepset.ai/api/v1" });
  });

  it("sets nothing for a bare key or an unreadable line, and lets a later line win", () => {
    expect(dotenvValues("A\nB: c\nC=1\nC=2", {})).toEqual({ C: "2" });
  });

  it.each([
    [`a=b\nc=\${a}`, {}, "b"],
    [`c=\${a:-d}`, {}, "d"],
    [`c=\${a}`, {}, ""],
    [`a=b\nc=\${a}`, { a: "from env" }, "from env"],
    [`c='\${a}'`, { a: "x" }, "x"],
    ["c=$a", { a: "x" }, "$a"],
  ])("expands %j with the environment %j to %j", (text, env, expected) => {
    expect(dotenvValues(text, env).c).toBe(expected);
  });
});
