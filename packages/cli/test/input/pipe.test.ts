// `--file <(hr-export)` and named pipes: read once, like standard input, not refused as a device.
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isPipe } from "../../src/input/pipe.js";
import { fileInput } from "../../src/input/source.js";
import type { RawRow } from "../../src/rows/raw.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dcloud-pipe-"));
  dirs.push(dir);
  return dir;
}

/** A named pipe with a writer that sends `contents` once a reader opens it. */
async function fifo(name: string, contents: string): Promise<string> {
  const path = join(await temp(), name);
  execFileSync("mkfifo", [path]);
  const writer = spawn("sh", ["-c", 'cat > "$0"', path], { stdio: ["pipe", "ignore", "ignore"] });
  writer.stdin.end(contents);
  return path;
}

async function rowsOf(file: string): Promise<{ label: string; format: string; rows: RawRow[] }> {
  const input = await fileInput(file, (async function* () {})());
  try {
    const rows: RawRow[] = [];
    for await (const row of input.rows({ roleFromFlag: false })) rows.push(row);
    return { label: input.label, format: input.format, rows };
  } finally {
    await input.dispose();
  }
}

describe("isPipe", () => {
  it("is true for a FIFO", async () => {
    const path = join(await temp(), "p");
    execFileSync("mkfifo", [path]);
    expect(await isPipe(path)).toBe(true);
  });

  it("is false for a file, a directory, a device and a path that is not there", async () => {
    const dir = await temp();
    await writeFile(join(dir, "f.csv"), "x");
    await mkdir(join(dir, "d"));
    for (const path of [join(dir, "f.csv"), join(dir, "d"), "/dev/null", join(dir, "missing")]) {
      expect(await isPipe(path)).toBe(false);
    }
  });

  it("is true for the pipe behind process substitution", () => {
    // bash hands the command a /dev/fd/N path for <(…): the same check, run there.
    const script = `node --input-type=module -e 'import { stat } from "node:fs/promises"; console.log((await stat(process.argv[1])).isFIFO())' <(echo x)`;
    expect(execFileSync("bash", ["-c", script], { encoding: "utf8" }).trim()).toBe("true");
  });
});

describe("--file - (standard input)", () => {
  /** Standard input as the chunks it arrives in. */
  async function* chunks(...parts: (string | Uint8Array)[]) {
    for (const part of parts) yield typeof part === "string" ? Buffer.from(part) : part;
  }

  it("tells JSON Lines past a BOM and white space split over chunks, and loses none of the bytes held to tell it", async () => {
    const bom = Uint8Array.of(0xef, 0xbb);
    const input = await fileInput(
      "-",
      chunks(
        bom,
        Uint8Array.of(0xbf),
        "\n  ",
        '{"email":"a@x.io","given_name":"A",',
        '"family_name":"B","role":"member"}\n',
      ),
    );
    expect([input.label, input.path, input.format]).toEqual(["stdin", undefined, "jsonl"]);
    const rows: RawRow[] = [];
    for await (const row of input.rows({ roleFromFlag: false })) rows.push(row);
    expect(rows.map((r) => [r.line, r.fields.email, r.fields.family_name])).toEqual([[2, "a@x.io", "B"]]);
  });

  it("reads CSV that comes as text or bytes, and an empty input as CSV with no rows", async () => {
    const input = await fileInput("-", chunks("email,given_name,", "family_name,role\na@x.io,A,B,member\n"));
    expect(input.format).toBe("csv");
    const rows: RawRow[] = [];
    for await (const row of input.rows({ roleFromFlag: false })) rows.push(row);
    expect(rows.map((r) => r.fields.email)).toEqual(["a@x.io"]);
    expect((await fileInput("-", chunks())).format).toBe("csv");
  });

  it("a standard input that fails to be read is an input error naming it", async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from("email,given_name,family_name,role\n");
      throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO" });
    }
    const input = await fileInput("-", failing());
    const read = async () => {
      for await (const _ of input.rows({ roleFromFlag: false })) {
      }
    };
    await expect(read()).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^Cannot read stdin: EIO/),
    });
  });
});

describe("--file naming a pipe", () => {
  it("reads the CSV it carries, like standard input, with the rows' lines", async () => {
    const path = await fifo("export", "email,given_name,family_name,role\na@x.io,A,B,member\nb@x.io,C,D,admin\n");
    const { label, format, rows } = await rowsOf(path);
    expect([label, format]).toEqual([path, "csv"]);
    expect(rows.map((r) => [r.line, r.fields.email])).toEqual([
      [2, "a@x.io"],
      [3, "b@x.io"],
    ]);
  });

  it("sniffs JSON Lines from the content, and reads it once, as it streams", async () => {
    const path = await fifo("export", '{"email":"a@x.io","given_name":"A","family_name":"B","role":"member"}\n');
    const input = await fileInput(path, (async function* () {})());
    try {
      expect(input.format).toBe("jsonl");
      const rows: RawRow[] = [];
      for await (const row of input.rows({ roleFromFlag: false })) rows.push(row);
      expect(rows.map((r) => r.fields.email)).toEqual(["a@x.io"]);
      // Nothing keeps a copy that a second read could come from.
      expect(() => input.rows({ roleFromFlag: false })).toThrow(/read once/);
    } finally {
      await input.dispose();
    }
  });

  it("a directory is still refused", async () => {
    await expect(fileInput(await temp(), (async function* () {})())).rejects.toThrow(/is a directory or a device/);
  });
});
