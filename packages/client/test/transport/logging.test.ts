import { afterEach, describe, expect, it, vi } from "vitest";
import { createDeepsetCloud, type Logger } from "../../src/index.js";
import { ADA, API_KEY, BASE_URL, json, mockFetch, ORG } from "../helpers/mock-fetch.js";

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("logger", () => {
  it("gets one debug line per attempt with method, URL, status, attempt, duration and request id", async () => {
    const logger = recordingLogger();
    const mock = mockFetch(() => json(201, {}, { "x-request-id": "req-42" }));
    await createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, logger }).inviteUser(ORG, ADA);

    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      new RegExp(
        `^debug POST ${BASE_URL}/api/v1/organization/${ORG}/invitation → 201 \\(attempt 1, \\d+ ms, request id req-42\\)$`,
      ),
    );
  });

  it("logs a request that got no response", async () => {
    const logger = recordingLogger();
    const fetch: typeof globalThis.fetch = async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    };
    await createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch, logger, maxRetries: 0 })
      .getMe()
      .catch(() => undefined);

    expect(logger.lines).toEqual([
      expect.stringMatching(/^debug GET .*\/api\/v1\/me → no response: ConnectionError \(attempt 1, \d+ ms\)$/),
    ]);
  });
});

describe("the API key never leaks", () => {
  it("into log lines or error messages, whatever happens", async () => {
    const logger = recordingLogger();
    const seen: string[] = [];
    const answers = [
      () => json(401, { detail: "bad token" }),
      () => json(402, {}),
      () => json(409, {}),
      () => json(422, { detail: [{ loc: ["body", "email"], msg: "Field required", type: "missing" }] }),
      () => json(500, { detail: "boom" }),
      // A server (or a proxy's error page) that echoes the Authorization header back.
      () => json(400, { detail: `Bad header: Bearer ${API_KEY}` }),
      () => new Response(`<pre>Authorization: Bearer ${API_KEY}</pre>`, { status: 502 }),
      () => json(503, {}),
      () => {
        throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
      },
    ];
    for (const answer of answers) {
      const mock = mockFetch(answer);
      const dc = createDeepsetCloud({ apiKey: API_KEY, baseUrl: BASE_URL, fetch: mock.fetch, logger, maxRetries: 0 });
      const error = (await dc.inviteUser(ORG, ADA).catch((e: unknown) => e)) as Error;
      seen.push(
        error.message,
        String(error.stack),
        JSON.stringify(error),
        String(JSON.stringify((error as { body?: unknown }).body)),
      );
      // The key did travel, in the header where it belongs.
      expect(mock.requests[0]?.headers.get("authorization")).toBe(`Bearer ${API_KEY}`);
    }
    seen.push(...logger.lines);

    expect(seen.length).toBeGreaterThan(answers.length * 3);
    for (const text of seen) expect(text).not.toContain(API_KEY);
  });
});
