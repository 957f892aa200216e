// An organization that can never be sent (empty, `.`, `..`) is one usage error before
// anything is read or sent — not a failure per row.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { startInvitationServer, usersCsv } from "../helpers/invitation-server.js";

describe("--org that can never be sent", () => {
  it.each([
    [["--org", ".."], {}],
    [["--org", "."], {}],
    [["--org", ""], {}],
    [[], { DEEPSET_CLOUD_ORGANIZATION_ID: ".." }],
  ])("%j %j: one usage error, exit 2, nothing sent, no report written", async (flags, orgEnv) => {
    const server = await startInvitationServer();
    const dir = await tempDir();
    await writeFile(join(dir, "p.csv"), usersCsv(20));
    const report = join(dir, "report.jsonl");
    const result = await runCli(
      ["invite", "--file", join(dir, "p.csv"), "--api-url", server.url, "--report", report, "--json", ...flags],
      { env: { DEEPSET_CLOUD_API_KEY: KEYS.env, ...orgEnv } },
    );
    expect(result.code).toBe(2);
    expect(server.requests).toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: "usage" } });
    expect(result.stdout).not.toContain('"results"');
  });
});
