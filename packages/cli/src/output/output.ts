// The only place that writes to stdout and stderr. stdout carries the result (human text,
// or exactly one JSON document under --json); stderr carries errors, hints and --debug lines.
// Every human line is one line: control characters in it (from the server or the input
// file) are escaped. While a progress display holds the bottom of the terminal, lines for
// stderr go above it, so nothing on the screen is overwritten or mixed.
import { escapeControl } from "./escape.js";
import { createStyle, type Style, useColor } from "./style.js";

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
}

export class Output {
  readonly out: Style;
  readonly err: Style;
  #secret: string | undefined;
  /** Set while a progress display is drawn: it prints stderr lines above itself. */
  #above: ((line: string) => void) | undefined;

  constructor(
    readonly options: OutputOptions,
    private readonly streams: { stdout: Stream; stderr: Stream },
    env: NodeJS.ProcessEnv,
  ) {
    this.out = createStyle(useColor(streams.stdout, options.color, env));
    this.err = createStyle(useColor(streams.stderr, options.color, env));
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
    this.streams[stream].write(this.#redact(text));
  }
}
