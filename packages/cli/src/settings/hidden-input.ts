// Reads a secret (the API key, for `dcloud login`) from a terminal without showing it: the
// terminal is put in raw mode, so it neither echoes what is typed nor turns Ctrl-C into a
// signal, and this reads it key by key. Nothing of what is typed is written anywhere, not
// even as `*`: the length of a key is nobody's business either.
//
// Enter ends the input. Backspace takes back one character, Ctrl-U the whole line. Ctrl-C and
// Ctrl-D cancel; so does the end of the input. Escape sequences (arrow keys, the markers of a
// bracketed paste) are skipped. The prompt's line is always ended, whatever ends the input.
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** A terminal to read from: process.stdin when it is one, or a tty.ReadStream on /dev/tty. */
export type TerminalInput = Pick<Readable, "on" | "off" | "resume" | "pause"> & {
  readonly isTTY?: boolean;
  setRawMode(mode: boolean): unknown;
};

export interface TerminalOutput {
  write(text: string): unknown;
}

export type HiddenInput =
  | { entered: string }
  /** `interrupt`: Ctrl-C (the caller exits 130, as on SIGINT); `end`: Ctrl-D or the input ended. */
  | { cancelled: "interrupt" | "end" };

const ENTER = new Set(["\r", "\n"]);
const BACKSPACE = new Set(["\x7f", "\b"]);
const CTRL_C = "\x03";
const CTRL_D = "\x04";
const CTRL_U = "\x15";
const ESC = "\x1b";

/** Writes `prompt` to `output`, then reads one hidden line from `input`, which must be a terminal. */
export function readHidden(input: TerminalInput, output: TerminalOutput, prompt: string): Promise<HiddenInput> {
  if (!input.isTTY) return Promise.reject(new Error("readHidden needs a terminal to read from"));
  return new Promise<HiddenInput>((resolve, reject) => {
    const decoder = new StringDecoder("utf8");
    const typed: string[] = [];
    let sequence: "none" | "start" | "sequence" = "none";

    const finish = (result: HiddenInput | Error) => {
      input.off("data", onData);
      input.off("end", onEnd);
      input.off("close", onEnd);
      input.off("error", onError);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
      if (result instanceof Error) reject(result);
      else resolve(result);
    };

    const onData = (chunk: Buffer | string) => {
      const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
      for (const char of text) {
        if (sequence !== "none") {
          sequence = skipEscape(sequence, char);
          continue;
        }
        if (ENTER.has(char)) return finish({ entered: typed.join("") });
        if (char === CTRL_C) return finish({ cancelled: "interrupt" });
        if (char === CTRL_D) return finish({ cancelled: "end" });
        if (BACKSPACE.has(char)) typed.pop();
        else if (char === CTRL_U) typed.length = 0;
        else if (char === ESC) sequence = "start";
        else if (char >= " ") typed.push(char);
      }
    };
    const onEnd = () => finish({ cancelled: "end" });
    const onError = (error: Error) => finish(error);

    // Raw mode first, then the prompt: what is typed as soon as the prompt shows (Ctrl-D
    // included) reaches this reader, not the terminal's line editing.
    input.setRawMode(true);
    output.write(prompt);
    input.on("data", onData);
    input.on("end", onEnd);
    input.on("close", onEnd);
    input.on("error", onError);
    input.resume();
  });
}

/**
 * Where an escape sequence stands after `char`: ESC [ … or ESC O … (CSI and SS3, as keys
 * send them) end at a final character from `@` to `~`; ESC and any other character is a
 * two-character sequence (Alt+key).
 */
function skipEscape(state: "start" | "sequence", char: string): "none" | "start" | "sequence" {
  if (state === "start") return char === "[" || char === "O" ? "sequence" : "none";
  return char >= "@" && char <= "~" ? "none" : "sequence";
}
