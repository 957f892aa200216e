// The promises of a bulk run, checked over generated schedules of whole runs rather than a
// list of scenarios: faults on every request (201, 409, 422, 429 with any Retry-After, 503,
// resets before and after the invitation is applied, slow answers, a 401 or 402 from some
// request on), a SIGINT, SIGTERM or SIGHUP at a random moment, a report that stops taking
// lines; then a --resume. For every seed: the run ends within a bound computed from its
// options and schedule; no email is applied twice; every input row appears exactly once across
// the report and the unrecorded outcomes; the summary equals the report's counts; the exit
// code agrees with the outcomes; the temp folder is left clean; and the --resume finishes the
// rest with nothing done twice, showing the rows it skipped with this input's line and
// spelling, marked resumed.
//
//   pnpm test                                   a fixed set of quick seeds
//   DCLOUD_SOAK_SEEDS=2000 npx vitest run test/run-integrity    seeds 1…2000 (the nightly soak)
//   DCLOUD_SEED=17 npx vitest run test/run-integrity            one seed again (or "17,40")
//
// Seeds that once broke a promise run by name in regression-seeds.test.ts.
import { describe, it } from "vitest";
import { describeScenario, scenarioFor, seedsToRun } from "../helpers/schedule.js";
import { expectSeedHolds, timeoutFor } from "../helpers/whole-run.js";

/** How many quick seeds `pnpm test` runs: about 1 s each, up to 2 s on a loaded 2-core machine. */
const QUICK_SEEDS = 24;

const seeds = seedsToRun(process.env, QUICK_SEEDS);
const soak = seeds.length > QUICK_SEEDS;

// The soak runs several seeds at once (vitest's --maxConcurrency); the quick set one by one.
(soak ? describe.concurrent : describe)("generated schedules", () => {
  for (const seed of seeds) {
    const scenario = scenarioFor(seed);
    it(`seed ${seed}: ${describeScenario(scenario)}`, () => expectSeedHolds(seed), timeoutFor(scenario));
  }
});
