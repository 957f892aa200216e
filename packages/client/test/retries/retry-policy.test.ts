import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, retryDelayMs } from "../../src/internal/retry-policy.js";

const headers = (h: Record<string, string>) => new Headers(h);
const noJitter = { random: () => 0 };
const fullJitter = { random: () => 1 };

describe("retryDelayMs", () => {
  it("backs off exponentially from 0.5 s, capped at 8 s, without a server hint", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, undefined, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("takes off up to 25 % jitter", () => {
    expect(retryDelayMs(0, undefined, fullJitter)).toBe(375);
    expect(retryDelayMs(4, undefined, { random: () => 0.5 })).toBe(7000);
  });

  it("obeys retry-after-ms (milliseconds, fractions allowed)", () => {
    expect(retryDelayMs(0, headers({ "retry-after-ms": "1234.5" }), noJitter)).toBe(1234.5);
  });

  it("obeys Retry-After in seconds", () => {
    expect(retryDelayMs(3, headers({ "retry-after": "7" }), noJitter)).toBe(7000);
  });

  it("obeys Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    expect(retryDelayMs(0, headers({ "retry-after": "Sat, 28 Nov 2026 08:00:12 GMT" }), { now })).toBe(12_000);
  });

  it('counts a date in the past as 1 s: a server saying "at once" must still cost the call time', () => {
    const now = Date.parse("2026-11-28T08:00:00Z");
    expect(retryDelayMs(0, headers({ "retry-after": "Sat, 28 Nov 2026 07:00:00 GMT" }), { now })).toBe(1000);
  });

  it.each(["0", "-3"])("counts retry-after-ms %j as 1 s", (value) => {
    expect(retryDelayMs(0, headers({ "retry-after-ms": value }), noJitter)).toBe(1000);
  });

  it("prefers retry-after-ms over Retry-After", () => {
    expect(retryDelayMs(0, headers({ "retry-after-ms": "50", "retry-after": "9" }), noJitter)).toBe(50);
  });

  it("caps what the server asks for at 60 s", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
    expect(retryDelayMs(0, headers({ "retry-after": "3600" }), noJitter)).toBe(60_000);
    expect(retryDelayMs(0, headers({ "retry-after-ms": "90000" }), noJitter)).toBe(60_000);
  });

  it.each(["soon", "-5", "", "1e3", "0"])("counts an unreadable, negative or zero Retry-After %j as 1 s", (value) => {
    expect(retryDelayMs(3, headers({ "retry-after": value }), noJitter)).toBe(1000);
  });

  it("backs off as without a hint when neither header is there", () => {
    expect(retryDelayMs(3, headers({}), noJitter)).toBe(4000);
  });
});
