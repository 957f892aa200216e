// The rehearsal cleans up when it fails too: interrupted once its registry is up, it reports
// the steps that could not run, stops the registry and removes its folder.
import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { rehearse } from "../../../scripts/release/rehearsal.mjs";

it("interrupted after the registry started: later checks fail or do not run, nothing is left behind", async () => {
  const interrupted = new AbortController();
  const { checks, folder, registryUrl } = await rehearse({
    log: (line: string) => {
      if (line.includes("registry at")) interrupted.abort();
    },
    signal: interrupted.signal,
  });
  expect(interrupted.signal.aborted).toBe(true);
  expect(checks.find((c) => c.id === "version")?.ok).toBe(false);
  expect(checks.find((c) => c.id === "publish")?.ok).toBe(null);
  expect(existsSync(folder)).toBe(false);
  await expect(fetch(registryUrl)).rejects.toThrow();
}, 300_000);
