// The rows of a --json run's document, kept until the run ends: in a private temporary file,
// so memory does not grow with the input while the run lasts; when that file cannot be made
// (a temp folder that is missing or not writable) or cannot take more (a full disk, a file size
// limit), the rest in memory, so no row is lost and the run goes on. At the end the rows come
// back in input order (by line), whatever order they finished in.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type PrivateTemp, privateTemp } from "../../util/private-temp.js";

/** The spool's file: its private folder and open descriptor. */
interface SpoolFile {
  temp: PrivateTemp;
  fd: number;
}

export class ResultsSpool {
  /** Undefined when the file could not be made: every row is then in `#memory`. */
  readonly #file: SpoolFile | undefined;
  /** Bytes of whole rows in the file. */
  #bytes = 0;
  /** The file failed, or was never made: this row and those after it are in `#memory`. */
  #memory: string[] | undefined;
  /** Each row's line, in the order the rows came (file first, then memory). */
  readonly #lines: (number | null)[] = [];

  private constructor(file: SpoolFile | undefined) {
    this.#file = file;
  }

  static async open(): Promise<ResultsSpool> {
    let temp: PrivateTemp | undefined;
    try {
      temp = await privateTemp("dcloud-results-");
      return new ResultsSpool({ temp, fd: openSync(join(temp.dir, "results"), "a", 0o600) });
    } catch {
      await temp?.remove();
      return new ResultsSpool(undefined);
    }
  }

  /** One row's JSON text (one line), with the input line it sorts by. */
  add(line: number | null, json: string): void {
    this.#lines.push(line);
    const file = this.#file;
    if (this.#memory || !file) {
      this.#keep(json);
      return;
    }
    const bytes = Buffer.from(`${json}\n`);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(file.fd, bytes, done);
      this.#bytes += bytes.length;
    } catch {
      // Whatever part of this row reached the file is ignored: reading stops at #bytes.
      this.#keep(json);
    }
  }

  /** Keeps a row in memory. */
  #keep(json: string): void {
    if (this.#memory) this.#memory.push(json);
    else this.#memory = [json];
  }

  /** The rows in input order (a stable sort by line), then the temporary folder is gone. */
  async drain(): Promise<string[]> {
    const rows = await this.#fileRows();
    rows.push(...(this.#memory ?? []));
    const order = rows.map((_, i) => i);
    order.sort((a, b) => (this.#lines[a] ?? 0) - (this.#lines[b] ?? 0) || a - b);
    return order.map((i) => rows[i] as string);
  }

  /** Removes the temporary folder when the run ends without its document (an error). */
  async discard(): Promise<void> {
    if (!this.#file) return;
    try {
      closeSync(this.#file.fd);
    } catch {
      // Already closed by drain().
    }
    await this.#file.temp.remove();
  }

  /** The rows written to the file, which is then gone. */
  async #fileRows(): Promise<string[]> {
    if (!this.#file) return [];
    try {
      closeSync(this.#file.fd);
    } catch {
      // Closing cannot lose what was written: the bytes counted are in the file.
    }
    const text = readFileSync(join(this.#file.temp.dir, "results")).subarray(0, this.#bytes).toString("utf8");
    await this.#file.temp.remove();
    return text ? text.slice(0, -1).split("\n") : [];
  }
}
