// A 429 pauses every call of the client, not only the one that got it: against a server that
// limits the rate, a burst of concurrent calls must not keep hitting the limit. The server is
// an injected fetch on fake time (a 40 ms round trip), so the count does not depend on how
// busy the machine is.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createDeepsetCloud } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, mockFetch, ORG } from "../helpers/mock-fetch.js";

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-03-01T12:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A token bucket: `perSecond` requests a second, as many at once; beyond it a 429 saying when the next token comes. */
function rateLimiter(perSecond: number) {
  let tokens = perSecond;
  let last = Date.now();
  return {
    limited: 0,
    take(): number | undefined {
      const now = Date.now();
      tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return undefined;
      }
      this.limited++;
      return Math.ceil(((1 - tokens) / perSecond) * 1000);
    },
  };
}

it("16 concurrent calls against a server allowing 5 requests a second: all succeed, and few meet a 429", async () => {
  const limiter = rateLimiter(5);
  const mock = mockFetch(async () => {
    // The server decides when the request arrives, 20 ms out; the answer takes as long back.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waitMs = limiter.take();
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (waitMs === undefined) return empty(201);
    return empty(429, { "retry-after-ms": String(waitMs), "retry-after": String(Math.ceil(waitMs / 1000)) });
  });
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 2 });

  const settled = Promise.allSettled(
    Array.from({ length: 16 }, (_, i) => dc.inviteUser(ORG, { ...ADA, email: `user${i}@example.com` })),
  );
  await vi.advanceTimersByTimeAsync(60_000);
  const results = await settled;

  expect(results.filter((r) => r.status === "rejected")).toEqual([]);
  // The first burst meets the limit at once (5 through, 11 refused); after that the shared
  // pause and the pacing keep the rest from hitting it more than now and then.
  expect(limiter.limited).toBeLessThanOrEqual(11 + 4);
  expect(mock.requests).toHaveLength(16 + limiter.limited);
});
