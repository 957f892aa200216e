// Where a run's rows come from: a file, standard input (`--file -`) or a pipe (a FIFO, process
// substitution), or the flags of a single invitation (a file of one row). A run reads its rows
// once. Standard input and pipes are first copied to a private temporary file (their format and
// delimiter are told from their start, then they are parsed), kept for the whole run and
// removed on every exit but `kill -9`.
import { createReadStream, createWriteStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { CliError } from "../errors.js";
import type { RawRow } from "../rows/raw.js";
import { privateTemp } from "../util/private-temp.js";
import { type CsvOptions, readCsv } from "./csv.js";
import { readJsonLines } from "./jsonl.js";
import { isPipe } from "./pipe.js";

export type InputFormat = "csv" | "jsonl" | "flags";

export interface Input {
  format: InputFormat;
  /** How messages name the input: the path given, "stdin", or "flags". */
  label: string;
  /** The file read (the private copy for stdin); undefined for flags. */
  path: string | undefined;
  /** The rows, streamed from the source; a run reads them once. */
  rows(options: RowsOptions): AsyncIterable<RawRow>;
  /** Removes the private copy of standard input, if any. */
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
  if (file === "-") return stdinInput(stdin, "stdin");
  // A named pipe may say its format by its name; /dev/fd/63 does not.
  if (await isPipe(file))
    return stdinInput(createReadStream(file), file, formatOf(file) === "jsonl" ? "jsonl" : undefined);
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
    if (isFile) await (await open(file, "r")).close();
  } catch (error) {
    throw new CliError("invalid_input", `Cannot read --file ${file}: ${describeFsError(error)}.`);
  }
  if (!isFile) throw new CliError("invalid_input", `--file ${file} is a directory or a device, not a file of rows.`);
  return fromPath(file, formatOf(file), file, async () => {});
}

/** `.jsonl` and `.ndjson` are JSON Lines; anything else is CSV. */
function formatOf(path: string): "csv" | "jsonl" {
  return /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}

function fromPath(path: string, format: "csv" | "jsonl", label: string, dispose: () => Promise<void>): Input {
  return {
    format,
    label,
    path,
    rows: (options) =>
      format === "jsonl"
        ? readJsonLines(path, { label, encoding: options.encoding })
        : readCsv(path, { ...options, label }),
    dispose,
  };
}

/** Standard input or a pipe, copied once to a private file (it cannot be read twice). */
async function stdinInput(stdin: AsyncIterable<unknown>, label: string, format?: "jsonl"): Promise<Input> {
  // The names and emails are the user's alone: a private folder, a 0600 file.
  const temp = await privateTemp("dcloud-stdin-");
  const path = join(temp.dir, "input");
  await pipeline(stdin as NodeJS.ReadableStream, createWriteStream(path, { mode: 0o600 }));
  return fromPath(path, format ?? (await sniffFormat(path)), label, temp.remove);
}

/**
 * Standard input and pipes have no file name (or one like /dev/fd/63): a first character of
 * "{" means JSON Lines, anything else CSV. Read from the bytes, past any BOM, white space and
 * the zero bytes of UTF-16, so it holds in every encoding the rows may come in.
 */
async function sniffFormat(path: string): Promise<"csv" | "jsonl"> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const first = buffer.subarray(0, bytesRead).find((byte) => !SKIPPED_BYTES.has(byte));
    return first === 0x7b ? "jsonl" : "csv";
  } finally {
    await handle.close();
  }
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
