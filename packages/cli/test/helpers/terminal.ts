// Runs the built CLI on a pseudo-terminal (util-linux `script`), as a person's shell would,
// and renders everything it wrote through a terminal emulator (@xterm/headless): tests then
// assert what the screen finally shows, not which bytes were sent.
import { spawn } from "node:child_process";
import xterm from "@xterm/headless";
import { CLI_PATH, KEYS } from "./cli.js";

export const COLUMNS = 100;
const ROWS = 40;

export interface Screen {
  code: number | null;
  /** The screen's lines after the run, scrollback included, a wrapped line joined again, trailing blanks trimmed. */
  lines: string[];
  /** Everything written, escape sequences and all. */
  raw: string;
  /** The window titles the program set, if any. */
  titles: string[];
}

export interface TerminalRun {
  env?: Record<string, string>;
  /** Typed once the screen shows `when` (e.g. an answer to a question). */
  type?: { when: string; text: string };
  /** Piped into the CLI's stdin (`cat FILE | dcloud …`): the terminal is then only its /dev/tty. */
  pipeFrom?: string;
  /** The terminal's width (default COLUMNS). */
  columns?: number;
}

export async function runOnTerminal(args: string[], home: string, options: TerminalRun = {}): Promise<Screen> {
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(" ");
  const run = options.pipeFrom === undefined ? `exec ${command}` : `cat ${quote(options.pipeFrom)} | ${command}`;
  const columns = options.columns ?? COLUMNS;
  const child = spawn("script", ["-qefc", `stty cols ${columns} rows ${ROWS}; ${run}`, "/dev/null"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      TERM: "xterm-256color",
      DEEPSET_CLOUD_API_KEY: KEYS.env,
      // What the CLI keeps in the temp folder lands where the test run looks.
      ...(process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR }),
      ...options.env,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const term = new xterm.Terminal({ cols: columns, rows: ROWS, scrollback: 1000, allowProposedApi: true });
  const titles: string[] = [];
  term.onTitleChange((title) => titles.push(title));
  let raw = "";
  let typed = false;
  let pending = Promise.resolve();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    raw += chunk;
    pending = pending.then(() => new Promise<void>((resolve) => term.write(chunk, resolve)));
    if (options.type && !typed && raw.includes(options.type.when)) {
      typed = true;
      child.stdin.write(options.type.text);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  child.stdin.end();
  await pending;
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i);
    const text = line?.translateToString(true) ?? "";
    if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  term.dispose();
  return { code, lines, raw, titles };
}
