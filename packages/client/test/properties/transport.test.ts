// Invariants of one call, whatever the server does: a generated schedule of answers (201,
// 409, 422, 503, 429 with any Retry-After — none, 0, negative, garbage, a past date, seconds,
// milliseconds —, a reset connection, an answer slower than the timeout) is played by an
// injected fetch under fake timers. For every schedule and every setting the call
//   - ends, within the time its settings imply;
//   - makes no more attempts than they allow, and spends no more on 429 waits than rateLimitWaitMs;
//   - starts no attempt once its stopSignal has aborted;
//   - ends with what its last answer means.
import { fc, test } from "@fast-check/vitest";
import { afterEach, beforeEach, expect, vi } from "vitest";
import {
  AbortError,
  AlreadyMemberError,
  ConnectionError,
  createDeepsetCloud,
  RateLimitError,
  SignupFailedError,
  TimeoutError,
  UnprocessableEntityError,
} from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, ORG } from "../helpers/mock-fetch.js";

type Answer =
  | { kind: "status"; status: 201 | 409 | 422 | 503 }
  | { kind: "429"; headers: Record<string, string> }
  | { kind: "reset" }
  | { kind: "slow"; delayMs: number };

const NOW = Date.parse("2026-03-01T12:00:00Z");

const retryAfter = fc.oneof(
  fc.constant({}),
  fc.integer({ min: -5, max: 5 }).map((s) => ({ "retry-after": String(s) })),
  fc.constantFrom("soon", "", "1e3", "Sat, 01 Jan 2000 00:00:00 GMT").map((v) => ({ "retry-after": v })),
  fc.integer({ min: -100, max: 3_000 }).map((ms) => ({ "retry-after-ms": String(ms) })),
);

const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.constantFrom(201, 409, 422, 503).map((status) => ({ kind: "status" as const, status })),
  retryAfter.map((headers) => ({ kind: "429" as const, headers })),
  fc.constant({ kind: "reset" as const }),
  fc.integer({ min: 0, max: 8_000 }).map((delayMs) => ({ kind: "slow" as const, delayMs })),
);

const settings = fc.record({
  maxRetries: fc.integer({ min: 0, max: 4 }),
  timeoutMs: fc.integer({ min: 500, max: 4_000 }),
  rateLimitWaitMs: fc.integer({ min: 0, max: 8_000 }),
  /** When the stopSignal aborts (ms after the call starts), if ever. */
  stopAfterMs: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The server plays `schedule` in order, then its last answer forever. */
function scriptedFetch(schedule: Answer[], stop: AbortSignal) {
  const attempts: { at: number; afterStop: boolean; answer: Answer }[] = [];
  const fetch: typeof globalThis.fetch = (_url, init) => {
    const next = schedule[Math.min(attempts.length, schedule.length - 1)] as Answer;
    attempts.push({ at: Date.now(), afterStop: stop.aborted, answer: next });
    return new Promise<Response>((resolve, reject) => {
      const deliver = () => {
        if (next.kind === "reset") {
          reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET", syscall: "read" } }));
        } else if (next.kind === "429") resolve(new Response(null, { status: 429, headers: next.headers }));
        else if (next.kind === "slow") resolve(new Response("{}", { status: 201 }));
        else resolve(new Response(next.status === 201 ? "{}" : '{"detail":"no"}', { status: next.status }));
      };
      if (next.kind !== "slow") return deliver();
      const timer = setTimeout(deliver, next.delayMs);
      init?.signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("This operation was aborted", "AbortError"));
      });
    });
  };
  return { fetch, attempts };
}

/** Advances fake time until `promise` settles, at most `limitMs`; how long it took, or undefined. */
async function settleWithin(promise: Promise<unknown>, limitMs: number): Promise<number | undefined> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  const start = Date.now();
  while (!done && Date.now() - start <= limitMs) await vi.advanceTimersByTimeAsync(25);
  return done ? Date.now() - start : undefined;
}

/** The class a call ends with when `last` is the last answer it got. */
function expectedOutcome(last: Answer, timeoutMs: number): unknown {
  if (last.kind === "reset") return ConnectionError;
  if (last.kind === "429") return RateLimitError;
  if (last.kind === "slow") return last.delayMs >= timeoutMs ? TimeoutError : "invited";
  return { 201: "invited", 409: AlreadyMemberError, 422: UnprocessableEntityError, 503: SignupFailedError }[
    last.status
  ];
}

/** Schedules fast-check found failing once; each stays a case of every run. */
type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;
const regressions: [Answer[], Settings][] = [
  // The rate-limit budget ran out in the pacing after a reset: the call ended with the 429 before it, not the reset.
  [
    [{ kind: "429", headers: { "retry-after": "2" } }, { kind: "reset" }],
    { maxRetries: 1, timeoutMs: 500, rateLimitWaitMs: 2000, stopAfterMs: undefined },
  ],
];

test.prop([fc.array(answer, { minLength: 1, maxLength: 10 }), settings], { numRuns: 300, examples: regressions })(
  "a call ends in bounded time with what its last answer means, and starts nothing after stopSignal",
  async (schedule, { maxRetries, timeoutMs, rateLimitWaitMs, stopAfterMs }) => {
    const stop = new AbortController();
    if (stopAfterMs !== undefined) setTimeout(() => stop.abort(), stopAfterMs);
    const server = scriptedFetch(schedule, stop.signal);
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: server.fetch, maxRetries });

    const call = dc.inviteUser(ORG, ADA, { timeoutMs, rateLimitWaitMs, stopSignal: stop.signal });
    const outcome = call.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    // Retries wait at most 8 s each (no 503 here carries a Retry-After); a 429's waits are
    // within rateLimitWaitMs; each attempt lasts at most its timeout.
    const attemptsBound = (n: number) => rateLimitWaitMs + maxRetries * 8_000 + n * timeoutMs + 100;
    const took = await settleWithin(outcome, attemptsBound(maxRetries + 1 + 50));
    expect(took, "the call never ended").toBeDefined();
    const attempts = server.attempts;
    expect(took).toBeLessThanOrEqual(attemptsBound(attempts.length));

    // Nothing starts once the stopSignal has aborted.
    expect(attempts.filter((a) => a.afterStop)).toEqual([]);

    // Retries are spent only on what is not a 429 with a usable Retry-After.
    const waitedOn429 = attempts
      .slice(0, -1)
      .filter((a) => a.answer.kind === "429" && Object.keys(a.answer.headers).length);
    expect(attempts.length - 1 - waitedOn429.length).toBeLessThanOrEqual(maxRetries);

    const { result, error } = (await outcome) as { result?: unknown; error?: unknown };
    const last = attempts.at(-1);
    if (!last) {
      // Stopped before the first attempt.
      expect(error).toBeInstanceOf(AbortError);
      return;
    }
    const expected = expectedOutcome(last.answer, timeoutMs);
    if (expected === "invited") {
      expect(result).toMatchObject({ status: 201, attempts: attempts.length });
      return;
    }
    expect(error).toBeInstanceOf(expected as new () => Error);
    expect((error as { attempts?: number }).attempts).toBe(attempts.length);
    if (error instanceof ConnectionError) expect(error.outcomeUnknown).toBe(true);
    if (error instanceof AlreadyMemberError) {
      // Only an earlier attempt whose outcome is unknown makes a 409 count as this call's own.
      const unknownBefore = attempts
        .slice(0, -1)
        .some(
          (a) =>
            a.answer.kind === "reset" ||
            (a.answer.kind === "status" && a.answer.status === 503) ||
            (a.answer.kind === "slow" && a.answer.delayMs >= timeoutMs),
        );
      expect(error.afterRetry).toBe(unknownBefore);
    }
  },
);
