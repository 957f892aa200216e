// The run's stop: the first request() stops new work at once and aborts what is in flight
// after the grace period; its cause (a signal, or a write that failed) is kept.
import { describe, expect, it, vi } from "vitest";
import { Interruption } from "../../src/sending/interruption.js";

describe("Interruption", () => {
  it("keeps the first cause, and aborts in-flight work only after the grace period", () => {
    vi.useFakeTimers();
    try {
      const interruption = new Interruption();
      expect(interruption.cause).toBeUndefined();
      interruption.request(1_000, "report_failed");
      interruption.request(10, "signal");
      expect(interruption.cause).toBe("report_failed");
      expect(interruption.stopSignal.aborted).toBe(true);
      expect(interruption.abortSignal.aborted).toBe(false);
      vi.advanceTimersByTime(999);
      expect(interruption.abortSignal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(interruption.abortSignal.aborted).toBe(true);
      interruption.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it("a plain request() is a signal's", () => {
    const interruption = new Interruption();
    interruption.request();
    expect(interruption.cause).toBe("signal");
    interruption.dispose();
  });
});
