// The terminal a person answers at. Usually that is standard input; when standard input
// carries the data (`cat people.csv | dcloud invite --file -`), the question is still asked,
// and the answer read from the terminal itself (/dev/tty), as gh and git do.
import { closeSync, openSync } from "node:fs";
import { ReadStream } from "node:tty";

const TERMINAL = "/dev/tty";

/** True when the terminal can be opened for reading (there is a controlling terminal). */
export function terminalOpens(): boolean {
  try {
    closeSync(openSync(TERMINAL, "r"));
    return true;
  } catch {
    return false;
  }
}

/**
 * One line typed at the terminal: stdin when it is one, else /dev/tty. Undefined when the
 * input ended before Enter (Ctrl-D, or no terminal): the caller ends the prompt's line,
 * which the terminal did not.
 */
export function readTerminalLine(stdin: NodeJS.ReadStream): Promise<string | undefined> {
  let stream: NodeJS.ReadableStream & { destroy?(): void };
  let own = false;
  if (stdin.isTTY) stream = stdin;
  else {
    try {
      stream = new ReadStream(openSync(TERMINAL, "r"));
      own = true;
    } catch {
      return Promise.resolve(undefined);
    }
  }
  return new Promise((resolve) => {
    let typed = "";
    const done = (line: string | undefined) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onEnd);
      if (own) stream.destroy?.();
      else stream.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      typed += chunk.toString();
      const end = typed.search(/\r|\n/);
      if (end !== -1) done(typed.slice(0, end));
    };
    const onEnd = () => done(undefined);
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onEnd);
    stream.resume();
  });
}
