// Reading the API key on a terminal for `dcloud login`: no echo, Enter ends, Ctrl-C / Ctrl-D
// cancel, backspace works, and the terminal is always given back as it was (raw mode off,
// the prompt's line ended). The terminal here is a fake: a stream that records its modes.
import { PassThrough } from "node:stream";
import type { ReadStream } from "node:tty";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type HiddenInput, readHidden, type TerminalInput } from "../../src/settings/hidden-input.js";

// A real terminal stream is a TerminalInput (checked by the compiler, nothing runs).
const realTerminalFits: ReadStream extends TerminalInput ? true : never = true;

class FakeTerminal extends PassThrough {
  readonly isTTY = true;
  readonly modes: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.modes.push(mode);
    return this;
  }
}

/** Types `keys` (each string one chunk, as a terminal delivers them) at the prompt. */
async function type(keys: (string | Buffer)[], { end = false } = {}) {
  const input = new FakeTerminal();
  let shown = "";
  const output = { write: (text: string) => (shown += text) };
  const reading = readHidden(input, output, "API key: ");
  for (const key of keys) input.write(key);
  if (end) input.end();
  const result: HiddenInput = await reading;
  return { result, shown, modes: input.modes };
}

describe("readHidden", () => {
  it("reads up to Enter, echoing nothing, and gives the terminal back", async () => {
    expect(realTerminalFits).toBe(true);
    const { result, shown, modes } = await type(["dc_", "key_1", "\r"]);
    expect(result).toEqual({ entered: "dc_key_1" });
    expect(shown).toBe("API key: \n");
    expect(modes).toEqual([true, false]);
  });

  it("takes back a character with backspace (DEL or ^H), the whole line with Ctrl-U", async () => {
    expect((await type(["abx\x7fc\bd\r"])).result).toEqual({ entered: "abd" });
    expect((await type(["wrong\x15right\n"])).result).toEqual({ entered: "right" });
    expect((await type(["\x7f\x7fa\r"])).result).toEqual({ entered: "a" });
  });

  it.each([
    ["Ctrl-C", ["dc_key\x03"], false, { cancelled: "interrupt" }],
    ["Ctrl-D", ["dc_key\x04"], false, { cancelled: "end" }],
    ["the end of the input", ["dc_key"], true, { cancelled: "end" }],
  ])("%s cancels, ends the prompt's line and leaves raw mode", async (_, keys, end, expected) => {
    const { result, shown, modes } = await type(keys, { end });
    expect(result).toEqual(expected);
    expect(shown).toBe("API key: \n");
    expect(modes).toEqual([true, false]);
  });

  it("skips arrow keys and the markers of a bracketed paste", async () => {
    const { result } = await type(["\x1b[D\x1bOA", "\x1b[200~dc_pasted\x1b[201~", "\r"]);
    expect(result).toEqual({ entered: "dc_pasted" });
  });

  it("reads a character whose UTF-8 bytes arrive in two chunks", async () => {
    const bytes = Buffer.from("ké\r");
    const { result } = await type([bytes.subarray(0, 2), bytes.subarray(2)]);
    expect(result).toEqual({ entered: "ké" });
  });

  it("stops at the first Enter: what follows is not read into the key", async () => {
    expect((await type(["first\r\nsecond\r"])).result).toEqual({ entered: "first" });
  });

  it("refuses a stream that is not a terminal (it would echo)", async () => {
    const notTerminal = Object.assign(new PassThrough(), { isTTY: false, setRawMode: () => {} });
    await expect(readHidden(notTerminal, { write: () => {} }, "API key: ")).rejects.toThrow("terminal");
  });

  test.prop([
    fc.string({ unit: fc.constantFrom(..."abcXYZ019_-.#é€"), minLength: 1 }),
    fc.array(fc.nat({ max: 12 }), { maxLength: 8 }),
  ])("whatever the chunks, the key typed is the key read, and none of it is shown", async (key, cuts) => {
    const text = `${key}\r`;
    const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
    const chunks = [0, ...points].map((start, i, all) => text.slice(start, all[i + 1] ?? text.length)).filter(Boolean);
    const { result, shown } = await type(chunks);
    expect(result).toEqual({ entered: key });
    expect(shown).toBe("API key: \n");
  });
});
