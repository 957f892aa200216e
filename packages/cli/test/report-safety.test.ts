// The report never destroys the input, and --resume never reads another run's report as "done".
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "./helpers/cli.js";
import { startInvitationServer, usersCsv } from "./helpers/invitation-server.js";
import { ORG_ID } from "./helpers/server.js";

const env = { DEEPSET_CLOUD_API_KEY: KEYS.env };

it("--report naming the input file, however spelled, is refused and nothing is written or sent", async () => {
  const api = await startInvitationServer();
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const csv = usersCsv(30);
  await writeFile(file, csv);

  for (const spelled of [file, join(dir, ".", "sub", "..", "people.csv")]) {
    const result = await runCli(
      ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", spelled],
      { env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is the input file itself");
  }
  expect(await readFile(file, "utf8")).toBe(csv);
  expect(api.requests).toBe(0);
});

it("--resume with a report written for another organization is refused, naming both, and nothing is sent", async () => {
  const api = await startInvitationServer();
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  const report = join(dir, "report.jsonl");
  await writeFile(file, usersCsv(7));
  const otherOrg = "11111111-2222-4333-8444-555555555555";
  const done = (i: number) => ({
    line: i + 1,
    email: `user${i}@example.com`,
    status: "invited",
    http_status: 201,
    attempts: 1,
    request_id: null,
    error: null,
    organization_id: otherOrg,
    api_url: api.url,
  });
  await writeFile(report, `${[1, 2, 3, 4, 5, 6, 7].map((i) => JSON.stringify(done(i))).join("\n")}\n`);

  const result = await runCli(
    ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--report", report, "--resume"],
    { env },
  );

  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`organization ${otherOrg}`);
  expect(result.stderr).toContain(`organization ${ORG_ID}`);
  expect(api.applied.size).toBe(0);
});
