// The rows of a --json run's document, kept until the run ends: in a private temporary file,
// so memory does not grow with the input while the run lasts; when that file cannot take more
// (a full disk, a file size limit), the rest in memory, so no row is lost. At the end the rows
// come back in input order (by line), whatever order they finished in.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type PrivateTemp, privateTemp } from "../../util/private-temp.js";

export class ResultsSpool {
  readonly #temp: PrivateTemp;
  readonly #fd: number;
  /** Bytes of whole rows in the file. */
  #bytes = 0;
  /** The file failed: this row and those after it are in `#memory`. */
  #memory: string[] | undefined;
  /** Each row's line, in the order the rows came (file first, then memory). */
  readonly #lines: (number | null)[] = [];

  private constructor(temp: PrivateTemp, fd: number) {
    this.#temp = temp;
    this.#fd = fd;
  }

  static async open(): Promise<ResultsSpool> {
    const temp = await privateTemp("dcloud-results-");
    return new ResultsSpool(temp, openSync(join(temp.dir, "results"), "a", 0o600));
  }

  /** One row's JSON text (one line), with the input line it sorts by. */
  add(line: number | null, json: string): void {
    this.#lines.push(line);
    if (this.#memory) {
      this.#memory.push(json);
      return;
    }
    const bytes = Buffer.from(`${json}\n`);
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(this.#fd, bytes, done);
      this.#bytes += bytes.length;
    } catch {
      // Whatever part of this row reached the file is ignored: reading stops at #bytes.
      this.#memory = [json];
    }
  }

  /** The rows in input order (a stable sort by line), then the temporary folder is gone. */
  async drain(): Promise<string[]> {
    try {
      closeSync(this.#fd);
    } catch {
      // Closing cannot lose what was written: the bytes counted are in the file.
    }
    const file = readFileSync(join(this.#temp.dir, "results")).subarray(0, this.#bytes).toString("utf8");
    await this.#temp.remove();
    const rows = file ? file.slice(0, -1).split("\n") : [];
    rows.push(...(this.#memory ?? []));
    const order = rows.map((_, i) => i);
    order.sort((a, b) => (this.#lines[a] ?? 0) - (this.#lines[b] ?? 0) || a - b);
    return order.map((i) => rows[i] as string);
  }

  /** Removes the temporary folder when the run ends without its document (an error). */
  async discard(): Promise<void> {
    try {
      closeSync(this.#fd);
    } catch {
      // Already closed by drain().
    }
    await this.#temp.remove();
  }
}
