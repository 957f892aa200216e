// The only place that writes to stdout and stderr. stdout carries the result (human text,
// or exactly one JSON document under --json); stderr carries errors, hints and --debug lines.
// Every human line is one line: control characters in it (from the server or the input
// file) are escaped. While a progress display holds the bottom of the terminal, lines for
// stderr go above it, so nothing on the screen is overwritten or mixed. A stream that fails
// (a full disk under `> /dev/full`) is reported once on stderr and kept as `failure` for the
// caller to decide the exit code; a closed pipe (`| head`) is no failure: it is left alone.
import { escapeControl } from "./escape.js";
import { createStyle, type Style, useColor } from "./style.js";
import { describeWriteError } from "./write-error.js";

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  debug: boolean;
  /** False with --no-color. */
  color: boolean;
}

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width, in columns. */
  columns?: number;
  /** A Node stream reports a failed write here, after write() returned (process.stdout does). */
  on?(event: "error", listener: (error: Error) => void): unknown;
}

/** A standard stream that could not be written (anything but a closed pipe). */
export interface StreamFailure {
  stream: "stdout" | "stderr";
  /** ENOSPC, EIO, …; "unknown" when the error has no code. */
  code: string;
  /** The line printed on stderr (when stdout failed), without the "error:" prefix. */
  message: string;
}

const CLOSED = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

export class Output {
  readonly out: Style;
  readonly err: Style;
  #secret: string | undefined;
  /** Set while a progress display is drawn: it prints stderr lines above itself. */
  #above: ((line: string) => void) | undefined;
  #failure: StreamFailure | undefined;
  readonly #failureListeners: ((failure: StreamFailure) => void)[] = [];
  /** Streams that failed or were closed: nothing more is written to them. */
  readonly #gone = new Set<"stdout" | "stderr">();

  constructor(
    readonly options: OutputOptions,
    private readonly streams: { stdout: Stream; stderr: Stream },
    env: NodeJS.ProcessEnv,
  ) {
    this.out = createStyle(useColor(streams.stdout, options.color, env));
    this.err = createStyle(useColor(streams.stderr, options.color, env));
    for (const name of ["stdout", "stderr"] as const) {
      streams[name].on?.("error", (error) => this.#streamFailed(name, error));
    }
  }

  /**
   * The first failure to write stdout or stderr (a closed pipe is none), once it has happened.
   * Writes fail after write() returns, so a caller checks this when its output is done
   * (and after stdout drained) to end with exit 1.
   */
  get failure(): StreamFailure | undefined {
    return this.#failure;
  }

  /** Calls `listener` once, when stdout or stderr first fails (not for a closed pipe): a run stops as on Ctrl-C. */
  onFailure(listener: (failure: StreamFailure) => void): void {
    this.#failureListeners.push(listener);
  }

  /**
   * Nothing built by the CLI or the client contains the key; this is the last line of
   * defence should a message ever quote it (e.g. one from a dependency). Keys shorter
   * than 8 characters are not real keys and would mangle ordinary text.
   */
  hideSecret(secret: string): void {
    if (secret.length >= 8) this.#secret = secret;
  }

  /** Routes stderr lines through a progress display while it is drawn; undefined gives stderr back. */
  drawAbove(print: ((line: string) => void) | undefined): void {
    this.#above = print;
  }

  /** A line of the human result on stdout; silent under --json and --quiet. */
  line(text: string): void {
    if (!this.options.json && !this.options.quiet) this.#write("stdout", `${escapeControl(text)}\n`);
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    this.#write("stdout", `${JSON.stringify(value, null, 2)}\n`);
  }

  error(text: string): void {
    this.#line(`${this.err.red("error:")} ${escapeControl(text)}`);
  }

  warn(text: string): void {
    this.#line(`${this.err.yellow("warning:")} ${escapeControl(text)}`);
  }

  /** A question on stderr, without a line break: the answer is typed after it. */
  ask(text: string): void {
    this.#write("stderr", escapeControl(text));
  }

  /** Ends the question's line when the answer did not (Ctrl-D at the prompt). */
  endPrompt(): void {
    this.#write("stderr", "\n");
  }

  /** Part of stdout's one JSON document, written as it is produced (a bulk run's results). */
  raw(text: string): void {
    this.#write("stdout", text);
  }

  hint(text: string): void {
    this.#line(`${this.err.dim("hint:")} ${escapeControl(text)}`);
  }

  debug(text: string): void {
    if (this.options.debug) this.#line(`${this.err.dim("debug:")} ${escapeControl(text)}`);
  }

  /** One line on stderr, above the progress display when one is drawn. */
  #line(text: string): void {
    if (this.#above) this.#above(this.#redact(text));
    else this.#write("stderr", `${text}\n`);
  }

  #redact(text: string): string {
    return this.#secret ? text.split(this.#secret).join("***") : text;
  }

  #write(stream: "stdout" | "stderr", text: string): void {
    if (this.#gone.has(stream)) return;
    this.streams[stream].write(this.#redact(text));
  }

  #streamFailed(stream: "stdout" | "stderr", error: Error): void {
    if (this.#gone.has(stream)) return;
    this.#gone.add(stream);
    const { code } = error as NodeJS.ErrnoException;
    if (code && CLOSED.has(code)) return;
    if (this.#failure) return;
    const name = stream === "stdout" ? "standard output" : "standard error";
    this.#failure = {
      stream,
      code: code ?? "unknown",
      message: `cannot write to ${name}: ${describeWriteError(error)}; the output is incomplete.`,
    };
    if (stream === "stdout") this.error(this.#failure.message);
    for (const listener of this.#failureListeners) listener(this.#failure);
  }
}
