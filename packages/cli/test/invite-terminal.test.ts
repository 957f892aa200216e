// `dcloud invite` as a person at a terminal sees it, rendered by a terminal emulator: a single
// invitation shows its result and nothing stale; the progress line keeps invalid rows apart
// from failed ones; a file on stdin still gets the question, answered at the terminal itself;
// Ctrl-D at the question ends its line.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JANE, tempDir } from "./helpers/cli.js";
import { startInvitationServer, usersCsv } from "./helpers/invitation-server.js";
import { ORG_ID } from "./helpers/server.js";
import { runOnTerminal } from "./helpers/terminal.js";

const hasScript = existsSync("/usr/bin/script");
// biome-ignore lint/suspicious/noControlCharactersInRegex: it strips the terminal's escape sequences.
const plain = (raw: string) => raw.replace(/\x1b(?:\[[0-9;?]*[A-Za-z]|[78])/g, "");

async function people(text: string) {
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  await writeFile(file, text);
  return { dir, file };
}

describe.runIf(hasScript)("dcloud invite on a terminal", () => {
  it("a single invitation: no progress bar, the result alone on the screen, the organization by name and ID", async () => {
    const api = await startInvitationServer();
    const dir = await tempDir();
    const screen = await runOnTerminal(["invite", ...JANE, "--api-url", api.url], dir);

    expect(screen.code).toBe(0);
    expect(screen.raw).not.toContain("inviting [");
    expect(screen.lines.map((line) => line.trimEnd())).toEqual([
      `invited         jane@example.com to organization Analytical Engines (${ORG_ID})`,
    ]);
  }, 60_000);

  it("the progress line counts invalid rows apart from failed ones", async () => {
    const api = await startInvitationServer({ delayMs: 30 });
    // The invalid rows come first, so every frame drawn after them counts them.
    const header = "email,given_name,family_name,role,workspace_ids\n";
    const { dir, file } = await people(
      usersCsv(12).replace(header, `${header}not-an-email,A,B,member,\nalso bad,C,D,member,\n`),
    );
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
        "1",
        "--skip-invalid",
        "--yes",
      ],
      dir,
    );

    expect(screen.code).toBe(1);
    expect(plain(screen.raw)).toMatch(/\| \d+ invited, 0 already, 2 invalid, 0 failed \|/);
    expect(plain(screen.raw)).not.toMatch(/\d+ already, \d+ failed \|/);
    // Gone before the summary.
    expect(screen.lines.join("\n")).not.toContain("inviting [");
  }, 60_000);

  it("a file on stdin: the question is still asked, and answered at the terminal", async () => {
    const api = await startInvitationServer();
    const { dir, file } = await people(usersCsv(3));
    const screen = await runOnTerminal(["invite", "--file", "-", "--api-url", api.url], dir, {
      pipeFrom: file,
      type: { when: "[y/N]", text: "y\r" },
    });

    expect(screen.lines.join("\n")).toContain(`Invite 3 people to Analytical Engines (${ORG_ID}) at ${api.url}? [y/N]`);
    expect(screen.code).toBe(0);
    expect(api.applied.size).toBe(3);
  }, 60_000);

  it.each([
    ["a file", false],
    ["a file on stdin", true],
  ])(
    "%s: Ctrl-D at the question ends its line, sends nothing, exits 2",
    async (_what, piped) => {
      const api = await startInvitationServer();
      const { dir, file } = await people(usersCsv(3));
      const screen = await runOnTerminal(
        ["invite", "--file", piped ? "-" : file, "--api-url", api.url],
        dir,
        piped ? { pipeFrom: file, type: { when: "[y/N]", text: "\x04" } } : { type: { when: "[y/N]", text: "\x04" } },
      );

      expect(screen.code).toBe(2);
      expect(api.applied.size).toBe(0);
      const at = screen.lines.findIndex((line) => line.includes("[y/N]"));
      expect(screen.lines[at]?.trimEnd()).toMatch(/\? \[y\/N\]$/);
      expect(screen.lines[at + 1]).toBe("error: Not confirmed; nothing was sent.");
    },
    60_000,
  );
});
