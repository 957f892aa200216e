// The rate-limit pause that every call of one client shares. A 429 says the client as a whole
// is too fast, so one call waiting is not enough: with many calls in flight the others would
// keep hitting the limit. After a 429 no call starts an attempt until its wait has passed;
// then attempts start one at a time, spaced by that wait plus 10 %, and the spacing shrinks
// with every success until it is gone. A 429 met by an attempt that started after the last
// pause began means the spacing was too short: it grows by 10 % (429s of attempts that were
// already under way when the pause began are the same burst, and change nothing more). Against a server that limits the rate this
// settles just under the limit, with a 429 now and then when the spacing has shrunk past it.
import { sleep } from "./sleep.js";

/** How much the spacing shrinks per successful attempt: slow enough that few attempts meet a 429. */
const RELAX = 0.995;
/** Below this spacing (ms) the pacing ends. */
const MIN_SPACING_MS = 1;
/** The spacing is the wait a 429 asked for plus this share. */
const MARGIN = 1.1;
/** Without a 429 for this many spacings (and at least QUIET_MIN_MS), the pacing ends. */
const QUIET_SPACINGS = 20;
const QUIET_MIN_MS = 2_000;

export class RateLimitGate {
  #pausedUntil = 0;
  /** When the last 429 that changed the spacing came in. */
  #pausedSince = Number.NEGATIVE_INFINITY;
  #spacingMs = 0;
  #nextStart = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** When the pause that is in effect ends (ms since the epoch), or undefined when there is none. */
  get pausedUntil(): number | undefined {
    return this.#pausedUntil > this.#now() ? this.#pausedUntil : undefined;
  }

  /** An attempt that started at `startedAt` met a 429 that asked every call to wait `waitMs`. */
  pause(waitMs: number, startedAt: number): void {
    const now = this.#now();
    if (now + waitMs > this.#pausedUntil) this.#pausedUntil = now + waitMs;
    this.#nextStart = Math.max(this.#nextStart, this.#pausedUntil);
    const asked = Math.max(waitMs, MIN_SPACING_MS) * MARGIN;
    if (startedAt >= this.#pausedSince) {
      this.#spacingMs = Math.max(asked, this.#spacingMs * MARGIN);
      this.#pausedSince = now;
    } else {
      this.#spacingMs = Math.max(asked, this.#spacingMs);
    }
  }

  /** The clock the gate keeps, for callers to stamp when their attempts start. */
  now(): number {
    return this.#now();
  }

  /** An attempt got an answer that was not a 429. */
  succeeded(): void {
    if (this.#spacingMs === 0) return;
    this.#spacingMs *= RELAX;
    const quietMs = Math.max(QUIET_MIN_MS, QUIET_SPACINGS * this.#spacingMs);
    if (this.#spacingMs < MIN_SPACING_MS || this.#now() - this.#pausedSince > quietMs) this.#spacingMs = 0;
  }

  /** Resolves when an attempt may start; rejects with `AbortError` when `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.#now();
      if (now < this.#pausedUntil) {
        await sleep(this.#pausedUntil - now, signal);
        continue;
      }
      if (this.#spacingMs === 0) return;
      const slot = Math.max(now, this.#nextStart);
      this.#nextStart = slot + this.#spacingMs;
      if (slot <= now) return;
      await sleep(slot - now, signal);
      // A 429 that came in meanwhile paused everyone again: queue anew behind it.
      if (this.#now() >= this.#pausedUntil) return;
    }
  }
}
