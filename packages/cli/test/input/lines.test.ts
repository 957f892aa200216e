// Lines of decoded text, however the text is cut into chunks, and the 1 MiB bound.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { limitLineLength, splitLines } from "../../src/input/lines.js";

async function* pieces(text: string, sizes: readonly number[]) {
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    yield text.slice(at, at + size);
    at += size;
  }
}

async function lines(text: string, sizes: readonly number[], maxBytes?: number) {
  const found: [number, string][] = [];
  for await (const { line, text: t } of splitLines(pieces(text, sizes), { label: "x", maxBytes }))
    found.push([line, t]);
  return found;
}

test.prop([
  fc.array(fc.string({ unit: fc.constantFrom("a", "é", "\r", "\n", "{") }), { maxLength: 30 }).map((s) => s.join("")),
  fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
])("lines are those an editor numbers, whatever the chunks", async (text, sizes) => {
  const expected = text.split(/\r\n|\r|\n/).map((t, i) => [i + 1, t] as [number, string]);
  // A text that ends with a line break has no last, empty line.
  if (expected.at(-1)?.[1] === "") expected.pop();
  expect(await lines(text, sizes)).toEqual(expected);
});

describe("the bound", () => {
  it("a line of exactly the bound passes; one byte more is refused, naming it", async () => {
    expect(await lines("ab\ncd\n", [1], 2)).toEqual([
      [1, "ab"],
      [2, "cd"],
    ]);
    await expect(lines("ab\ncde\n", [1], 2)).rejects.toThrow(/^x line 2 is longer/);
  });

  it("is measured in UTF-8 bytes", async () => {
    await expect(lines("éé", [10], 3)).rejects.toThrow(/^x line 1 is longer/);
  });

  it("limitLineLength passes the text through unchanged, and refuses a long line as it comes", async () => {
    let passed = "";
    for await (const chunk of limitLineLength(pieces("a\r\nbb\rccc", [2]), { label: "x", maxBytes: 3 }))
      passed += chunk;
    expect(passed).toBe("a\r\nbb\rccc");
    await expect(
      (async () => {
        for await (const _ of limitLineLength(pieces("a\r\nbbbb", [2]), { label: "x", maxBytes: 3 }));
      })(),
    ).rejects.toThrow(/^x line 2 is longer/);
  });
});
