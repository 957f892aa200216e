// Every rate-limit wait ends: against a quota that answers 429 forever, a call throws
// RateLimitError within rateLimitWaitMs plus one attempt, whatever the Retry-After — also 0,
// negative, unreadable or a date in the past (each counts as 1 s) — and however slowly its
// 429s come. Fake timers.
import { fc, test as fcTest } from "@fast-check/vitest";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeepsetCloud, RateLimitError } from "../../src/index.js";
import { RateLimitGate } from "../../src/internal/rate-limit.js";
import { ADA, API_KEY, BASE_URL, empty, mockFetch, ORG } from "../helpers/mock-fetch.js";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-03-01T12:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A call under way: what it settles with, and how long it took on the fake clock (undefined until then). */
function timed(call: Promise<unknown>) {
  const started = Date.now();
  const run: { outcome: Promise<unknown>; tookMs: number | undefined } = { outcome: call, tookMs: undefined };
  run.outcome = call
    .catch((error: unknown) => error)
    .finally(() => {
      run.tookMs = Date.now() - started;
    });
  return run;
}

describe("a quota that answers 429 forever", () => {
  it.each([
    ["Retry-After: 1", { "retry-after": "1" }],
    ["Retry-After: 0", { "retry-after": "0" }],
    ["Retry-After: -4", { "retry-after": "-4" }],
    ["Retry-After: soon", { "retry-after": "soon" }],
    ["a date in the past", { "retry-after": "Sat, 01 Jan 2000 00:00:00 GMT" }],
    ["retry-after-ms: 0", { "retry-after-ms": "0" }],
    ["retry-after-ms: 100", { "retry-after-ms": "100" }],
  ])("with %s: RateLimitError within rateLimitWaitMs", async (_label, headers) => {
    const mock = mockFetch(() => empty(429, headers));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, rateLimitWaitMs: 5_000 });

    const call = timed(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(20_000);

    expect(await call.outcome).toBeInstanceOf(RateLimitError);
    expect(call.tookMs).toBeLessThanOrEqual(5_000);
    // Each wait counts, at least 1 s for the hints that say "at once": at most 6 attempts, not hundreds.
    const bound = "retry-after-ms" in headers && headers["retry-after-ms"] === "100" ? 52 : 6;
    expect(mock.requests.length).toBeLessThanOrEqual(bound);
  });
});

describe("a quota that answers 429 forever, slowly, asking for a few milliseconds", () => {
  it("counts the attempts answered 429 against rateLimitWaitMs: RateLimitError within it plus one attempt", async () => {
    // Each 429 takes 1 s to come and asks for 4 ms: counting the waits alone, 5 s of budget
    // would last over a thousand attempts — more than a thousand seconds.
    const mock = mockFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return empty(429, { "retry-after-ms": "4" });
    });
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, rateLimitWaitMs: 5_000 });

    const call = timed(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(20_000);

    expect(call.tookMs, "the call has not ended after 20 s").toBeDefined();
    expect(call.tookMs ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(5_000 + 1_000);
    expect(await call.outcome).toBeInstanceOf(RateLimitError);
    expect(mock.requests.length).toBeLessThanOrEqual(6);
  });
});

describe("the pacing after a pause", () => {
  // Each step: time passes, then a 429 of an attempt that started after the last pause (it sets
  // the pacing), a 429 of one already under way then (the same burst), or a success.
  const step = fc.record({
    passMs: fc.integer({ min: 0, max: 5_000 }),
    event: fc.oneof(
      fc.record({ kind: fc.constant("429" as const), waitMs: fc.integer({ min: 0, max: 70_000 }) }),
      fc.record({ kind: fc.constant("429 of the same burst" as const), waitMs: fc.integer({ min: 0, max: 70_000 }) }),
      fc.constant({ kind: "success" as const, waitMs: 0 }),
    ),
  });

  fcTest.prop([fc.array(step, { minLength: 1, maxLength: 60 })])(
    "never spaces attempts more than the last wait asked plus 10 %, nor 60 s",
    (steps) => {
      let now = 1_000_000;
      const gate = new RateLimitGate(() => now);
      let lastPauseAt = Number.NEGATIVE_INFINITY;
      let lastAskedMs: number | undefined;
      for (const { passMs, event } of steps) {
        now += passMs;
        if (event.kind === "429") {
          gate.pause(event.waitMs, Math.max(now - 1, lastPauseAt));
          lastPauseAt = now;
          lastAskedMs = event.waitMs;
        } else if (event.kind === "429 of the same burst" && lastAskedMs !== undefined) {
          gate.pause(event.waitMs, lastPauseAt - 1);
        } else {
          gate.succeeded();
        }
        if (lastAskedMs === undefined) expect(gate.spacingMs).toBe(0);
        else expect(gate.spacingMs).toBeLessThanOrEqual(Math.min(Math.max(lastAskedMs, 1) * 1.1, 60_000));
      }
    },
  );

  it("after a long wait, a 429 that asks a short one brings the spacing down to it", () => {
    let now = 0;
    const gate = new RateLimitGate(() => now);
    gate.pause(30_000, -1);
    now = 31_000;
    gate.pause(100, now - 1);
    expect(gate.spacingMs).toBeCloseTo(110);
  });

  it("holds how many attempts are in flight: a quarter fewer than when the 429 came, down to one", async () => {
    let now = 0;
    const gate = new RateLimitGate(() => now);
    for (let i = 0; i < 8; i++) expect(await gate.acquire(10_000)).toBe(0);
    gate.release();
    gate.pause(10, now - 1);
    // Seven still in flight, six allowed: a new attempt waits for a place, within its budget.
    now = 100;
    expect(await gate.acquire(0)).toBeUndefined();
    gate.release();
    gate.release();
    expect(await gate.acquire(0)).toBe(0);
    expect(gate.window).toBe(6);
    for (let i = 0; i < 10; i++) {
      now += 100;
      gate.pause(10, now - 1);
    }
    expect(gate.window).toBe(1);
  });
  it("lets an attempt start at once, without a promise, only while neither a pause nor the pacing is in effect", async () => {
    let now = 0;
    const gate = new RateLimitGate(() => now);
    expect(gate.tryAcquire()).toBe(true);
    expect(gate.tryAcquire()).toBe(true);
    gate.pause(1_000, -1);
    expect(gate.tryAcquire()).toBe(false);
    now = 1_000;
    // The pause is over, the pacing is not: attempts go through acquire, which holds the window.
    expect(gate.tryAcquire()).toBe(false);
    expect(gate.window).toBe(2);
    expect(await gate.acquire(0)).toBeUndefined();
    gate.release();
    expect(await gate.acquire(0)).toBe(0);
    now = 5_000;
    gate.succeeded();
    expect(gate.tryAcquire()).toBe(true);
  });

  it("counts the pacing against the call's budget: a call that would wait past it gives up at once", async () => {
    let now = 0;
    const gate = new RateLimitGate(() => now);
    gate.pause(3_000, -1);
    expect(await gate.acquire(2_000)).toBeUndefined();
    now = 3_000;
    expect(await gate.acquire(2_000)).toBe(0);
  });
});
