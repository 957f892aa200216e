// Bytes of an input file → text, chunk by chunk. UTF-8 unless a BOM says UTF-16 or
// --encoding names another WHATWG label. Decoding is strict: a byte sequence the encoding
// does not allow stops the read with an error naming its line — never a U+FFFD sent in a
// name. iconv-lite decodes, because Node's own TextDecoder("windows-1252") (20.18.3 and later,
// nodejs/node#60888) turns 0x80–0x9F into C1 controls: `€`, `Dušan`, `O’Brien` would be lost.
import iconv from "iconv-lite";
import { CliError } from "../errors.js";

export interface DecodeOptions {
  /** --encoding: a WHATWG label (`windows-1252`, `latin1`, `utf-16le`, …); default UTF-8. A BOM wins over it. */
  encoding?: string | undefined;
  /** How messages name the input, e.g. `rows.csv` or `stdin`. */
  label: string;
}

/** The WHATWG name of an --encoding label that can be decoded; a usage error for any other. */
export function encodingOf(label: string): string {
  let name: string;
  try {
    // The WHATWG label table, as Node knows it: `latin1` and `ascii` are windows-1252, `utf-16` is utf-16le.
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    throw new CliError(
      "usage",
      `--encoding ${JSON.stringify(label)} is not an encoding label; use a WHATWG label such as utf-8, windows-1252, latin1 or utf-16le.`,
    );
  }
  // iconv-lite spells one WHATWG name differently.
  const decoderName = name === "x-mac-cyrillic" ? "maccyrillic" : name;
  if (!iconv.encodingExists(decoderName)) {
    throw new CliError("usage", `--encoding ${JSON.stringify(label)} (${name}) cannot be read by dcloud.`);
  }
  return decoderName;
}

const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
] as const;

/**
 * The text of `chunks`, decoded as it streams (no chunk is held longer than it takes to
 * decode it). The BOM is dropped. Throws `invalid_input` naming the line of the first byte
 * sequence that is not valid in the encoding, or `usage` for an unknown --encoding.
 */
export async function* decode(chunks: AsyncIterable<Uint8Array>, options: DecodeOptions): AsyncGenerator<string> {
  const named = options.encoding === undefined ? undefined : encodingOf(options.encoding);
  const lines = new LineCounter();
  let decoder: iconv.DecoderStream | undefined;
  let encoding = named ?? "utf-8";
  // The first bytes are held until there are enough to tell a BOM.
  let head: Buffer | undefined = Buffer.alloc(0);

  // A high surrogate that ends a piece waits for its pair: iconv-lite's UTF-16 decoders, fed a
  // few bytes at a time, can split a pair between two pieces.
  let pending = "";
  const emit = (piece: string, last = false): string => {
    let text = pending + piece;
    pending = "";
    if (!last && /[\uD800-\uDBFF]$/.test(text)) {
      pending = text.slice(-1);
      text = text.slice(0, -1);
    }
    const bad = INVALID.exec(text);
    if (bad) throw invalidBytes(options.label, lines.lineAt(text, bad.index), encoding, named !== undefined);
    lines.add(text);
    return text;
  };

  for await (const chunk of chunks) {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (head !== undefined) {
      head = Buffer.concat([head, bytes]);
      if (head.length < 3) continue;
      ({ bytes, encoding } = dropBom(head, encoding));
      head = undefined;
      decoder = iconv.getDecoder(encoding, { stripBOM: false });
    }
    const text = (decoder as iconv.DecoderStream).write(bytes);
    const decoded = emit(text);
    if (decoded) yield decoded;
  }
  if (head !== undefined) {
    // A file shorter than any BOM.
    let bytes: Buffer;
    ({ bytes, encoding } = dropBom(head, encoding));
    decoder = iconv.getDecoder(encoding, { stripBOM: false });
    const text = decoder.write(bytes);
    const decoded = emit(text);
    if (decoded) yield decoded;
  }
  // What the decoder still holds: the start of a sequence the file never finished.
  const rest = emit(decoder?.end() ?? "", true);
  if (rest) yield rest;
}

/** The text after the BOM, if any, and the encoding it names (the BOM wins over --encoding, as WHATWG decodes). */
function dropBom(head: Buffer, encoding: string): { bytes: Buffer; encoding: string } {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, i) => head[i] === byte)) {
      return { bytes: head.subarray(bom.bytes.length), encoding: bom.encoding };
    }
  }
  return { bytes: head, encoding };
}

// U+FFFD is what a decoder puts for a sequence it cannot read; a lone surrogate is what a
// UTF-16 decoder lets through for one. Either in the text means the bytes were not valid (a
// U+FFFD in the file itself is refused too: it is the mark of an earlier, lossy conversion).
const INVALID = /[\uFFFD]|[\uD800-\uDFFF]/u;

function invalidBytes(label: string, line: number, encoding: string, named: boolean): CliError {
  const hint = named
    ? `Check the --encoding, or save the file as UTF-8.`
    : `If the file comes from Excel on Windows, try --encoding windows-1252; or save it as UTF-8.`;
  const message = `${label} line ${line}: bytes that are not valid ${encoding.toUpperCase()} (or a U+FFFD replacement character, left by an earlier conversion). ${hint} Nothing was sent.`;
  return new CliError("invalid_input", message, [{ line, field: null, message: `not valid ${encoding}` }]);
}

/** Counts line breaks (LF, CRLF, CR) across chunks, as an editor numbers lines. */
class LineCounter {
  #breaks = 0;
  /** The previous chunk ended in CR: an LF that starts the next one ends the same line. */
  #afterCr = false;

  add(text: string): void {
    this.#breaks += this.#count(text, text.length);
    this.#afterCr = text.endsWith("\r");
  }

  /** The line (1-based) that `text[index]` is on, `text` being the next chunk. */
  lineAt(text: string, index: number): number {
    return this.#breaks + this.#count(text, index) + 1;
  }

  #count(text: string, end: number): number {
    let breaks = 0;
    for (let i = text.indexOf("\r"); i !== -1 && i < end; i = text.indexOf("\r", i + 1)) breaks++;
    for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
      if (!(i === 0 ? this.#afterCr : text.charCodeAt(i - 1) === 0x0d)) breaks++;
    }
    return breaks;
  }
}
