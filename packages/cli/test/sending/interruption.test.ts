// The run's stop: the first request() stops new work at once and aborts what is in flight
// after the grace period; its cause (a signal, or a write that failed) is kept. A signal
// before sending, or a second one, quits at once.
import { describe, expect, it, vi } from "vitest";
import { Interruption, type InterruptSource } from "../../src/sending/interruption.js";

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function fakeSource(): InterruptSource & { signal(): void; listening: boolean } {
  let listener: (() => void) | undefined;
  return {
    onInterrupt(l) {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    exitNow(code): never {
      throw new Exited(code);
    },
    signal: () => listener?.(),
    get listening() {
      return listener !== undefined;
    },
  };
}

describe("Interruption", () => {
  it("keeps the first cause, and aborts in-flight work only after the grace period", () => {
    vi.useFakeTimers();
    try {
      const interruption = new Interruption(fakeSource(), () => {});
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
    const interruption = new Interruption(fakeSource(), () => {});
    interruption.request();
    expect(interruption.cause).toBe("signal");
    interruption.dispose();
  });

  it("a signal while sending stops the run; a second one quits at once, after the report's last lines", () => {
    const source = fakeSource();
    const warnings: string[] = [];
    const interruption = new Interruption(source, (w) => warnings.push(w));
    const beforeExit = vi.fn();
    interruption.startSending(beforeExit);
    source.signal();
    expect(interruption.cause).toBe("signal");
    expect(interruption.stopSignal.aborted).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(() => source.signal()).toThrow(new Exited(130));
    expect(beforeExit).toHaveBeenCalledOnce();
    interruption.dispose();
    expect(source.listening).toBe(false);
  });

  it("the first signal after a failed write still lets the rows in flight settle", () => {
    const source = fakeSource();
    const interruption = new Interruption(source, () => {});
    interruption.startSending(() => {});
    interruption.request(5_000, "report_failed");
    expect(() => source.signal()).not.toThrow();
    expect(interruption.cause).toBe("report_failed");
    expect(() => source.signal()).toThrow(new Exited(130));
    interruption.dispose();
  });

  it("a signal before sending quits at once", () => {
    const source = fakeSource();
    const interruption = new Interruption(source, () => {});
    expect(() => source.signal()).toThrow(new Exited(130));
    interruption.dispose();
  });
});
