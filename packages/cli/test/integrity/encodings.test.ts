// Encodings: UTF-8 unless a BOM says UTF-16 or --encoding names another. Excel's CSV on
// Windows is Windows-1252; its bytes 0x80–0x9F (€, š, ’) must come out right, and bytes that
// are not valid in the encoding stop the run naming the line — never a U+FFFD sent in a name.
import { describe, expect, it } from "vitest";
import { inviteFile } from "./run.js";

// Windows-1252 bytes, written out so that the test does not depend on an encoder.
const cp1252 = (text: string) =>
  Buffer.from([...text].map((c) => ({ é: 0xe9, í: 0xed, š: 0x9a, "’": 0x92, "€": 0x80 })[c] ?? c.charCodeAt(0)));
const EXPORT = cp1252(
  "email,given_name,family_name,role\r\n" +
    "jose@x.io,José,García,member\r\n" +
    "dusan@x.io,Dušan,O’Brien,member\r\n" +
    "euro@x.io,Euro,Sign €,member\r\n",
);

describe("a Windows-1252 export", () => {
  it("the bytes are what Windows-1252 says they are", () => {
    expect([0xe9, 0xed, 0x9a, 0x92, 0x80].every((byte) => EXPORT.includes(byte))).toBe(true);
  });

  it("with --encoding windows-1252: José García, Dušan O’Brien and € are sent as written", async () => {
    const { result, sent } = await inviteFile("hr.csv", EXPORT, ["--encoding", "windows-1252"]);
    expect(result.code).toBe(0);
    expect(sent.map((s) => [s.given_name, s.family_name])).toEqual([
      ["Dušan", "O’Brien"],
      ["Euro", "Sign €"],
      ["José", "García"],
    ]);
  });

  it.each([[[]], [["--skip-invalid"]], [["--dry-run"]]])(
    "without --encoding %j: an input error naming the line, with the hint; nothing sent, no U+FFFD anywhere",
    async (extra) => {
      const { result, server } = await inviteFile("hr.csv", EXPORT, extra);
      expect(result.code).toBe(2);
      expect(server.requests).toBe(0);
      expect(result.stderr).toContain("hr.csv line 2: bytes that are not valid UTF-8");
      expect(result.stderr).toContain("--encoding windows-1252");
      expect(result.stdout + result.stderr).not.toContain("\uFFFD");
    },
  );

  it("--dry-run with --encoding shows the names as they will be sent", async () => {
    const { result } = await inviteFile("hr.csv", EXPORT, ["--encoding", "cp1252", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"given_name":"José","family_name":"García"');
    expect(result.stdout).toContain('"family_name":"O’Brien"');
  });

  it("an unknown --encoding label is a usage error before anything is read", async () => {
    const { result, server } = await inviteFile("hr.csv", EXPORT, ["--encoding", "windows-9999"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--encoding "windows-9999" is not an encoding label');
    expect(server.requests).toBe(0);
  });

  it("a UTF-16 file with its BOM is read without --encoding", async () => {
    const text = "email,given_name,family_name,role\nzoe@x.io,Zoë,Brontë,member\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const { result, sent } = await inviteFile("p.csv", utf16);
    expect(result.code).toBe(0);
    expect(sent).toEqual([{ email: "zoe@x.io", given_name: "Zoë", family_name: "Brontë", role: "member" }]);
  });
});
