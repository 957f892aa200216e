// The only place that writes to stdout and stderr. stdout carries the result (human text,
// or exactly one JSON document under --json); stderr carries errors, hints and --debug lines.
import { createStyle, useColor, type Style } from "./style.js";

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
}

export class Output {
  readonly out: Style;
  readonly err: Style;
  #secret: string | undefined;

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

  /** A line of the human result on stdout; silent under --json and --quiet. */
  line(text: string): void {
    if (!this.options.json && !this.options.quiet) this.#write("stdout", `${text}\n`);
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    this.#write("stdout", `${JSON.stringify(value, null, 2)}\n`);
  }

  error(text: string): void {
    this.#write("stderr", `${this.err.red("error:")} ${text}\n`);
  }

  warn(text: string): void {
    this.#write("stderr", `${this.err.yellow("warning:")} ${text}\n`);
  }

  /** Part of stdout's one JSON document, written as it is produced (a bulk run's results). */
  raw(text: string): void {
    this.#write("stdout", text);
  }

  hint(text: string): void {
    this.#write("stderr", `${this.err.dim("hint:")} ${text}\n`);
  }

  debug(text: string): void {
    if (this.options.debug) this.#write("stderr", `${this.err.dim("debug:")} ${text}\n`);
  }

  #write(stream: "stdout" | "stderr", text: string): void {
    const safe = this.#secret ? text.split(this.#secret).join("***") : text;
    this.streams[stream].write(safe);
  }
}
