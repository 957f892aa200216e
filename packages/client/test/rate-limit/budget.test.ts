// A 429 with a Retry-After of at most 60 s is "wait", not "failed": it spends the call's
// rate-limit budget (rateLimitWaitMs), not its retries. Driven by fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeepsetCloud, RateLimitError } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const limited = (retryAfter: string) => () => empty(429, { "retry-after": retryAfter });

describe("a 429 within its Retry-After", () => {
  it("does not use up maxRetries: five 429s, then 201", async () => {
    const mock = mockFetch((_r, i) => (i < 5 ? limited("1")() : json(201, {})));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 0 });

    const pending = dc.inviteUser(ORG, ADA);
    await vi.advanceTimersByTimeAsync(10_000);

    await expect(pending).resolves.toMatchObject({ status: 201, attempts: 6 });
  });

  it("throws RateLimitError once the call's waits would pass rateLimitWaitMs", async () => {
    const mock = mockFetch(limited("2"));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, rateLimitWaitMs: 5_000 });

    const pending = dc.inviteUser(ORG, ADA).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);

    const error = await pending;
    expect(error).toBeInstanceOf(RateLimitError);
    // Waited 2 s twice (4 s); a third wait would pass 5 s.
    expect(error).toMatchObject({ status: 429, attempts: 3 });
    expect(mock.requests).toHaveLength(3);
  });

  it("a per-call rateLimitWaitMs overrides the client's", async () => {
    const mock = mockFetch(limited("1"));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const pending = dc.getMe({ rateLimitWaitMs: 0 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);

    expect(await pending).toBeInstanceOf(RateLimitError);
    expect(mock.requests).toHaveLength(1);
  });
});

describe("a 429 without a usable Retry-After", () => {
  it("is a retry like a 503: maxRetries bounds it", async () => {
    const mock = mockFetch(() => empty(429));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 2 });

    const pending = dc.inviteUser(ORG, ADA).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);

    expect(await pending).toMatchObject({ name: "RateLimitError", attempts: 3 });
  });

  it("one of over 60 s is a retry too, its wait cut to 60 s", async () => {
    const mock = mockFetch((_r, i) => (i === 0 ? limited("600")() : json(201, {})));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 1 });

    const pending = dc.inviteUser(ORG, ADA);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    await expect(pending).resolves.toMatchObject({ attempts: 2 });
  });
});

describe("the pause is shared", () => {
  it("a call started during another call's pause sends nothing until the pause ends", async () => {
    const mock = mockFetch((request) =>
      request.body?.includes("first") && mock.requests.length === 1 ? limited("3")() : json(201, {}),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const first = dc.inviteUser(ORG, { ...ADA, email: "first@example.com" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(dc.rateLimitedUntil).toBe(Date.now() + 2_000);
    const second = dc.inviteUser(ORG, { ...ADA, email: "second@example.com" });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(mock.requests).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(3_300);
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(mock.requests).toHaveLength(3);
    expect(dc.rateLimitedUntil).toBeUndefined();
  });

  it("after the pause, calls start one at a time, spaced by the wait asked for plus 10 %", async () => {
    const mock = mockFetch((r, i) =>
      i === 0 ? empty(429, { "retry-after-ms": "400" }) : json(r.method === "GET" ? 200 : 201, {}),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const first = dc.getMe();
    await vi.advanceTimersByTimeAsync(0);
    // The first call got its 429 and waits; three more join it.
    const rest = [first, dc.inviteUser(ORG, ADA), dc.inviteUser(ORG, ADA), dc.inviteUser(ORG, ADA)];
    const sentAt = () => mock.requests.length;
    await vi.advanceTimersByTimeAsync(400);
    expect(sentAt()).toBe(2);
    await vi.advanceTimersByTimeAsync(439);
    expect(sentAt()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sentAt()).toBe(3);
    await vi.advanceTimersByTimeAsync(440);
    expect(sentAt()).toBe(4);
    await vi.advanceTimersByTimeAsync(440);
    await Promise.all(rest);
    expect(sentAt()).toBe(5);
  });

  it("the pacing ends 2 s after the last 429, and the calls waiting for a later slot start at once", async () => {
    const mock = mockFetch((r, i) =>
      i === 0 ? empty(429, { "retry-after-ms": "1000" }) : json(r.method === "GET" ? 200 : 201, {}),
    );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    const first = dc.getMe();
    await vi.advanceTimersByTimeAsync(0);
    const rest = [first, dc.inviteUser(ORG, ADA), dc.inviteUser(ORG, ADA), dc.inviteUser(ORG, ADA)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(mock.requests).toHaveLength(2);
    // The slot at 2.1 s comes after 2 s without a 429: its success ends the pacing, and the two
    // calls holding the slots at 3.2 s and 4.3 s go at once.
    await vi.advanceTimersByTimeAsync(1_100);
    await Promise.all(rest);
    expect(mock.requests).toHaveLength(5);
  });
});
