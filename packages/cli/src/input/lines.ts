// The size limits of input, and the lines of decoded text with a line longer than the limit
// stopped as it grows: a 560 MB line is refused after its first MiB, never built whole.
// LF, CRLF and CR end a line, as an editor numbers them.
import { CliError } from "../errors.js";

/** A line of input may be at most 1 MiB (as UTF-8). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** A cell (a field's value) may be at most 64 KiB (as UTF-8). */
export const MAX_CELL_BYTES = 64 * 1024;

export interface LineOptions {
  /** How messages name the input. */
  label: string;
  /** Default MAX_LINE_BYTES. */
  maxBytes?: number;
}

export interface Line {
  /** 1-based, counting every line break. */
  line: number;
  /** Without its line break. */
  text: string;
}

/** The lines of `text` (one piece of memory at most `maxBytes` long); throws `invalid_input` on a longer one. */
export async function* splitLines(text: AsyncIterable<string>, options: LineOptions): AsyncGenerator<Line> {
  const scanner = new LineScanner(options, true);
  const done: Line[] = [];
  for await (const chunk of text) {
    scanner.feed(chunk, (line) => done.push(line));
    yield* done.splice(0);
  }
  const last = scanner.end();
  if (last) yield last;
}

/** `text` unchanged, checked as it passes: throws `invalid_input` as soon as a line grows past `maxBytes`. */
export async function* limitLineLength(text: AsyncIterable<string>, options: LineOptions): AsyncGenerator<string> {
  const scanner = new LineScanner(options, false);
  for await (const chunk of text) {
    scanner.feed(chunk, () => {});
    yield chunk;
  }
}

function lineTooLong(label: string, line: number, maxBytes: number): CliError {
  const message = `the line is longer than ${sizeName(maxBytes)}`;
  return new CliError(
    "invalid_input",
    `${label} line ${line} is longer than ${sizeName(maxBytes)}, more than a row of invitations can hold. Is it the right file? Nothing was sent.`,
    [{ line, field: null, message }],
  );
}

/** `1 MiB`, `64 KiB`: how messages name a limit. */
export function sizeName(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

class LineScanner {
  readonly #label: string;
  readonly #max: number;
  /** Keep the text of lines (splitLines), or only measure them (limitLineLength). */
  readonly #keep: boolean;
  #line = 1;
  #bytes = 0;
  #parts: string[] = [];
  /** The last chunk ended in CR: an LF that starts the next one belongs to the same break. */
  #afterCr = false;

  constructor(options: LineOptions, keep: boolean) {
    this.#label = options.label;
    this.#max = options.maxBytes ?? MAX_LINE_BYTES;
    this.#keep = keep;
  }

  feed(chunk: string, complete: (line: Line) => void): void {
    let start = this.#afterCr && chunk.startsWith("\n") ? 1 : 0;
    this.#afterCr = false;
    // The next CR and LF, each found once per chunk pass, not once per line.
    let cr = chunk.indexOf("\r", start);
    let lf = chunk.indexOf("\n", start);
    while (start <= chunk.length) {
      if (cr !== -1 && cr < start) cr = chunk.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = chunk.indexOf("\n", start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      this.#add(chunk.slice(start, end === -1 ? chunk.length : end));
      if (end === -1) return;
      complete({ line: this.#line, text: this.#parts.join("") });
      this.#line++;
      this.#bytes = 0;
      this.#parts = [];
      start = end + 1;
      if (end === cr) {
        if (end + 1 === chunk.length) this.#afterCr = true;
        else if (chunk.charCodeAt(end + 1) === 0x0a) start++;
      }
    }
  }

  /** The last line, when the text does not end with a line break. */
  end(): Line | undefined {
    return this.#bytes > 0 ? { line: this.#line, text: this.#parts.join("") } : undefined;
  }

  #add(piece: string): void {
    if (piece === "") return;
    this.#bytes += Buffer.byteLength(piece);
    if (this.#bytes > this.#max) throw lineTooLong(this.#label, this.#line, this.#max);
    if (this.#keep) this.#parts.push(piece);
  }
}

/** True for a cell longer than MAX_CELL_BYTES as UTF-8 (measured only when it could be). */
export function cellTooLong(cell: string): boolean {
  return cell.length > MAX_CELL_BYTES / 3 && Buffer.byteLength(cell) > MAX_CELL_BYTES;
}

export function cellTooLongError(label: string, line: number, where: string): CliError {
  const message = `${where} is longer than ${sizeName(MAX_CELL_BYTES)}`;
  return new CliError(
    "invalid_input",
    `${label} line ${line}: ${message}, more than any field of an invitation can hold. Is it the right file? Nothing was sent.`,
    [{ line, field: null, message }],
  );
}
