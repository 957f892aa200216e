// The report: one JSON line per row, appended as soon as the row's outcome is known, and
// read back by --resume. The lines of the rows that finish in one turn of the event loop go
// out together in a single write() to a file opened for appending (one system call per
// turn, not per row), so a killed process loses at most that turn's lines — rows a resumed
// run sends again and the API answers 409 — and leaves at most one torn last line, which
// reading ignores and writing first terminates.
import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { CliError } from "../errors.js";
import type { InviteRow } from "./row.js";

export class ReportWriter {
  readonly #fd: number;
  #pending = "";
  #scheduled: NodeJS.Immediate | undefined;

  private constructor(fd: number) {
    this.#fd = fd;
  }

  static open(path: string): ReportWriter {
    let fd: number;
    try {
      fd = openSync(path, "a+");
    } catch (error) {
      throw new CliError("usage", `Cannot write --report ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // A run killed mid-write may have left a torn last line: end it, so the next line stands alone.
    const { size } = fstatSync(fd);
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, "\n");
    }
    return new ReportWriter(fd);
  }

  write(row: InviteRow): void {
    this.#pending += `${JSON.stringify(row)}\n`;
    this.#scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes the lines not yet written; called at the end of each event-loop turn, on close, and before a forced exit. */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (!this.#pending) return;
    const bytes = Buffer.from(this.#pending);
    this.#pending = "";
    // write() may take less than it is given (a full disk throws instead); the rest follows.
    for (let done = 0; done < bytes.length; ) done += writeSync(this.#fd, bytes, done);
  }

  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}

/** Outcomes that mean "this user is in": a resumed run does not send them again. */
const DONE = new Set(["invited", "already_member"]);

/**
 * The rows an earlier run finished, by lower-cased email: the last `invited` or
 * `already_member` line of each. A missing report means nothing is done yet; a line that is
 * not JSON (the torn end of a killed run) is skipped.
 */
export async function readFinishedRows(path: string): Promise<{ finished: Map<string, InviteRow>; unreadable: number }> {
  const finished = new Map<string, InviteRow>();
  let unreadable = 0;
  if (!existsSync(path)) return { finished, unreadable };
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (!text.trim()) continue;
    let row: Partial<InviteRow>;
    try {
      row = JSON.parse(text) as Partial<InviteRow>;
    } catch {
      unreadable++;
      continue;
    }
    if (typeof row.email === "string" && typeof row.status === "string" && DONE.has(row.status)) {
      finished.set(row.email.toLowerCase(), row as InviteRow);
    }
  }
  return { finished, unreadable };
}
