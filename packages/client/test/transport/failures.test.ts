import { createServer } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionError, createDeepsetCloud, TimeoutError } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

/** A fetch that never answers, but honours the request's signal the way Node's fetch does. */
const hangingFetch: typeof fetch = (input, init) =>
  new Promise((_, reject) => {
    const signal = new Request(input, init).signal;
    signal.addEventListener("abort", () => reject(new DOMException("This operation was aborted", "AbortError")));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe("an attempt without a response", () => {
  it("past timeoutMs rejects with TimeoutError", async () => {
    vi.useFakeTimers();
    const dc = createDeepsetCloud({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: hangingFetch,
      timeoutMs: 5_000,
      maxRetries: 0,
    });

    const pending = dc.inviteUser(ORG, ADA).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5_000);

    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain("5000 ms");
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    vi.useFakeTimers();
    const dc = createDeepsetCloud({
      apiKey: API_KEY,
      baseUrl: BASE_URL,
      fetch: hangingFetch,
      timeoutMs: 60_000,
      maxRetries: 0,
    });

    const pending = dc.getMe({ timeoutMs: 100 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);

    expect(await pending).toBeInstanceOf(TimeoutError);
  });

  it("does not time out before timeoutMs", async () => {
    vi.useFakeTimers();
    let answer: ((r: Response) => void) | undefined;
    const fetch: typeof globalThis.fetch = () => new Promise((resolve) => (answer = resolve));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, timeoutMs: 5_000 });

    const pending = dc.inviteUser(ORG, ADA);
    await vi.advanceTimersByTimeAsync(4_999);
    answer?.(json(201, {}));

    await expect(pending).resolves.toMatchObject({ status: 201 });
  });

  it("the caller's abort rejects with AbortError, not TimeoutError", async () => {
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: hangingFetch });
    const controller = new AbortController();

    const pending = dc.inviteUser(ORG, ADA, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();

    expect(await pending).toBeInstanceOf(AbortError);
  });

  it("an already aborted signal sends nothing", async () => {
    const mock = mockFetch(() => json(201, {}));
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch });

    await expect(dc.inviteUser(ORG, ADA, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(mock.requests).toHaveLength(0);
  });

  it("a refused connection rejects with ConnectionError naming the cause", async () => {
    // A port that was just free on loopback: nothing listens there any more.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });

    const error = await dc.inviteUser(ORG, ADA).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`Could not reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });

  it("a failure nested under the dispatcher's own abort is named by the innermost error", async () => {
    // What undici's fetch throws when a proxy refuses the tunnel: fetch failed → cancelled → the reason.
    const refusedTunnel = Object.assign(new Error("Proxy response (407) !== 200 when HTTP Tunneling"), {
      code: "UND_ERR_ABORTED",
    });
    const fetch: typeof globalThis.fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new DOMException("Request was cancelled."), { cause: refusedTunnel }),
      });
    };
    const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, maxRetries: 0 });

    const error = await dc.inviteUser(ORG, ADA).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      `Could not reach ${BASE_URL}: Proxy response (407) !== 200 when HTTP Tunneling (UND_ERR_ABORTED)`,
    );
  });
});
