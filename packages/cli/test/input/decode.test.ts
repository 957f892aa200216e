// Bytes → text: the encodings a real export comes in, and bytes that are not text stopped with
// the line they are on, never passed on as U+FFFD.
import { fc, test } from "@fast-check/vitest";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decode, encodingOf } from "../../src/input/decode.js";

async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [bytes.length]) {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function text(bytes: Uint8Array, options: { encoding?: string; sizes?: number[] } = {}): Promise<string> {
  let result = "";
  for await (const piece of decode(chunked(bytes, options.sizes), { label: "rows.csv", encoding: options.encoding }))
    result += piece;
  return result;
}

const bytes = (...parts: (string | readonly number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("windows-1252, as Excel saves CSV on Windows", () => {
  // Du\x9Aan O\x92Brien \x80: the bytes Node's own TextDecoder turns into C1 controls.
  const excel = bytes("Du", [0x9a], "an O", [0x92], "Brien ", [0x80], " Jos", [0xe9], " Garc", [0xed], "a");

  it.each(["windows-1252", "latin1", "cp1252", "ascii", " Windows-1252 "])("--encoding %s", async (label) => {
    expect(await text(excel, { encoding: label })).toBe("Dušan O’Brien € José García");
  });

  it("read as UTF-8 (the default) it is an error naming the line, with the hint", async () => {
    const file = Buffer.concat([bytes("email,given_name\r\na@x.io,Ann\r\nb@x.io,"), excel, bytes("\r\n")]);
    await expect(text(file)).rejects.toThrow(
      /^rows\.csv line 3: bytes that are not valid UTF-8 .*try --encoding windows-1252.*Nothing was sent\.$/,
    );
  });
});

describe("BOMs", () => {
  it("a UTF-8 BOM is dropped", async () => {
    expect(await text(bytes([0xef, 0xbb, 0xbf], "email,José"))).toBe("email,José");
  });

  it.each([
    ["utf-16le", [0xff, 0xfe]],
    ["utf-16be", [0xfe, 0xff]],
  ] as const)("a %s BOM says UTF-16, and is dropped", async (encoding, bom) => {
    const file = Buffer.concat([Buffer.from(bom), iconv.encode("email,Dušan 😀\n", encoding)]);
    expect(await text(file, { sizes: [1] })).toBe("email,Dušan 😀\n");
  });

  // Found by the round trip below (["𐀀", "utf-16be", no BOM asked, chunks of 1]): iconv-lite,
  // fed one byte at a time, splits a surrogate pair between two pieces.
  it.each(["utf-16le", "utf-16be"] as const)("%s: a pair cut between chunks is one character", async (encoding) => {
    expect(await text(iconv.encode("\u{10000}", encoding, { addBOM: true }), { sizes: [1] })).toBe("\u{10000}");
  });

  it("a BOM wins over --encoding, as WHATWG decodes", async () => {
    expect(await text(bytes([0xef, 0xbb, 0xbf], "José"), { encoding: "windows-1252" })).toBe("José");
  });

  it("--encoding utf-16le reads UTF-16 without a BOM", async () => {
    expect(await text(iconv.encode("Zoë", "utf-16le"), { encoding: "utf-16le" })).toBe("Zoë");
  });

  it("files shorter than a BOM", async () => {
    expect(await text(bytes("a"))).toBe("a");
    expect(await text(bytes(""))).toBe("");
    expect(await text(bytes([0xef, 0xbb, 0xbf]))).toBe("");
  });
});

describe("bytes that are not valid in the encoding", () => {
  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("name the line they are on (%s), however the file is cut into chunks", async (_name, eol) => {
    const file = bytes(`h1,h2${eol}a,b${eol}${eol}c,`, [0xff], `d${eol}e,f${eol}`);
    for (const sizes of [[1], [2], [3, 1], [1_000]]) {
      await expect(text(file, { sizes })).rejects.toThrow(/^rows\.csv line 4: /);
    }
  });

  it("a CRLF cut between two chunks counts once", async () => {
    const file = bytes("a\r\nb\r\n", [0xc3]);
    await expect(text(file, { sizes: [2, 1, 100] })).rejects.toThrow(/^rows\.csv line 3: /);
  });

  it("a sequence the file never finishes is an error on its last line", async () => {
    await expect(text(bytes("a\nb", [0xe2, 0x82]))).rejects.toThrow(/^rows\.csv line 2: /);
  });

  it("an encoded surrogate (CESU-8) is not UTF-8", async () => {
    await expect(text(bytes("x", [0xed, 0xa0, 0xbd]))).rejects.toThrow(/line 1: bytes that are not valid UTF-8/);
  });

  it("a lone surrogate in UTF-16 is invalid", async () => {
    await expect(text(bytes([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00, 0x3d, 0xd8, 0x61, 0x00]))).rejects.toThrow(
      /line 2: bytes that are not valid UTF-16LE/,
    );
  });

  it("with --encoding given, the hint is to check it", async () => {
    await expect(text(bytes("a", [0x81]), { encoding: "windows-1252" })).rejects.toThrow(
      /line 1: bytes that are not valid WINDOWS-1252 .*Check the --encoding/,
    );
  });

  it("a U+FFFD in the file is refused too: it is what an earlier conversion left of a name", async () => {
    await expect(text(bytes("Jos\uFFFD"))).rejects.toThrow(/line 1: /);
  });

  it("the error carries the problem with its line for --json", async () => {
    const error = await text(bytes("a\n", [0xff])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", problems: [{ line: 2, field: null }] });
  });
});

describe("--encoding labels", () => {
  it.each([
    ["utf8", "utf-8"],
    ["UTF-16", "utf-16le"],
    ["iso-8859-1", "windows-1252"],
    ["shift_jis", "shift_jis"],
    ["x-mac-cyrillic", "maccyrillic"],
  ])("%s is read as %s", (label, name) => {
    expect(encodingOf(label)).toBe(name);
  });

  it("an unknown label is a usage error naming --encoding", async () => {
    const error = await text(bytes("a"), { encoding: "klingon" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "usage", message: expect.stringMatching(/^--encoding "klingon" is not/) });
  });

  it("a label the decoder cannot read is a usage error too", () => {
    expect(() => encodingOf("iso-2022-jp")).toThrow(/--encoding "iso-2022-jp" \(iso-2022-jp\) cannot be read/);
  });
});

it("streams: the first text comes out before the input ends", async () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  async function* slow() {
    yield Buffer.from("first line\n");
    await gate;
    yield Buffer.from("second line\n");
  }
  const reader = decode(slow(), { label: "x" });
  expect((await reader.next()).value).toBe("first line\n");
  release();
  expect((await reader.next()).value).toBe("second line\n");
});

// Any well-formed text, in any of the Unicode encodings, cut anywhere, comes back unchanged.
const unicodeText = fc.string({ unit: "binary", maxLength: 200 }).filter((s) => !s.includes("\uFFFD"));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 });

test.prop([unicodeText, fc.constantFrom("utf-8", "utf-16le", "utf-16be"), fc.boolean(), chunkSizes])(
  "round trip: encode, cut into chunks, decode",
  async (original, encoding, withBom, sizes) => {
    const bom = withBom || encoding !== "utf-8";
    const file = iconv.encode(original, encoding, { addBOM: bom });
    // A text that starts with U+FEFF after no BOM would lose it as a BOM: it is written with one.
    const expected = !bom && original.startsWith("\uFEFF") ? original.slice(1) : original;
    expect(await text(file, { sizes })).toBe(expected);
  },
);

test.prop([
  fc.array(fc.stringMatching(/^[a-zé,"]{0,12}$/), { minLength: 1, maxLength: 8 }),
  fc.nat(),
  fc.constantFrom("\n", "\r\n", "\r"),
  fc.constantFrom([0xff], [0x80], [0xc3, 0x28], [0xe2, 0x82]),
  chunkSizes,
])("an invalid sequence anywhere is an error naming its line", async (lines, at, eol, invalid, sizes) => {
  const bad = at % lines.length;
  const file = Buffer.concat(
    lines.map((line, i) => bytes(line, ...(i === bad ? [invalid] : []), i < lines.length - 1 ? eol : "")),
  );
  await expect(text(file, { sizes })).rejects.toThrow(new RegExp(`^rows\\.csv line ${bad + 1}: `));
});
