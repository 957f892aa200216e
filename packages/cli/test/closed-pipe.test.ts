// `dcloud … | head`: a reader that closes stdout early must not crash the CLI.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_PATH, tempDir } from "./helpers/cli.js";
import { ORG_ID } from "./helpers/server.js";

const SAMPLE = fileURLToPath(new URL("../../../examples/invitees.csv", import.meta.url));

describe("stdout closed early", () => {
  it("the CLI finishes quietly, without an EPIPE crash", async () => {
    const child = spawn(
      process.execPath,
      [CLI_PATH, "invite", "--file", SAMPLE, "--role", "member", "--org", ORG_ID, "--dry-run"],
      { env: { PATH: process.env.PATH ?? "", HOME: await tempDir() }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.destroy(); // as `head` does once it has its lines
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});
