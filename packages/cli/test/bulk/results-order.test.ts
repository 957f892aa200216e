// --json's results come in input order (by line), whatever order the rows finish in: here
// the first rows answer slowest, so they finish last.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { type Fault, startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

it("--json results are in input order when rows finish out of order", async () => {
  // The first three rows' first attempts meet a 503 (retried after a pause); the others go through at once.
  const busy: Fault = { kind: "status", status: 503, headers: { "retry-after-ms": "300" } };
  const faults = Object.fromEntries([1, 2, 3].map((i) => [`user${i}@example.com`, [busy]]));
  const api = await startInvitationServer({ faults });
  const dir = await tempDir();
  const file = join(dir, "people.csv");
  await writeFile(file, usersCsv(9));
  const result = await runCli(
    ["invite", "--file", file, "--org", ORG_ID, "--api-url", api.url, "--json", "--concurrency", "4"],
    { env: { DEEPSET_CLOUD_API_KEY: KEYS.env }, home: dir },
  );
  expect(result.code).toBe(0);
  // They did finish out of order: the server saw a later row's 201 before the first row's.
  expect(api.posts.findIndex((p) => p.email === "user4@example.com")).toBeLessThan(
    api.posts.findLastIndex((p) => p.email === "user1@example.com"),
  );
  const { results } = JSON.parse(result.stdout) as { results: { line: number }[] };
  expect(results.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
});
