// Text that comes from the server or the input file may hold control characters: an escape
// sequence in a name could retitle the window, clear the screen or fake a line. Printed to a
// person, each is shown as a visible escape instead. The only sequences let through are the
// colours this CLI itself paints with (output/style.ts), which move and clear nothing.

const STYLE = "\\x1b\\[(?:1|2|22|31|32|33|39)m";
const CONTROL = new RegExp(`(${STYLE})|[\\u0000-\\u001f\\u007f-\\u009f]`, "gu");

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c, style: string | undefined) => {
    if (style) return style;
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\x${(c.codePointAt(0) as number).toString(16).padStart(2, "0")}`;
  });
}
