// The rate-limit pause that every call of one client shares. A 429 says the client as a whole
// is too fast, so one call waiting is not enough: with many calls in flight the others would
// keep hitting the limit. After a 429 no call starts an attempt until its wait has passed;
// then attempts start one at a time, spaced by that wait plus 10 %, and the spacing shrinks
// with every success until it is gone. A 429 met by an attempt that started after the last
// pause began means the spacing was too short: it grows by 10 % (429s of attempts that were
// already under way when the pause began are the same burst, and change nothing more) — but
// never past twice the longest wait a 429 has asked plus 10 %, nor 60 s, so that 429s that
// are faults rather than the rate cannot slow a run without end. (A token bucket's
// Retry-After names when the next token comes, not the rate: the spacing must be able to grow
// a little past it, or a client with several calls in flight keeps meeting the limit.)
// Against a server that limits the rate this settles just under the limit, with a 429 now and
// then; 2 s without a 429 end the pacing, and calls waiting for a later slot start at once.
//
// Every wait here is bounded by the caller: `acquire` is told how long the call may still
// wait and gives up rather than wait longer.
import { sleep } from "./sleep.js";

/** How much the spacing shrinks per successful attempt: slow enough that few attempts meet a 429 (bench: ≤ 5 %). */
const RELAX = 0.998;
/** Below this spacing (ms) the pacing ends. */
const MIN_SPACING_MS = 1;
/** The spacing is the wait a 429 asked for plus this share. */
const MARGIN = 1.1;
/** The spacing never passes this. */
const MAX_SPACING_MS = 60_000;
/** The spacing never passes this many times the longest wait asked (plus 10 %). */
const CEILING_FACTOR = 2;
/**
 * Without a 429 for this long, the pacing ends. Against a server that limits the rate the
 * pacing meets a 429 long before (its spacing relaxes until it does); a 429 that is one fault
 * among others (not the rate) would otherwise slow every call down for nothing.
 */
const QUIET_MS = 2_000;

export class RateLimitGate {
  #pausedUntil = 0;
  /** When the last 429 that changed the spacing came in. */
  #pausedSince = Number.NEGATIVE_INFINITY;
  #spacingMs = 0;
  /** The longest wait a 429 asked, plus 10 %: the spacing stays within CEILING_FACTOR times it. */
  #ceilingMs = 0;
  #nextStart = 0;
  /** Aborted when the pacing ends, so that calls waiting for a later slot start at once. */
  #pacingEnded = new AbortController();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** When the pause that is in effect ends (ms since the epoch), or undefined when there is none. */
  get pausedUntil(): number | undefined {
    return this.#pausedUntil > this.#now() ? this.#pausedUntil : undefined;
  }

  /** The spacing between attempt starts now in effect, in ms; 0 when the pacing is off. */
  get spacingMs(): number {
    return this.#spacingMs;
  }

  /** An attempt that started at `startedAt` met a 429 that asked every call to wait `waitMs`. */
  pause(waitMs: number, startedAt: number): void {
    const now = this.#now();
    if (now + waitMs > this.#pausedUntil) this.#pausedUntil = now + waitMs;
    this.#nextStart = Math.max(this.#nextStart, this.#pausedUntil);
    const asked = Math.min(Math.max(waitMs, MIN_SPACING_MS) * MARGIN, MAX_SPACING_MS);
    this.#ceilingMs = Math.max(this.#ceilingMs, asked);
    const grown = startedAt >= this.#pausedSince ? this.#spacingMs * MARGIN : this.#spacingMs;
    if (startedAt >= this.#pausedSince) this.#pausedSince = now;
    this.#spacingMs = Math.min(Math.max(asked, grown), CEILING_FACTOR * this.#ceilingMs, MAX_SPACING_MS);
  }

  /** The clock the gate keeps, for callers to stamp when their attempts start. */
  now(): number {
    return this.#now();
  }

  /** An attempt got an answer that was not a 429. */
  succeeded(): void {
    if (this.#spacingMs === 0) return;
    this.#spacingMs *= RELAX;
    if (this.#spacingMs < MIN_SPACING_MS || this.#now() - this.#pausedSince > QUIET_MS) {
      this.#spacingMs = 0;
      // Slots handed out ahead are void: their callers start now.
      this.#nextStart = 0;
      this.#pacingEnded.abort();
      this.#pacingEnded = new AbortController();
    }
  }

  /**
   * Resolves when an attempt may start, with how long it waited (ms); with undefined, at once,
   * when the wait would pass `maxWaitMs`. Rejects with `AbortError` when a signal aborts first.
   */
  async acquire(maxWaitMs: number, ...signals: (AbortSignal | undefined)[]): Promise<number | undefined> {
    const began = this.#now();
    for (;;) {
      const now = this.#now();
      const waited = now - began;
      if (now < this.#pausedUntil) {
        if (waited + this.#pausedUntil - now > maxWaitMs) return undefined;
        await sleep(this.#pausedUntil - now, ...signals);
        continue;
      }
      if (this.#spacingMs === 0) return waited;
      const slot = Math.max(now, this.#nextStart);
      if (waited + slot - now > maxWaitMs) return undefined;
      this.#nextStart = slot + this.#spacingMs;
      if (slot <= now) return waited;
      const pacingEnded = this.#pacingEnded.signal;
      try {
        await sleep(slot - now, ...signals, pacingEnded);
      } catch (error) {
        if (!pacingEnded.aborted || signals.some((s) => s?.aborted)) throw error;
        continue;
      }
      // A 429 that came in meanwhile paused everyone again: queue anew behind it.
      if (this.#now() >= this.#pausedUntil) return this.#now() - began;
    }
  }
}
