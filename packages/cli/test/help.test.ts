// Help wraps to the terminal it is printed on (at 80 columns to a pipe or a file), at spaces
// only: on a narrow terminal no word is cut in two by the terminal's own wrapping. A
// command's help names the options every command takes once, briefly, at its end.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { runOnTerminal } from "./helpers/terminal.js";

const hasScript = existsSync("/usr/bin/script");

/** What was written, line by line, as the program wrote it (before the terminal wraps anything). */
const written = (raw: string) => raw.replace(/\r/g, "").split("\n");
/** The words of a help text, whatever its wrapping (an example's ` \` continuation is not a word). */
const words = (text: string) => text.split(/\s+/).filter((word) => word !== "" && word !== "\\");

describe.runIf(hasScript)("help on a terminal", () => {
  it.each([[[] as string[]], [["invite"]], [["login"]], [["completion"]]])(
    "dcloud %j --help at 50 columns: no line wider than the terminal, the same words as at 80",
    async (command) => {
      const args = [...command, "--help"];
      const screen = await runOnTerminal(args, await tempDir(), { columns: 50 });
      const piped = await runCli(args);

      expect(screen.code).toBe(0);
      const lines = written(screen.raw);
      expect(lines.filter((line) => [...line].length > 50)).toEqual([]);
      // Nothing lost or cut: the words are those of the help printed to a pipe.
      expect(words(lines.join("\n"))).toEqual(words(piped.stdout));
      expect(written(piped.stdout).filter((line) => [...line].length > 80)).toEqual([]);
    },
    60_000,
  );

  it("a wide terminal gets wide help", async () => {
    const screen = await runOnTerminal(["invite", "--help"], await tempDir(), { columns: 100 });
    expect(written(screen.raw).some((line) => line.length > 80)).toBe(true);
  }, 60_000);
});

describe("a command's help", () => {
  it("names the options every command takes once, briefly, at its end", async () => {
    const { stdout } = await runCli(["invite", "--help"]);
    expect(stdout).not.toContain("Global Options:");
    expect(stdout.match(/--allow-insecure-http/g)).toHaveLength(1);
    expect(stdout).not.toContain("--timeout <ms>");
    const note = stdout.slice(stdout.indexOf("Options every command takes"));
    expect(note.replace(/\s+/g, " ").trim()).toBe(
      "Options every command takes (dcloud --help describes them): --api-url, --region, --api-key-file, --json, " +
        "--quiet, --debug, --no-color, --timeout, --max-retries, --allow-insecure-http.",
    );
  });

  it("the program's own help describes them in full", async () => {
    const { stdout } = await runCli(["--help"]);
    expect(stdout).toContain("--timeout <ms>");
    expect(stdout).not.toContain("Options every command takes");
  });
});
