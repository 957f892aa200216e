// Text that comes from the server or the input file may hold control characters: an escape
// sequence in a name could retitle the window, clear the screen or fake a line. Printed to a
// person, each is shown as a visible escape instead. The only sequences let through are the
// colours this CLI itself paints with (output/style.ts), which move and clear nothing.

// Unicode's invisible format and bidi controls are escaped too: U+202E would reverse the rest
// of a line, U+200B would hide inside an email that then looks valid.
const STYLE = "\\x1b\\[(?:1|2|22|31|32|33|39)m";
const FORMAT = "\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff";
const CONTROL = new RegExp(`(${STYLE})|[\\u0000-\\u001f\\u007f-\\u009f${FORMAT}]`, "gu");

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c, style: string | undefined) => {
    if (style) return style;
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    const code = c.codePointAt(0) as number;
    return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}
