// What the CLI takes from its process: streams, environment, home directory. Passed in
// rather than read from globals so each piece of the CLI says what it depends on.
import { homedir } from "node:os";
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
  /** Calls `listener` on each SIGINT (Ctrl-C) or SIGTERM until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
  /** Ends the process at once (a second Ctrl-C). */
  exitNow(code: number): never;
}

/**
 * `dcloud … | head` closes stdout early. Node then throws EPIPE from the next write and
 * crashes; a CLI should carry on quietly instead (a bulk run still finishes its report).
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
  return stream;
}

export function processRuntime(): Runtime {
  return {
    stdout: ignoreClosedPipe(process.stdout),
    stderr: ignoreClosedPipe(process.stderr),
    stdin: process.stdin,
    env: process.env,
    home: homedir(),
    interactive: process.stderr.isTTY === true && (process.stdin.isTTY === true || terminalOpens()),
    readAnswer: () => readTerminalLine(process.stdin),
    secretInput: () => (process.stdin.isTTY ? process.stdin : undefined),
    onInterrupt(listener) {
      process.on("SIGINT", listener);
      process.on("SIGTERM", listener);
      return () => {
        process.off("SIGINT", listener);
        process.off("SIGTERM", listener);
      };
    },
    exitNow: (code) => process.exit(code),
  };
}

export async function readAll(stream: AsyncIterable<string | Buffer>): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}
