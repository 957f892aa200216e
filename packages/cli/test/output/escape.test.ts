// What reaches a person's terminal from the file or the server: control characters and
// Unicode's invisible format and bidi controls shown as visible escapes.
import { describe, expect, it } from "vitest";
import { escapeControl } from "../../src/output/escape.js";

describe("escapeControl", () => {
  it("escapes control characters as before", () => {
    expect(escapeControl("a\x1b]0;pwned\x07\nb\r\t\x7f\x9b")).toBe("a\\x1b]0;pwned\\x07\\nb\\r\\t\\x7f\\x9b");
  });

  it("lets this CLI's own colours through", () => {
    expect(escapeControl("\x1b[31merror:\x1b[39m")).toBe("\x1b[31merror:\x1b[39m");
  });

  it("U+202E cannot reverse a dry-run line", () => {
    expect(escapeControl('POST {"given_name":"\u202Egnp.exe"}')).toBe('POST {"given_name":"\\u202egnp.exe"}');
  });

  it("U+200B cannot hide in an email that looks valid", () => {
    expect(escapeControl("ada\u200B@example.com")).toBe("ada\\u200b@example.com");
  });

  const FORMAT = [
    ...Array.from({ length: 5 }, (_, i) => 0x200b + i),
    ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
    ...Array.from({ length: 4 }, (_, i) => 0x2066 + i),
    0xfeff,
  ];
  it.each(FORMAT.map((code) => [code.toString(16).padStart(4, "0"), code]))("U+%s is escaped", (hex, code) => {
    expect(escapeControl(`x${String.fromCodePoint(code as number)}y`)).toBe(`x\\u${hex}y`);
  });

  it("leaves the visible characters next to them alone", () => {
    const visible = "\u200A\u2010\u2029\u2065\u206A José 😀 Dušan O’Brien €";
    expect(escapeControl(visible)).toBe(visible);
  });
});
