// Where the rows come from: a file, or standard input with `--file -`. Rows are read twice
// (all are validated before the first request is sent), so standard input is first copied
// to a temporary file; either way memory does not grow with the input.
import { createWriteStream } from "node:fs";
import { access, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { CliError } from "../../errors.js";
import { formatOf, type InputFormat } from "./read-rows.js";

export interface InputFile {
  path: string;
  format: InputFormat;
  /** How messages name the input: the path given, or "stdin". */
  label: string;
  /** Removes the temporary copy of standard input, if any. */
  dispose(): Promise<void>;
}

export async function openInput(file: string, stdin: NodeJS.ReadableStream | AsyncIterable<unknown>): Promise<InputFile> {
  if (file !== "-") {
    try {
      await access(file);
    } catch (error) {
      throw new CliError("usage", `Cannot read --file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    return { path: file, format: formatOf(file), label: file, dispose: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), "dcloud-stdin-"));
  const path = join(dir, "input");
  await pipeline(stdin as NodeJS.ReadableStream, createWriteStream(path));
  return { path, format: await sniffFormat(path), label: "stdin", dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Standard input has no file name: a first character of "{" means JSON Lines, anything else CSV. */
async function sniffFormat(path: string): Promise<InputFormat> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    const start = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").trimStart();
    return start.startsWith("{") ? "jsonl" : "csv";
  } finally {
    await handle.close();
  }
}
