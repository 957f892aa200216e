// What the CLI takes from its process: streams, environment, home directory. Passed in
// rather than read from globals so each piece of the CLI says what it depends on.
import { homedir } from "node:os";
import { createInterface } from "node:readline";
import type { Stream } from "./output/output.js";

export interface Runtime {
  stdout: Stream;
  stderr: Stream;
  stdin: AsyncIterable<string | Buffer>;
  env: NodeJS.ProcessEnv;
  home: string;
  /** True when a person is there to answer: stdin and stderr are both terminals. */
  interactive: boolean;
  /** Reads one line that the person types (after the question is printed). */
  readAnswer(): Promise<string>;
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
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    readAnswer() {
      const lines = createInterface({ input: process.stdin, terminal: false });
      return new Promise((resolve) => {
        let answered = false;
        lines.once("line", (line) => {
          answered = true;
          lines.close();
          resolve(line);
        });
        // Ctrl-D, or stdin closed: no answer, which is not a yes.
        lines.once("close", () => {
          if (!answered) resolve("");
        });
      });
    },
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
