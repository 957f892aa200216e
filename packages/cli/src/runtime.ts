// What the CLI takes from its process: streams, environment, home directory. Passed in
// rather than read from globals so each piece of the CLI says what it depends on.
import { homedir } from "node:os";
import { ExitCode } from "./exit-codes.js";
import type { Stream } from "./output/output.js";
import type { TerminalInput } from "./settings/hidden-input.js";
import { readTerminalLine, terminalOpens } from "./terminal.js";

export interface Runtime {
  stdout: Stream;
  stderr: Stream;
  stdin: AsyncIterable<string | Buffer>;
  env: NodeJS.ProcessEnv;
  home: string;
  /**
   * True when a person is there to answer: stderr is a terminal, and so is stdin or, when
   * stdin carries a file, the terminal itself (/dev/tty) opens.
   */
  interactive: boolean;
  /** Reads one line that the person types at the terminal; undefined when the input ended first (Ctrl-D). */
  readAnswer(): Promise<string | undefined>;
  /** Standard input when it is a terminal, to read a secret from without echo; else undefined. */
  secretInput(): TerminalInput | undefined;
  /**
   * Calls `listener` on each SIGINT (Ctrl-C), SIGTERM or SIGHUP (a closed terminal, a dropped
   * ssh) until the returned function is called. The process is never killed by these signals
   * from then on: after the last listener goes, one of them ends the process with exit 130
   * through its exit handlers, so every exit runs the clean-up (private temp folders) it owes.
   */
  onInterrupt(listener: () => void): () => void;
  /** Ends the process at once (a second Ctrl-C). */
  exitNow(code: number): never;
}

/** The signals that end a run the way Ctrl-C does. */
const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * `dcloud … | head` closes stdout early: Node then reports EPIPE from the next write, and a
 * CLI should carry on quietly (a bulk run still finishes its report). Any other failure (a
 * full disk: `> /dev/full`) must not crash the process from an 'error' event either: Output
 * reports it on stderr, and the process exits 1 at the least, whatever the command returned.
 */
function guardWrites(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  let failed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED" || failed) return;
    failed = true;
    process.once("exit", () => {
      if (!process.exitCode) process.exitCode = 1;
    });
  });
  return stream;
}

/**
 * Between the end of a run and the process's exit a signal must not kill the process by its
 * default action, which skips the exit handlers that remove private temp folders: it exits
 * with 130 through them instead. (A signal listener does not keep the process alive.)
 */
const exitCleanlyOnSignals = (() => {
  let installed = false;
  return () => {
    if (installed) return;
    installed = true;
    for (const signal of INTERRUPT_SIGNALS) process.on(signal, () => process.exit(ExitCode.Interrupted));
  };
})();

export function processRuntime(): Runtime {
  return {
    stdout: guardWrites(process.stdout),
    stderr: guardWrites(process.stderr),
    stdin: process.stdin,
    env: process.env,
    home: homedir(),
    interactive: process.stderr.isTTY === true && (process.stdin.isTTY === true || terminalOpens()),
    readAnswer: () => readTerminalLine(process.stdin),
    secretInput: () => (process.stdin.isTTY ? process.stdin : undefined),
    onInterrupt(listener) {
      for (const signal of INTERRUPT_SIGNALS) process.on(signal, listener);
      return () => {
        for (const signal of INTERRUPT_SIGNALS) process.off(signal, listener);
        exitCleanlyOnSignals();
      };
    },
    exitNow: (code) => process.exit(code),
  };
}

/**
 * Ends the process with `code` as soon as stdout and stderr have taken all that was written.
 * An explicit exit, not an event loop left to drain: while Node tears a drained process down,
 * its signal listeners are already gone, and a SIGTERM or SIGHUP then would kill it (no exit
 * code of ours). A failed stdout still raises the code to 1 (the exit handler of guardWrites).
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  // After the streams' own 'error' events (a failed write reports on the next ticks).
  const exit = () => setImmediate(() => process.exit());
  const streams = [process.stdout, process.stderr].filter((stream) => !stream.destroyed);
  let waiting = streams.length;
  if (waiting === 0) exit();
  for (const stream of streams) {
    stream.write("", () => {
      if (--waiting === 0) exit();
    });
  }
}

export async function readAll(stream: AsyncIterable<string | Buffer>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}
