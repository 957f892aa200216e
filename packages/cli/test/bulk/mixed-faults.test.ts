// A run against a server where 30 % of requests fail — 503s, 429s and connections reset,
// some of those after the invitation was applied — with --max-retries 6 --concurrency 8: the
// 429s among the other faults must not slow the run down without end (a pacing that grew
// with every 429 once left a 300-row run unfinished after 400 s), and every row ends done
// (invited, or already_member when a retry met the invitation its lost attempt applied),
// applied exactly once as the server counts.
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { KEYS, runCli, tempDir } from "../helpers/cli.js";
import { type Fault, startInvitationServer, usersCsv } from "../helpers/invitation-server.js";
import { ORG_ID } from "../helpers/server.js";

const ROWS = 300;
const FAULT_SHARE = 0.3;
/** A fixed seed: the same schedule of faults every run. */
const SEED = 17;
/** The bound the run must finish well within. */
const BOUND_MS = 90_000;

/** mulberry32: a small seeded generator, so the schedule is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 429s as servers send them: "at once", in milliseconds, in seconds, and without a hint. */
const LIMITED: Fault[] = [
  { kind: "status", status: 429, headers: { "retry-after": "0" } },
  { kind: "status", status: 429, headers: { "retry-after-ms": "100" } },
  { kind: "status", status: 429, headers: { "retry-after": "1" } },
  { kind: "status", status: 429 },
];

/**
 * For every row, what each of its first attempts meets: 30 % of them a fault, a third each a
 * 503, a 429 or a reset connection (the 503s and resets half of the time after applying).
 */
function schedule(rows: number): Record<string, Fault[]> {
  const next = random(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const fault = (): Fault =>
    pick<() => Fault>([
      () =>
        pick<Fault>([
          { kind: "status", status: 503 },
          { kind: "apply-then-status", status: 503 },
        ]),
      () => pick(LIMITED),
      () => pick<Fault>([{ kind: "reset" }, { kind: "apply-then-reset" }]),
    ])();
  const faults: Record<string, Fault[]> = {};
  for (let i = 1; i <= rows; i++) {
    // An attempt without an entry (undefined) is answered normally.
    faults[`user${i}@example.com`] = Array.from({ length: 12 }, () =>
      next() < FAULT_SHARE ? fault() : undefined,
    ) as Fault[];
  }
  return faults;
}

describe("a server where 30 % of requests fail", () => {
  it(
    `${ROWS} rows, --max-retries 6 --concurrency 8: done well within ${BOUND_MS / 1000} s, every row invited exactly once`,
    async () => {
      const api = await startInvitationServer({ faults: schedule(ROWS) });
      const dir = await tempDir();
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      const file = join(dir, "people.csv");
      await writeFile(file, usersCsv(ROWS));

      const started = performance.now();
      const result = await runCli(
        [
          "invite",
          "--file",
          file,
          "--org",
          ORG_ID,
          "--api-url",
          api.url,
          "--max-retries",
          "6",
          "--concurrency",
          "8",
          "--json",
        ],
        { env: { DEEPSET_CLOUD_API_KEY: KEYS.env } },
      );
      const elapsed = performance.now() - started;

      expect(result.stderr).not.toContain("Error:");
      expect(result.code).toBe(0);
      const doc = JSON.parse(result.stdout);
      // A retry after an applied attempt whose answer was lost meets a 409: already_member (invited only on a 201).
      expect(doc.summary).toMatchObject({ invalid: 0, failed: 0, not_attempted: 0 });
      expect(doc.summary.invited + doc.summary.already_member).toBe(ROWS);
      expect(api.applied.size).toBe(ROWS);
      expect([...api.applied.values()].every((times) => times === 1)).toBe(true);
      expect(elapsed).toBeLessThan(BOUND_MS);
    },
    BOUND_MS * 2,
  );
});
