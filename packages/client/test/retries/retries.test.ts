// The retry loop, driven by fake timers: no test really sleeps, and each asserts how many
// requests went out before and after the wait it expects.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AlreadyMemberError,
  ApiError,
  ConnectionError,
  createDeepsetCloud,
  type Logger,
  ServerError,
  SignupFailedError,
  TimeoutError,
} from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, empty, json, mockFetch, ORG, type Responder } from "../helpers/mock-fetch.js";

beforeEach(() => {
  vi.useFakeTimers();
  // No jitter: the backoff is exactly 0.5 s, 1 s, 2 s, …
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Answers in turn; the last answer repeats. */
function script(...answers: Array<() => Response>): Responder {
  return (_request, index) => (answers[Math.min(index, answers.length - 1)] as () => Response)();
}

const refused = () => {
  throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
};
const reset = () => {
  throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
};

function client(respond: Responder, options: { maxRetries?: number; timeoutMs?: number; logger?: Logger } = {}) {
  const mock = mockFetch(respond);
  return { mock, dc: createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, ...options }) };
}

/** Starts the call; the returned promise never rejects (it resolves to the error). */
function start<T>(call: Promise<T>): Promise<T | unknown> {
  return call.catch((error: unknown) => error);
}

describe("retried", () => {
  it.each([429, 502, 503, 504])("a %i, then success: two requests, attempts 2", async (status) => {
    const { mock, dc } = client(
      script(
        () => empty(status),
        () => json(201, {}, { "x-request-id": "req-2" }),
      ),
    );

    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(499);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);

    expect(await pending).toEqual({ status: 201, attempts: 2, requestId: "req-2" });
    expect(mock.requests).toHaveLength(2);
  });

  it("a connection error, then success", async () => {
    const { mock, dc } = client(script(reset, () => json(201, {})));
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toMatchObject({ status: 201, attempts: 2 });
    expect(mock.requests).toHaveLength(2);
  });

  it("a timeout, then success", async () => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls++;
      if (calls === 2) return json(201, {});
      const signal = new Request(input, init).signal;
      return new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    };
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, timeoutMs: 1_000 });

    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(1_000); // the first attempt times out
    await vi.advanceTimersByTimeAsync(500); // the backoff

    expect(await pending).toMatchObject({ status: 201, attempts: 2 });
    expect(calls).toBe(2);
  });

  it("backs off 0.5 s, then 1 s, and gives up after maxRetries with the last error", async () => {
    const { mock, dc } = client(() => empty(503, { "x-request-id": "req-last" }));

    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(500);
    expect(mock.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(mock.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);

    const error = (await pending) as SignupFailedError;
    expect(error).toBeInstanceOf(SignupFailedError);
    expect(error.attempts).toBe(3);
    expect(error.requestId).toBe("req-last");
    expect(mock.requests).toHaveLength(3);
  });

  it("connection errors exhaust the retries too, reporting the attempts", async () => {
    const { mock, dc } = client(refused, { maxRetries: 1 });
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(500);
    const error = (await pending) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(2);
    expect(mock.requests).toHaveLength(2);
  });

  it("a timeout on every attempt ends in TimeoutError with attempts", async () => {
    const fetch: typeof globalThis.fetch = (input, init) =>
      new Promise((_, reject) =>
        new Request(input, init).signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))),
      );
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, timeoutMs: 100, maxRetries: 1 });
    const pending = start(dc.getMe());
    await vi.advanceTimersByTimeAsync(100 + 500 + 100);
    const error = (await pending) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.attempts).toBe(2);
  });

  it("per-call maxRetries overrides the client's", async () => {
    const { mock, dc } = client(() => empty(502), { maxRetries: 5 });
    const error = await start(dc.inviteUser(ORG, ADA, { maxRetries: 0 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(mock.requests).toHaveLength(1);
  });
});

describe("waits as the server asks", () => {
  it("Retry-After in seconds", async () => {
    const { mock, dc } = client(
      script(
        () => empty(429, { "retry-after": "3" }),
        () => json(201, {}),
      ),
    );
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ attempts: 2 });
  });

  it("Retry-After as an HTTP date", async () => {
    vi.setSystemTime(new Date("2026-11-28T08:00:00Z"));
    const { mock, dc } = client(
      script(
        () => empty(503, { "retry-after": "Sat, 28 Nov 2026 08:00:05 GMT" }),
        () => json(201, {}),
      ),
    );
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ attempts: 2 });
  });

  it("retry-after-ms", async () => {
    const { mock, dc } = client(
      script(
        () => empty(429, { "retry-after-ms": "250" }),
        () => json(201, {}),
      ),
    );
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(249);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ attempts: 2 });
  });

  it("but never longer than 60 s", async () => {
    const { mock, dc } = client(
      script(
        () => empty(429, { "retry-after": "86400" }),
        () => json(201, {}),
      ),
    );
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(mock.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ attempts: 2 });
  });
});

describe("never retried", () => {
  it.each([400, 401, 402, 403, 404, 409, 422, 500])("a %i is sent once", async (status) => {
    const { mock, dc } = client(() => json(status, {}), { maxRetries: 5 });
    const error = await start(dc.inviteUser(ORG, ADA));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).attempts).toBe(1);
    expect(mock.requests).toHaveLength(1);
  });

  it("the caller's abort during the wait: AbortError, and no further request", async () => {
    const { mock, dc } = client(() => empty(503));
    const controller = new AbortController();
    const pending = start(dc.inviteUser(ORG, ADA, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(mock.requests).toHaveLength(1);
  });

  it("the caller's abort during an attempt: AbortError, not retried", async () => {
    const fetch: typeof globalThis.fetch = (input, init) =>
      new Promise((_, reject) =>
        new Request(input, init).signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))),
      );
    let calls = 0;
    const counting: typeof globalThis.fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: counting });
    const controller = new AbortController();
    const pending = start(dc.inviteUser(ORG, ADA, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });
});

describe("the body", () => {
  it("is the same bytes on every attempt, even if the caller changes the object meanwhile", async () => {
    const { mock, dc } = client(
      script(
        () => empty(503),
        () => empty(502),
        () => json(201, {}),
      ),
    );
    const invitation = { ...ADA, workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"] };

    const pending = start(dc.inviteUser(ORG, invitation));
    invitation.email = "changed@example.com";
    invitation.workspace_ids.push("9b2d1c4e-8f7a-4b6c-a1d2-e3f4a5b6c7d8");
    await vi.advanceTimersByTimeAsync(500 + 1_000);

    expect(await pending).toMatchObject({ attempts: 3 });
    const bodies = mock.requests.map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? "")).toEqual({ ...ADA, workspace_ids: ["3fa85f64-5717-4562-b3fc-2c963f66afa6"] });
    for (const r of mock.requests) expect(r.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
  });
});

describe("a 409 after an attempt whose outcome is unknown", () => {
  it.each([
    ["a 503", () => empty(503), true],
    ["a 502", () => empty(502), true],
    ["a reset connection", reset, true],
    ["a 429 (not acted on)", () => empty(429), false],
    ["a refused connection (never arrived)", refused, false],
  ] as const)("after %s: afterRetry is %s", async (_what, first, afterRetry) => {
    const { dc } = client(script(first, () => empty(409)));
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(500);
    const error = (await pending) as AlreadyMemberError;
    expect(error).toBeInstanceOf(AlreadyMemberError);
    expect(error.afterRetry).toBe(afterRetry);
    expect(error.attempts).toBe(2);
  });

  it("after a timeout: afterRetry is true", async () => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls++;
      if (calls === 2) return empty(409);
      const signal = new Request(input, init).signal;
      return new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(new DOMException("x", "AbortError"))),
      );
    };
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, timeoutMs: 1_000 });
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(((await pending) as AlreadyMemberError).afterRetry).toBe(true);
  });

  it("a 409 on the first attempt is a plain already-member", async () => {
    const { dc } = client(() => empty(409));
    expect(((await start(dc.inviteUser(ORG, ADA))) as AlreadyMemberError).afterRetry).toBe(false);
  });
});

describe("logging of retries", () => {
  it("a debug line per attempt and a warning per retry with its wait", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m) => lines.push(`debug ${m}`),
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
    };
    const { dc } = client(
      script(
        () => empty(503, { "x-request-id": "r1" }),
        reset,
        () => json(201, {}),
      ),
      { logger },
    );
    const pending = start(dc.inviteUser(ORG, ADA));
    await vi.advanceTimersByTimeAsync(1_500);
    await pending;

    const url = `${BASE_URL}/api/v1/organization/${ORG}/invitation`;
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^debug POST ${url} → 503 \\(attempt 1, \\d+ ms, request id r1\\)$`)),
      `warn POST ${url} answered 503; retrying in 0.50 s (retry 1 of 2)`,
      expect.stringMatching(new RegExp(`^debug POST ${url} → no response: ConnectionError \\(attempt 2, \\d+ ms\\)$`)),
      `warn POST ${url} failed: The outcome of POST ${url} is unknown: no answer came (ECONNRESET); the server may have carried it out; retrying in 1.00 s (retry 2 of 2)`,
      expect.stringMatching(new RegExp(`^debug POST ${url} → 201 \\(attempt 3, \\d+ ms\\)$`)),
    ]);
    for (const line of lines) expect(line).not.toContain(API_KEY);
  });
});
