// The report: one JSON line per row, appended as soon as the row's outcome is known, and
// read back by --resume. Every line names the organization and API URL it was sent to, so a
// report is never read as "done" for another. The lines of the rows that finish in one turn
// of the event loop go out together in a single write() to a file opened for appending (one
// system call per turn, not per row), so a killed process loses at most that turn's lines —
// rows a resumed run sends again and the API answers 409 — and leaves at most one torn last
// line, which reading ignores and writing first terminates.
import { closeSync, createReadStream, existsSync, fstatSync, openSync, readSync, statSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { CliError } from "../errors.js";
import { type Destination, type InviteRow, isDone, type ReportLine } from "../rows/outcome.js";

export class ReportWriter {
  readonly #fd: number;
  readonly #destination: Destination;
  #pending = "";
  #scheduled: NodeJS.Immediate | undefined;

  private constructor(fd: number, destination: Destination) {
    this.#fd = fd;
    this.#destination = destination;
  }

  static open(path: string, destination: Destination): ReportWriter {
    let fd: number;
    try {
      fd = openSync(path, "a+");
    } catch (error) {
      throw new CliError(
        "usage",
        `Cannot write --report ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    // A run killed mid-write may have left a torn last line: end it, so the next line stands alone.
    const { size } = fstatSync(fd);
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, "\n");
    }
    return new ReportWriter(fd, destination);
  }

  write(row: InviteRow): void {
    const line: ReportLine = { ...row, ...this.#destination };
    this.#pending += `${JSON.stringify(line)}\n`;
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
