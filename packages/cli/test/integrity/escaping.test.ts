// Text from the file is printed with Unicode format and bidi controls escaped, as control
// characters are: U+202E cannot reverse a dry-run line, U+200B cannot hide in an email that
// then looks valid.
import { describe, expect, it } from "vitest";
import { inviteFile } from "./run.js";

const HEADER = "email,given_name,family_name,role\n";

describe("format and bidi characters from the file", () => {
  it("U+202E in a name is shown as \\u202e in --dry-run, never raw", async () => {
    const { result } = await inviteFile("p.csv", `${HEADER}a@x.io,Ann\u202Egpj.exe,B,member\n`, ["--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Ann\\u202egpj.exe");
    expect(result.stdout).not.toContain("\u202E");
  });

  it("U+200B in an email: the row is invalid, and the message shows where it hides", async () => {
    const { result, server } = await inviteFile("p.csv", `${HEADER}ad\u200Ba@x.io,A,B,member\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"ad\\u200ba@x.io" is not a valid email address');
    expect(result.stderr).not.toContain("\u200B");
    expect(server.requests).toBe(0);
  });
});
