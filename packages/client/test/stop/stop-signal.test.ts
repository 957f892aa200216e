// `stopSignal`: what an interrupted program needs. Nothing new starts once it aborts (no
// attempt, no retry), a wait ends at once, but an attempt in flight runs to its end.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { AbortError, createDeepsetCloud, SignupFailedError } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

it("an attempt in flight when the stop comes runs to its answer", async () => {
  let answer: ((response: Response) => void) | undefined;
  const fetch: typeof globalThis.fetch = () => new Promise((resolve) => (answer = resolve));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch });
  const stop = new AbortController();

  const pending = dc.inviteUser(ORG, ADA, { stopSignal: stop.signal });
  await vi.advanceTimersByTimeAsync(0);
  stop.abort();
  answer?.(json(201, {}));

  await expect(pending).resolves.toMatchObject({ status: 201, attempts: 1 });
});

it("a wait to retry ends at once, no retry is sent, and the call settles with what it got", async () => {
  const mock = mockFetch(() => empty(503));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, maxRetries: 5 });
  const stop = new AbortController();

  const pending = dc.inviteUser(ORG, ADA, { stopSignal: stop.signal }).catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(100);
  stop.abort();
  const error = await pending;

  expect(error).toBeInstanceOf(SignupFailedError);
  expect(error).toMatchObject({ status: 503, attempts: 1 });
  await vi.advanceTimersByTimeAsync(60_000);
  expect(mock.requests).toHaveLength(1);
});

it("a call waiting out the rate-limit pause when the stop comes sends nothing", async () => {
  const mock = mockFetch((_r, i) => (i === 0 ? empty(429, { "retry-after": "10" }) : json(201, {})));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });
  const stop = new AbortController();

  const first = dc.inviteUser(ORG, ADA, { stopSignal: stop.signal }).catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(0);
  const second = dc
    .inviteUser(ORG, { ...ADA, email: "b@example.com" }, { stopSignal: stop.signal })
    .catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(1_000);
  stop.abort();

  expect(await first).toMatchObject({ name: "RateLimitError", status: 429 });
  expect(await second).toBeInstanceOf(AbortError);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(mock.requests).toHaveLength(1);
});

it("a stop before the call sends nothing", async () => {
  const mock = mockFetch(() => json(201, {}));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

  await expect(dc.inviteUser(ORG, ADA, { stopSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  expect(mock.requests).toHaveLength(0);
});

it("a long-lived stop signal keeps nothing of the calls that used it (a run's calls share one)", async () => {
  const mock = mockFetch(() => json(201, {}));
  const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });
  const stop = new AbortController();
  const call = new AbortController();
  for (let i = 0; i < 50; i++) {
    await dc.inviteUser(ORG, ADA, { stopSignal: stop.signal, signal: call.signal });
  }
  for (const source of [stop.signal, call.signal]) {
    expect(getEventListeners(source, "abort")).toHaveLength(0);
    // Where Node's AbortSignal.any keeps its dependants (nodejs/node#55351): nothing, or empty.
    const dependants = Object.getOwnPropertySymbols(source).find((s) => s.description === "kDependantSignals");
    expect((dependants && (source as unknown as Record<symbol, Set<unknown>>)[dependants]?.size) ?? 0).toBe(0);
  }
});
