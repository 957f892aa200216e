// Seeds that once broke a promise, run by name.
//
// Quick ones run in `pnpm test`, each about a second:
//   228, 240, 282: `--file -` under `ulimit -f 1` with more than 1 KiB of input. Standard input
//        was first copied to a temporary file, which could not grow: the run ended with an
//        internal error, `EFBIG: file too large, write`, and nothing sent (no-crash; before the
//        checks knew the error document, one-json-document and every-row-once).
//
// Slow ones take minutes, too slow for `pnpm test`'s budget, so they run when
// DCLOUD_SLOW_SEEDS=1 is set (the nightly soak sets it; they are among its seeds 1…2000 as well).
//   715: 300 rows under 35 % mixed 503s, 429s and resets, --concurrency 8 --max-retries 6. A
//        429 pacing that grew with every 429 left it unfinished (ends-in-time broken at the
//        162 s bound; 372 s with no bound). About 55 s on a loaded 2-core machine.
//   274: an exhausted quota (429 for ever, Retry-After: 0) from the 4th request, 6 rows at
//        --concurrency 4. Unbounded pacing waits never ended it; each call now waits out its
//        rate-limit budget (120 s) and fails, so it takes about 2 minutes.
//   207: an exhausted quota (429 for ever, retry-after-ms: 4) from the first request, one row.
//        The budget counted only the waits: some 13 000 attempts of a few milliseconds each
//        added half a minute past it (ends-in-time broken at the 185 s bound on a loaded
//        machine). The attempts answered 429 now count too: about 2 minutes.
//
//   npx vitest run test/run-integrity/regression-seeds.test.ts                        the quick ones
//   DCLOUD_SLOW_SEEDS=1 npx vitest run test/run-integrity/regression-seeds.test.ts    and the slow ones
import { describe, it } from "vitest";
import { describeScenario, scenarioFor } from "../helpers/schedule.js";
import { expectSeedHolds, timeoutFor } from "../helpers/whole-run.js";

const QUICK_SEEDS = [228, 240, 282];
const SLOW_SEEDS = [715, 274, 207];

describe("quick regression seeds", () => {
  for (const seed of QUICK_SEEDS) {
    const scenario = scenarioFor(seed);
    it(`seed ${seed}: ${describeScenario(scenario)}`, () => expectSeedHolds(seed), timeoutFor(scenario));
  }
});

describe.runIf(process.env.DCLOUD_SLOW_SEEDS === "1").concurrent("slow regression seeds (DCLOUD_SLOW_SEEDS=1)", () => {
  for (const seed of SLOW_SEEDS) {
    const scenario = scenarioFor(seed);
    it(`seed ${seed}: ${describeScenario(scenario)}`, () => expectSeedHolds(seed), timeoutFor(scenario));
  }
});
