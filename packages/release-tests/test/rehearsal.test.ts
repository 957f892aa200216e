// The release rehearsal (`pnpm release:rehearse`, scripts/release/rehearsal.mjs): a real
// version-and-publish on a throwaway registry, then plain npm as a user. One test per check;
// `require` holds the client to loading with require() (Node 20.19+), which takes a `default`
// condition in its exports.
import { existsSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { CHECKS, rehearse } from "../../../scripts/release/rehearsal.mjs";

type Outcome = Awaited<ReturnType<typeof rehearse>>;
let outcome: Outcome;

beforeAll(async () => {
  const started = Date.now();
  outcome = await rehearse({ log: (line: string) => console.log(line) });
  console.log(`release rehearsal: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 600_000);

it.each(CHECKS)("%s: %s", (id) => {
  const result = outcome.checks.find((c) => c.id === id)!;
  expect(result.ok, result.detail).toBe(true);
});

it("leaves nothing behind: the registry is stopped, the temporary folder removed", async () => {
  expect(existsSync(outcome.folder)).toBe(false);
  await expect(fetch(outcome.registryUrl)).rejects.toThrow();
});
