// Seeded random schedules for whole `dcloud invite --file` runs: the input, the flags, how the
// fake API answers each attempt of each row, and the trouble around the run (a signal at a
// random moment, a report that stops taking lines, a 401 or 402 or an exhausted quota (429 for
// ever) from some request on). A seed
// always gives the same schedule (fast-check's generators, replayed from the seed), so a
// failing seed can be run again alone. What the server does per request depends only on the
// row and its attempt number, never on the order in which concurrent requests arrive.
import fc from "fast-check";

/** The header a 429 carries: every kind a server sends, well-formed or not. */
export type RetryAfter = { "retry-after": string } | { "retry-after-ms": string } | Record<string, never>;

/** How the fake API answers one attempt of one row. */
export type Answer =
  /** Applies the invitation (201), or 409 when the user is already in. */
  | { kind: "ok"; slowMs: number }
  | { kind: "unprocessable"; slowMs: number }
  | { kind: "rate_limited"; slowMs: number; headers: RetryAfter }
  | { kind: "unavailable"; slowMs: number }
  /** The connection is reset before the invitation is applied. */
  | { kind: "reset_before"; slowMs: number }
  /** The invitation is applied, then the connection is reset: the client cannot know. */
  | { kind: "reset_after"; slowMs: number };

export type InterruptSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

export interface Scenario {
  seed: number;
  /** "bulk-faults": a few hundred rows under 20–35 % mixed 503s, 429s and resets, nothing else. */
  profile: "random" | "bulk-faults";
  rows: number;
  concurrency: number;
  maxRetries: number;
  /** --timeout, per attempt; every scripted answer is quicker than this. */
  timeoutMs: number;
  /** The CSV comes on standard input (`--file -`), read as it streams. */
  viaStdin: boolean;
  /** No --org: the organization comes from GET /api/v1/me. */
  orgFromMe: boolean;
  /** Rows name a workspace, resolved with GET /api/v1/workspaces. */
  workspaces: boolean;
  /** Share of attempts that meet a fault (for the record; `answers` holds the outcome). */
  faultRate: number;
  /** Rows whose user is already a member before the run (the API answers 409). */
  members: boolean[];
  /** Per row, the answers to its attempts in turn; attempts past the end are answered "ok". */
  answers: Answer[][];
  /**
   * From this many invitation requests on, every invitation request gets this status: 401, 402,
   * or 429 with `headers` — an exhausted quota, which never stops saying 429.
   */
  stop: { status: 401 | 402 | 429; afterPosts: number; headers: RetryAfter } | null;
  /** Sent to the CLI once the API has seen this many invitation requests, and `delayMs` more. */
  signal: { name: InterruptSignal; afterPosts: number; delayMs: number } | null;
  /** `ulimit -f` in KiB: files the run writes (the report above all) cannot grow past it. */
  fileLimitKiB: number | null;
}

const PAST_DATE = "Wed, 21 Oct 2015 07:28:00 GMT";

const anyRetryAfter: fc.Arbitrary<RetryAfter> = fc.oneof(
  fc.constantFrom<RetryAfter>(
    { "retry-after": "0" },
    { "retry-after": "-5" },
    { "retry-after": "soon" },
    { "retry-after": PAST_DATE },
    { "retry-after": "1" },
    {},
  ),
  fc.integer({ min: 1, max: 2 }).map((s) => ({ "retry-after": `${s}` })),
  fc.integer({ min: 0, max: 1_500 }).map((ms) => ({ "retry-after-ms": `${ms}` })),
);

/** What a rate limiter under load sends: a second, or a part of one. */
const plainRetryAfter: fc.Arbitrary<RetryAfter> = fc.oneof(
  fc.constant<RetryAfter>({ "retry-after": "1" }),
  fc.integer({ min: 100, max: 1_000 }).map((ms) => ({ "retry-after-ms": `${ms}` })),
);

type FaultKind = Exclude<Answer["kind"], "ok">;

function answer(
  faultPercent: number,
  kinds: readonly FaultKind[],
  maxSlowMs: number,
  retryAfter: fc.Arbitrary<RetryAfter>,
): fc.Arbitrary<Answer> {
  const slowMs = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(maxSlowMs) });
  const fault: fc.Arbitrary<Answer> = fc
    .record({ kind: fc.constantFrom(...kinds), slowMs, headers: retryAfter })
    .map(({ kind, slowMs, headers }) => (kind === "rate_limited" ? { kind, slowMs, headers } : { kind, slowMs }));
  const ok: fc.Arbitrary<Answer> = slowMs.map((ms) => ({ kind: "ok", slowMs: ms }));
  if (faultPercent === 0) return ok;
  return fc.oneof({ weight: 100 - faultPercent, arbitrary: ok }, { weight: faultPercent, arbitrary: fault });
}

const ALL_FAULTS: readonly FaultKind[] = [
  "unprocessable",
  "rate_limited",
  "unavailable",
  "reset_before",
  "reset_after",
];
const BULK_FAULTS: readonly FaultKind[] = ["rate_limited", "unavailable", "reset_before", "reset_after"];

const shape = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.record({
      profile: fc.constant("random" as const),
      rows: fc.integer({ min: 1, max: 24 }),
      concurrency: fc.integer({ min: 1, max: 8 }),
      maxRetries: fc.integer({ min: 0, max: 6 }),
      faultPercent: fc.integer({ min: 0, max: 35 }),
      kinds: fc.subarray([...ALL_FAULTS], { minLength: 1 }),
      hasStop: fc.boolean(),
      hasSignal: fc.boolean(),
      hasFileLimit: fc.boolean(),
    }),
  },
  {
    // Rare: such a run takes minutes (the soak meets a few dozen in 2000 seeds).
    weight: 1,
    arbitrary: fc.record({
      profile: fc.constant("bulk-faults" as const),
      rows: fc.integer({ min: 200, max: 300 }),
      concurrency: fc.integer({ min: 4, max: 8 }),
      maxRetries: fc.integer({ min: 3, max: 6 }),
      faultPercent: fc.integer({ min: 20, max: 35 }),
      kinds: fc.constant(BULK_FAULTS),
      hasStop: fc.constant(false),
      hasSignal: fc.constant(false),
      hasFileLimit: fc.constant(false),
    }),
  },
);

const scenarioArbitrary = shape.chain((s) => {
  const timeoutMs = 5_000;
  return fc.record({
    profile: fc.constant(s.profile),
    rows: fc.constant(s.rows),
    concurrency: fc.constant(s.concurrency),
    maxRetries: fc.constant(s.maxRetries),
    timeoutMs: fc.constant(timeoutMs),
    viaStdin: fc.boolean(),
    orgFromMe: fc.boolean(),
    workspaces: fc.boolean(),
    faultRate: fc.constant(s.faultPercent / 100),
    members: fc.array(fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, fc.constant(true)), {
      minLength: s.rows,
      maxLength: s.rows,
    }),
    answers: fc.array(
      fc.array(
        s.profile === "random"
          ? answer(s.faultPercent, s.kinds, 400, anyRetryAfter)
          : answer(s.faultPercent, s.kinds, 50, plainRetryAfter),
        { maxLength: s.maxRetries + 2 },
      ),
      {
        minLength: s.rows,
        maxLength: s.rows,
      },
    ),
    stop: s.hasStop
      ? fc.record({
          // Every call against an exhausted quota waits out its rate-limit budget (2 minutes):
          // only in runs of at most two rounds of calls, so that a seed stays minutes long.
          status: fc.oneof(
            fc.constantFrom(401 as const, 402 as const),
            { weight: s.rows <= 2 * s.concurrency ? 1 : 0, arbitrary: fc.constant(429 as const) },
            fc.constantFrom(401 as const, 402 as const),
            fc.constantFrom(401 as const, 402 as const),
          ),
          afterPosts: fc.nat(s.rows),
          headers: anyRetryAfter,
        })
      : fc.constant(null),
    signal: s.hasSignal
      ? fc.record({
          name: fc.constantFrom<InterruptSignal>("SIGINT", "SIGTERM", "SIGHUP"),
          afterPosts: fc.integer({ min: 1, max: s.rows }),
          delayMs: fc.nat(300),
        })
      : fc.constant(null),
    // A report line is about 250 bytes: 1–8 KiB lets a few to a few dozen lines through.
    fileLimitKiB: s.hasFileLimit ? fc.integer({ min: 1, max: 8 }) : fc.constant(null),
  });
});

/** The schedule of one seed: always the same for the same seed. */
export function scenarioFor(seed: number): Scenario {
  const [generated] = fc.sample(scenarioArbitrary, { seed, numRuns: 1 });
  if (!generated) throw new Error(`no scenario for seed ${seed}`);
  return { seed, ...generated };
}

/** A one-line description of a scenario, for the name of its test and for failure messages. */
export function describeScenario(s: Scenario): string {
  const faults = s.answers.flat().filter((a) => a.kind !== "ok").length;
  const parts = [
    `${s.profile}`,
    `${s.rows} rows`,
    `${Math.round(s.faultRate * 100)} % faults (${faults} scripted)`,
    `--concurrency ${s.concurrency}`,
    `--max-retries ${s.maxRetries}`,
    s.viaStdin ? "--file -" : "--file PATH",
    s.orgFromMe ? "org from /me" : "--org",
  ];
  if (s.workspaces) parts.push("--workspace");
  if (s.stop?.status === 429) {
    parts.push(`429 for ever (${JSON.stringify(s.stop.headers)}) from request ${s.stop.afterPosts + 1}`);
  } else if (s.stop) parts.push(`${s.stop.status} from request ${s.stop.afterPosts + 1}`);
  if (s.signal) parts.push(`${s.signal.name} after request ${s.signal.afterPosts} + ${s.signal.delayMs} ms`);
  if (s.fileLimitKiB !== null) parts.push(`files limited to ${s.fileLimitKiB} KiB`);
  return parts.join(", ");
}

/**
 * What a 429 makes a client wait, as the client's rules read it: what `retry-after-ms` or
 * `Retry-After` asks, at most 60 s; 0, negative, unreadable or past counts as 1 s; without
 * either header, the back-off (at most 8 s).
 */
export function effectiveWaitMs(headers: RetryAfter): number {
  const text = "retry-after-ms" in headers ? headers["retry-after-ms"] : headers["retry-after"];
  if (text === undefined) return 8_000;
  const asked = "retry-after-ms" in headers ? Number(text) : Number(text) * 1000;
  return Number.isFinite(asked) && asked > 0 ? Math.min(asked, 60_000) : 1_000;
}

/** The client's default budget of rate-limit waiting per call (the CLI sets no other). */
const RATE_LIMIT_WAIT_MS = 120_000;
/** How long pacing may last after a 429 against a server that does not limit the rate. */
const RELAX_MS = 2_000;

/**
 * How long a run of this schedule may take, from its options and its answers, with room for
 * a loaded machine: start-up; the answers' own slowness and the back-offs between retries
 * (at most 8 s each), spread over the workers; for each 429, the pause it asks of every call
 * and the pacing after it — two attempts spaced by at most that wait plus 10 %, then relaxed
 * within 2 s, since the server does not limit the rate (it says "wait" at random); for an
 * exhausted quota, each round of calls waits out its rate-limit budget plus one attempt; and
 * with a signal, the grace period for the requests in flight.
 */
export function timeBoundMs(s: Scenario): number {
  let perRow = 0;
  let rateLimits = 0;
  for (const answers of s.answers) {
    let retries = 0;
    for (const a of answers) {
      perRow += a.slowMs + 200;
      if (a.kind === "rate_limited") {
        const wait = effectiveWaitMs(a.headers);
        rateLimits += wait + 2 * 1.1 * wait + RELAX_MS;
      } else if (a.kind === "unavailable" || a.kind === "reset_before" || a.kind === "reset_after") {
        if (retries >= s.maxRetries) break;
        perRow += Math.min(500 * 2 ** retries, 8_000);
        retries++;
      } else break;
    }
  }
  const rounds = Math.ceil(s.rows / s.concurrency);
  const quota =
    s.stop?.status === 429
      ? rounds * (RATE_LIMIT_WAIT_MS + s.timeoutMs + 1.1 * effectiveWaitMs(s.stop.headers) + 8_000 * s.maxRetries)
      : 0;
  const grace = s.signal ? 6_000 : 0;
  return 20_000 + perRow / s.concurrency + rateLimits + quota + grace;
}

/**
 * The seeds to run: DCLOUD_SEED=n runs that one; DCLOUD_SOAK_SEEDS=n runs seeds 1…n; otherwise
 * a fixed set that `pnpm test` runs: the first `quick` seeds whose schedules are small.
 */
export function seedsToRun(env: NodeJS.ProcessEnv, quick: number): number[] {
  if (env.DCLOUD_SEED) return env.DCLOUD_SEED.split(",").map((seed) => Number.parseInt(seed, 10));
  const soak = Number.parseInt(env.DCLOUD_SOAK_SEEDS ?? "", 10);
  if (soak > 0) return Array.from({ length: soak }, (_, i) => i + 1);
  const seeds: number[] = [];
  for (let seed = 1; seeds.length < quick; seed++) {
    const s = scenarioFor(seed);
    if (s.profile === "random" && timeBoundMs(s) <= 30_000) seeds.push(seed);
  }
  return seeds;
}
