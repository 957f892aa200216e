// Sizes: a cell longer than 64 KiB or a line longer than 1 MiB is an input error naming the
// line, found without holding the whole line: no name of that size is ever sent.
import { describe, expect, it } from "vitest";
import { inviteFile } from "./run.js";

const HEADER = "email,given_name,family_name,role\n";

describe("sizes", () => {
  it.each([[[]], [["--skip-invalid"]]])(
    "a 2 MB single line %j: an input error naming line 2, nothing sent",
    async (extra) => {
      const { result, server } = await inviteFile(
        "p.csv",
        `${HEADER}a@x.io,${"A".repeat(2 * 1024 * 1024)},B,member\n`,
        extra,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("p.csv line 2 is longer than 1 MiB");
      expect(server.requests).toBe(0);
    },
  );

  it("a 100 KB cell: an input error naming its line, nothing sent", async () => {
    const { result, server } = await inviteFile(
      "p.csv",
      `${HEADER}ok@x.io,A,B,member\nbig@x.io,"${"N".repeat(100 * 1024)}",B,member\n`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("p.csv line 3: the cell in column 2 is longer than 64 KiB");
    expect(server.requests).toBe(0);
  });

  it("a 100 KB value in JSON Lines: the same", async () => {
    const row = { email: "big@x.io", given_name: "N".repeat(100 * 1024), family_name: "B", role: "member" };
    const { result, server } = await inviteFile("p.jsonl", `${JSON.stringify(row)}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('p.jsonl line 1: the value of "given_name" is longer than 64 KiB');
    expect(server.requests).toBe(0);
  });

  it("a 64 MB line is refused in a heap of 48 MB: the line is never built whole", async () => {
    const { result, server } = await inviteFile(
      "p.csv",
      `${HEADER}a@x.io,${"A".repeat(64 * 1024 * 1024)},B,member\n`,
      [],
      { NODE_OPTIONS: "--max-old-space-size=48" },
    );
    expect(result.stderr).toContain("p.csv line 2 is longer than 1 MiB");
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
  }, 60_000);
});
