// What a person sees on a terminal, rendered by a terminal emulator: messages printed during
// a run stay above the progress bar, the bar is gone before the summary, no line is drawn
// over another, text from the server cannot drive the terminal, and a file run asks first.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers/cli.js";
import { startInvitationServer, usersCsv } from "./helpers/invitation-server.js";
import { ORG_ID } from "./helpers/server.js";
import { runOnTerminal } from "./helpers/terminal.js";

const hasScript = existsSync("/usr/bin/script");

async function people(n: number) {
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  await writeFile(file, usersCsv(n));
  return { dir, file };
}

describe.runIf(hasScript)("on a terminal", () => {
  it("failures printed during the run stay whole above the bar, and the summary comes after them", async () => {
    const faults = Object.fromEntries(
      [3, 9, 15].map((i) => [`user${i}@example.com`, [{ kind: "status" as const, status: 500 }]]),
    );
    const api = await startInvitationServer({ delayMs: 30, faults });
    const { dir, file } = await people(20);

    const screen = await runOnTerminal(
      [
        "invite",
        "--file",
        file,
        "--org",
        ORG_ID,
        "--api-url",
        api.url,
        "--concurrency",
        "2",
        "--max-retries",
        "0",
        "--yes",
      ],
      dir,
    );

    expect(screen.code).toBe(1);
    // The bar was drawn, and is gone from the final screen.
    expect(screen.raw).toContain("inviting [");
    expect(screen.lines.join("\n")).not.toContain("inviting [");
    const errors = screen.lines.filter((l) => l.startsWith("error: line "));
    expect(errors.map((l) => l.match(/^error: line (\d+): could not invite (\S+): 500 from POST /)?.slice(1))).toEqual(
      expect.arrayContaining([
        ["4", "user3@example.com"],
        ["10", "user9@example.com"],
        ["16", "user15@example.com"],
      ]),
    );
    expect(errors).toHaveLength(3);
    const summaryAt = screen.lines.findIndex((l) => l.startsWith("organization "));
    expect(summaryAt).toBeGreaterThan(screen.lines.lastIndexOf(errors[2] as string));
    expect(screen.lines.slice(summaryAt, summaryAt + 6)).toEqual([
      `organization ${ORG_ID}`,
      expect.stringMatching(/^ {2}invited\s+17$/),
      expect.stringMatching(/^ {2}already member\s+0$/),
      expect.stringMatching(/^ {2}invalid\s+0$/),
      expect.stringMatching(/^ {2}failed\s+3$/),
      expect.stringMatching(/^ {2}not attempted\s+0$/),
    ]);
  }, 60_000);

  it("escape sequences in the server's words are shown, not obeyed", async () => {
    const hostile = "bad\x1b]0;pwned\x07\x1b[2J\x1b[Hwipe";
    const { createServer } = await import("node:http");
    const { listenForThisTest } = await import("./helpers/server.js");
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ detail: hostile }));
      });
    });
    const url = await listenForThisTest(server);
    const { dir, file } = await people(2);

    const screen = await runOnTerminal(["invite", "--file", file, "--org", ORG_ID, "--api-url", url, "--yes"], dir);

    expect(screen.code).toBe(1);
    expect(screen.titles).toEqual([]);
    const text = screen.lines.join("\n");
    expect(text).toContain("bad\\x1b]0;pwned\\x07\\x1b[2J\\x1b[Hwipe");
    // Nothing was cleared: both failures and the summary are on the screen.
    expect(screen.lines.filter((l) => l.startsWith("error: line "))).toHaveLength(2);
    expect(text).toMatch(/failed\s+2/);
  }, 60_000);

  it.each([
    ["n\r", 2, 0],
    ["\r", 2, 0],
    ["y\r", 0, 3],
  ])(
    "a file run asks first; answering %j exits %i with %i invited",
    async (answer, code, invited) => {
      const api = await startInvitationServer();
      const { dir, file } = await people(3);

      const screen = await runOnTerminal(["invite", "--file", file, "--api-url", api.url], dir, {
        type: { when: "[y/N]", text: answer },
      });

      expect(screen.lines.join("\n")).toContain(
        `Invite 3 people to Analytical Engines (${ORG_ID}) at ${api.url}? [y/N]`,
      );
      expect(screen.code).toBe(code);
      expect(api.applied.size).toBe(invited);
    },
    60_000,
  );

  it("while the client waits out a rate limit, the progress line says so", async () => {
    const faults = { "user1@example.com": [{ kind: "status" as const, status: 429, headers: { "retry-after": "3" } }] };
    const api = await startInvitationServer({ faults });
    const { dir, file } = await people(2);

    const screen = await runOnTerminal(
      ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--concurrency", "1", "--yes"],
      dir,
    );

    expect(screen.code).toBe(0);
    expect(screen.raw).toMatch(/inviting \[.*\] 0\/2 \(rate limited: waiting [1-3] s\)/);
    expect(screen.lines.join("\n")).not.toContain("rate limited");
  }, 60_000);
});
