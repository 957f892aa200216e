// Where a run's rows come from: a file, standard input (`--file -`) or a pipe (a FIFO, process
// substitution), or the flags of a single invitation (a file of one row). A run reads its rows
// once, into the checked rows it keeps in memory. Standard input and pipes are read as they
// stream — their format told from their first bytes — and never copied to disk: the people's
// names and emails leave no file behind, and a full disk, a file size limit or a temp folder
// that cannot be written cannot stop a run before it starts.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { CliError } from "../errors.js";
import type { RawRow } from "../rows/raw.js";
import { type CsvOptions, readCsv, readCsvFrom } from "./csv.js";
import { readJsonLines, readJsonLinesFrom } from "./jsonl.js";
import { isPipe } from "./pipe.js";

export type InputFormat = "csv" | "jsonl" | "flags";

export interface Input {
  format: InputFormat;
  /** How messages name the input: the path given, "stdin", or "flags". */
  label: string;
  /** The file or pipe read; undefined for standard input and flags. */
  path: string | undefined;
  /** The rows, streamed from the source; a run reads them once. */
  rows(options: RowsOptions): AsyncIterable<RawRow>;
  /** Lets go of the source (standard input, a pipe) when the run ends, read or not. */
  dispose(): Promise<void>;
}

/** How to read a file's rows: CSV takes them all, JSON Lines the encoding. */
export type RowsOptions = Pick<CsvOptions, "roleFromFlag" | "onUnknownColumns" | "encoding" | "columns" | "onColumns">;

/** One invitation given by flags, as a row of one. */
export function flagsInput(fields: Record<string, unknown>): Input {
  return {
    format: "flags",
    label: "flags",
    path: undefined,
    async *rows() {
      yield { line: null, fields };
    },
    dispose: async () => {},
  };
}

export async function fileInput(file: string, stdin: AsyncIterable<unknown>): Promise<Input> {
  if (file === "-") return streamInput(stdin, { label: "stdin", path: undefined });
  // A named pipe may say its format by its name; /dev/fd/63 does not.
  if (await isPipe(file))
    return streamInput(createReadStream(file), {
      label: file,
      path: file,
      format: formatOf(file) === "jsonl" ? "jsonl" : undefined,
    });
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
    if (isFile) await (await open(file, "r")).close();
  } catch (error) {
    throw new CliError("invalid_input", `Cannot read --file ${file}: ${describeFsError(error)}.`);
  }
  if (!isFile) throw new CliError("invalid_input", `--file ${file} is a directory or a device, not a file of rows.`);
  return fromPath(file, formatOf(file));
}

/** `.jsonl` and `.ndjson` are JSON Lines; anything else is CSV. */
function formatOf(path: string): "csv" | "jsonl" {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}

function fromPath(path: string, format: "csv" | "jsonl"): Input {
  const label = path;
  return {
    format,
    label,
    path,
    rows: (options) =>
      format === "jsonl"
        ? readJsonLines(path, { label, encoding: options.encoding })
        : readCsv(path, { ...options, label }),
    dispose: async () => {},
  };
}

/**
 * Standard input or a pipe: it cannot be read twice, and need not be — its rows are read once,
 * as they stream, into the checked rows. Only its first bytes are held, to tell its format.
 */
async function streamInput(
  source: AsyncIterable<unknown>,
  where: { label: string; path: string | undefined; format?: "jsonl" | undefined },
): Promise<Input> {
  const { label } = where;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const start = await readStart(chunks, label);
  const format = where.format ?? sniffFormat(start.bytes);
  let read = false;
  return {
    format,
    label,
    path: where.path,
    rows(options) {
      if (read) throw new Error(`${label} is read once`);
      read = true;
      const bytes = replay(start, chunks, label);
      return format === "jsonl"
        ? readJsonLinesFrom(bytes, { label, encoding: options.encoding })
        : readCsvFrom(bytes, { ...options, label });
    },
    async dispose() {
      await chunks.return?.();
    },
  };
}

/** How many of the first bytes tell a stream's format. */
const SNIFF_BYTES = 512;

interface Start {
  /** The chunks read so far, in order. */
  chunks: Buffer[];
  /** Their bytes, up to SNIFF_BYTES. */
  bytes: Buffer;
  /** The source ended within them. */
  ended: boolean;
}

/** Reads chunks until SNIFF_BYTES have come, or one that is not white space, BOM or NUL, or the end. */
async function readStart(chunks: AsyncIterator<unknown>, label: string): Promise<Start> {
  const start: Start = { chunks: [], bytes: Buffer.alloc(0), ended: false };
  while (start.bytes.length < SNIFF_BYTES && start.bytes.every((byte) => SKIPPED_BYTES.has(byte))) {
    const next = await nextChunk(chunks, label);
    if (next.done) {
      start.ended = true;
      break;
    }
    start.chunks.push(next.value);
    start.bytes = Buffer.concat([start.bytes, next.value]).subarray(0, SNIFF_BYTES);
  }
  return start;
}

/** The bytes held by readStart, then the rest of the source. */
async function* replay(start: Start, chunks: AsyncIterator<unknown>, label: string): AsyncGenerator<Buffer> {
  yield* start.chunks;
  if (start.ended) return;
  for (let next = await nextChunk(chunks, label); !next.done; next = await nextChunk(chunks, label)) yield next.value;
}

/** One chunk of the source as bytes; a source that fails to be read is an input error naming it. */
async function nextChunk(chunks: AsyncIterator<unknown>, label: string): Promise<IteratorResult<Buffer, unknown>> {
  let next: IteratorResult<unknown>;
  try {
    next = await chunks.next();
  } catch (error) {
    throw new CliError("invalid_input", `Cannot read ${label}: ${describeFsError(error)}; nothing was sent.`);
  }
  if (next.done) return next;
  const chunk = next.value as string | Uint8Array;
  const value =
    typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return { done: false, value };
}

/**
 * Standard input and pipes have no file name (or one like /dev/fd/63): a first character of
 * "{" means JSON Lines, anything else CSV. Read from the bytes, past any BOM, white space and
 * the zero bytes of UTF-16, so it holds in every encoding the rows may come in.
 */
function sniffFormat(start: Buffer): "csv" | "jsonl" {
  return start.find((byte) => !SKIPPED_BYTES.has(byte)) === 0x7b ? "jsonl" : "csv";
}

/** BOM bytes, white space and NUL. */
const SKIPPED_BYTES = new Set([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x20, 0x09, 0x0a, 0x0d, 0x00]);

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return code ?? (error as Error).message;
}
