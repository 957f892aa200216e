// The report: one JSON line per row, appended as soon as the row's outcome is known, and
// read back by --resume. Every line names the organization and API URL it was sent to, so a
// report is never read as "done" for another. The lines of the rows that finish in one turn
// of the event loop go out together in a single write() to a file opened for appending (one
// system call per turn, not per row), so a killed process loses at most that turn's lines —
// rows a resumed run sends again and the API answers 409 — and leaves at most one torn last
// line, which reading ignores and writing first terminates. A write that fails (disk full, a
// file size limit, an I/O error) never throws from the timer: it is recorded with the rows it
// could not write, so the run can stop as on Ctrl-C and print them.
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { CliError } from "../errors.js";
import { describeWriteError } from "../output/write-error.js";
import { type Destination, type InviteRow, isDone, type ReportLine } from "../rows/outcome.js";

/** Why the report stopped taking lines, and the rows it could not record. */
export interface ReportFailure {
  /** The system's error code: ENOSPC (disk full), EFBIG (file too large), EIO, EACCES, …; "unknown" when there is none. */
  code: string;
  /** One line for the user, naming the report and the cause; never a stack trace. */
  message: string;
  /**
   * The rows whose line is not in the report, in the order they were given: those of the write
   * that failed (a line cut off part-way counts as not written) and every row given since.
   * Grows as rows keep coming; the run prints them, since a later --resume cannot know them.
   */
  unwritten: InviteRow[];
}

export interface ReportWriterOptions {
  /**
   * Called once, when the first write fails (from the timer that flushes, or from flush() or
   * close()); the run stops as on Ctrl-C. Must not throw. Later rows still land in `unwritten`.
   */
  onFailure?(failure: ReportFailure): void;
}

export class ReportWriter {
  readonly #fd: number;
  readonly #path: string;
  /** The destination's fields as the end of a line's JSON text: `,"organization_id":…,"api_url":…}`. */
  readonly #ending: string;
  readonly #onFailure: ((failure: ReportFailure) => void) | undefined;
  /** The rows not yet written, and their lines' JSON texts, at the same index. */
  #pendingRows: InviteRow[] = [];
  #pendingTexts: string[] = [];
  #scheduled: NodeJS.Immediate | undefined;
  #failure: ReportFailure | undefined;
  #closed = false;

  private constructor(fd: number, path: string, destination: Destination, options: ReportWriterOptions) {
    this.#fd = fd;
    this.#path = path;
    // A report line is the row's fields then the destination's, as `{ ...row, ...destination }`
    // would give them; made by joining texts, the row is not copied into a new object first.
    this.#ending = `,${JSON.stringify(destination).slice(1)}`;
    this.#onFailure = options.onFailure;
  }

  static open(path: string, destination: Destination, options: ReportWriterOptions = {}): ReportWriter {
    let fd: number;
    try {
      fd = openSync(path, "a+");
    } catch (error) {
      throw new CliError(
        "usage",
        `Cannot write --report ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const writer = new ReportWriter(fd, path, destination, options);
    // A run killed mid-write may have left a torn last line: end it, so the next line stands alone.
    // Nothing is sent yet, so a report that cannot take even this is an error before the run.
    try {
      const { size } = fstatSync(fd);
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last[0] !== 0x0a) writeSync(fd, "\n");
      }
    } catch (error) {
      closeSync(fd);
      throw new CliError("usage", `Cannot write --report ${path}: ${describeWriteError(error)}`);
    }
    return writer;
  }

  /** Set once a write has failed; from then on nothing more is written and rows go to `unwritten`. */
  get failure(): ReportFailure | undefined {
    return this.#failure;
  }

  write(row: InviteRow): void {
    if (this.#failure) {
      this.#failure.unwritten.push(row);
      return;
    }
    this.#pendingRows.push(row);
    // A row always has fields, so its text ends `…}`, never `{}`.
    this.#pendingTexts.push(`${JSON.stringify(row).slice(0, -1)}${this.#ending}`);
    this.#scheduled ??= setImmediate(() => this.flush());
  }

  /**
   * Writes the lines not yet written; called at the end of each event-loop turn, on close, and
   * before a forced exit. Never throws: a failed write becomes `failure` (and `onFailure`).
   */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    if (this.#pendingTexts.length === 0 || this.#failure) return;
    const rows = this.#pendingRows;
    const texts = this.#pendingTexts;
    this.#pendingRows = [];
    this.#pendingTexts = [];
    const bytes = Buffer.from(`${texts.join("\n")}\n`);
    let done = 0;
    try {
      // write() may take less than it is given (a full disk throws instead); the rest follows.
      while (done < bytes.length) done += writeSync(this.#fd, bytes, done);
    } catch (error) {
      // A row is recorded when its whole JSON text reached the file: reading takes such a line
      // even without its line break. The first row cut short, and all after it, are not.
      let end = 0;
      let recorded = 0;
      for (const text of texts) {
        end += Buffer.byteLength(text);
        if (end > done) break;
        recorded++;
        end += 1;
      }
      this.#fail(error, rows.slice(recorded));
    }
  }

  /** Flushes and closes the file. Never throws: a failure to close is recorded like a failed write. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    try {
      closeSync(this.#fd);
    } catch (error) {
      if (!this.#failure) this.#fail(error, []);
    }
  }

  #fail(error: unknown, unwritten: InviteRow[]): void {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown";
    this.#failure = {
      code,
      message: `cannot write the report ${this.#path}: ${describeWriteError(error)}`,
      unwritten,
    };
    this.#onFailure?.(this.#failure);
  }
}

export interface EarlierRun {
  /** The rows an earlier run finished (`invited` or `already_member`), by lower-cased email. */
  finished: Map<string, InviteRow>;
  /** Where the report's lines were sent; more than one only if someone mixed reports. */
  destinations: Destination[];
  /** Lines that are not JSON (the torn end of a killed run); they are ignored. */
  unreadable: number;
}

/** What a report says of earlier runs. A missing report means nothing is done yet. */
export async function readReport(path: string): Promise<EarlierRun> {
  const finished = new Map<string, InviteRow>();
  const destinations = new Map<string, Destination>();
  let unreadable = 0;
  if (!existsSync(path)) return { finished, destinations: [], unreadable };
  const lines = createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const text of lines) {
    if (!text.trim()) continue;
    let line: Partial<ReportLine>;
    try {
      line = JSON.parse(text) as Partial<ReportLine>;
    } catch {
      unreadable++;
      continue;
    }
    const destination = {
      organization_id: String(line.organization_id ?? "(none)"),
      api_url: String(line.api_url ?? "(none)"),
    };
    destinations.set(`${destination.organization_id} ${destination.api_url}`, destination);
    if (typeof line.email === "string" && typeof line.status === "string" && isDone(line.status)) {
      const { organization_id: _org, api_url: _url, ...row } = line as ReportLine;
      finished.set(line.email.toLowerCase(), row);
    }
  }
  return { finished, destinations: [...destinations.values()], unreadable };
}

/** Refuses a report written for another organization or API URL: its "done" rows say nothing of this one. */
export function checkSameDestination(path: string, earlier: EarlierRun, destination: Destination): void {
  const other = earlier.destinations.find(
    (d) => d.organization_id !== destination.organization_id || d.api_url !== destination.api_url,
  );
  if (!other) return;
  throw new CliError(
    "invalid_input",
    `--report ${path} was written for organization ${other.organization_id} at ${other.api_url}, ` +
      `but this run invites to organization ${destination.organization_id} at ${destination.api_url}. ` +
      "--resume would skip rows that were never invited there; use another --report. Nothing was sent.",
  );
}

/** Refuses a --report that is the input file itself, however spelled (same device and inode). */
export function checkNotInput(reportPath: string, inputPath: string | undefined): void {
  if (inputPath === undefined || !existsSync(reportPath)) return;
  const report = statSync(reportPath);
  const input = statSync(inputPath);
  if (report.dev === input.dev && report.ino === input.ino) {
    throw new CliError(
      "usage",
      `--report ${reportPath} is the input file itself; appending to it would destroy it. Name another file.`,
    );
  }
}
