// Help text wrapped to the terminal's width at spaces, never inside a word, so a narrow
// terminal does not cut words in two. A continued line hangs under where its text starts:
// an example command (`$ dcloud …`) is continued with ` \` so it stays one command to
// paste, a `term   description` line under its description, any other line under its
// own indentation (or less, for a word that would not fit). A word longer than the width
// is left whole.

const EXAMPLE = /^(\s*)\$ /;
const TERM = /^(\s*\S(?:\S| (?! ))*\s{2,})\S/;

export function wrapHelp(text: string, width: number): string {
  let continued = false;
  return paragraphs(text.split("\n"))
    .map((line) => {
      // A line after an example's ` \` is more of that example.
      const example = EXAMPLE.test(line) || continued;
      continued = example && line.endsWith(" \\");
      return wrapLine(line, width, example);
    })
    .join("\n");
}

/**
 * Prose — lines that start at the margin, up to a blank line — joined into one line each
 * paragraph, to be wrapped anew; a heading (`Examples:`) stays a line of its own.
 */
function paragraphs(lines: string[]): string[] {
  const joined: string[] = [];
  let prose = false;
  for (const line of lines) {
    const isProse = /^\S/.test(line) && !line.endsWith(":");
    if (isProse && prose) joined[joined.length - 1] += ` ${line}`;
    else joined.push(line);
    prose = isProse;
  }
  return joined;
}

function wrapLine(line: string, width: number, example: boolean): string {
  if (length(line) <= width) return line;
  const indent = (/^\s*/.exec(line) as RegExpExecArray)[0].length;
  const term = example ? undefined : TERM.exec(line)?.[1];
  // The indentation, or a term with the spaces that align its description, is kept as written.
  const start = term ?? line.slice(0, indent);
  let hang = example ? indent + 4 : length(start);
  // A hang that leaves too little room is no help: fall back to the line's own indentation.
  if (hang > width / 2) hang = Math.min(indent, Math.floor(width / 4));
  const mark = example ? " \\" : "";
  const lines: string[] = [];
  let current = start;
  let empty = true;
  for (const word of line.slice(start.length).split(/ +/)) {
    if (!empty && length(current) + 1 + length(word) > width - mark.length) {
      lines.push(current + mark);
      // A word too long for the hang starts further left, as far as it needs.
      current = " ".repeat(Math.max(0, Math.min(hang, width - length(word)))) + word;
    } else {
      current += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(current);
  return lines.join("\n");
}

function length(text: string): number {
  return [...text].length;
}
