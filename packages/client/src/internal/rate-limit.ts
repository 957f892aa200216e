// The rate-limit pause that every call of one client shares. A 429 says the client as a whole
// is too fast, so one call waiting is not enough: with many calls in flight the others would
// keep hitting the limit. After a 429 no call starts an attempt until its wait has passed;
// then the calls go on paced: attempts start one at a time, spaced by that wait plus 10 %
// (never 60 s), and only so many are in flight at once — as many as were when the 429 came,
// less a quarter; with each further 429 a quarter less, down to one.
//
// The spacing alone cannot hold a client to a rate: a token bucket's Retry-After names when
// its next token comes, not its rate, so the waits asked are mostly a fraction of the rate's
// interval, and the spacing may never pass the last of them plus 10 %. What holds the rate
// is how many attempts are in flight: against a server that limits the rate, that many per
// round trip. With every success the pacing relaxes a step — the spacing shrinks a little and
// the number in flight grows slowly — until a 429 finds the limit again. Only the 429 of an
// attempt that started after the last pause began sets the pacing (its wait is "the last wait
// asked"): 429s of attempts already under way then are the same burst, and their waits are
// shorter only because the next token is nearer. Against a server that limits the rate this
// settles just under the limit, with a 429 now and then; 2 s without a 429 end the pacing (a
// 429 that was a fault, not the rate, must not slow a run for long).
//
// Every wait here is bounded by the caller: `acquire` is told how long the call may still
// wait and gives up rather than wait longer.
import { sleep } from "./sleep.js";

/** How much the spacing shrinks per successful attempt. */
const RELAX = 0.998;
/** How slowly the number in flight grows: by 1 per this many times its size in successes (bench: ≤ 5 % 429s). */
const GROWTH = 25;
/** What is left of the number in flight after a 429. */
const DECREASE = 0.75;
/** Below this spacing (ms) attempts are not spaced. */
const MIN_SPACING_MS = 1;
/** The spacing is the wait a 429 asked for plus this share. */
const MARGIN = 1.1;
/** The spacing never passes this. */
const MAX_SPACING_MS = 60_000;
/** Without a 429 for this long, the pacing ends. */
const QUIET_MS = 2_000;

export class RateLimitGate {
  #pausedUntil = 0;
  /** When the last 429 that tightened the pacing came in. */
  #pausedSince = Number.NEGATIVE_INFINITY;
  #pacing = false;
  #spacingMs = 0;
  #nextStart = 0;
  /** How many attempts may be in flight while pacing. */
  #window = 0;
  #inFlight = 0;
  /** Aborted whenever a place may have come free, so that waiting calls look again. */
  #changed = new AbortController();
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
    return this.#pacing ? this.#spacingMs : 0;
  }

  /** How many attempts may be in flight at once; Infinity when the pacing is off. */
  get window(): number {
    return this.#pacing ? Math.max(1, Math.floor(this.#window)) : Number.POSITIVE_INFINITY;
  }

  /** The clock the gate keeps, for callers to stamp when their attempts start. */
  now(): number {
    return this.#now();
  }

  /** An attempt that started at `startedAt` met a 429 that asked every call to wait `waitMs`. */
  pause(waitMs: number, startedAt: number): void {
    const now = this.#now();
    this.#pausedUntil = Math.max(this.#pausedUntil, now + waitMs);
    this.#nextStart = Math.max(this.#nextStart, this.#pausedUntil);
    const asked = Math.min(Math.max(waitMs, MIN_SPACING_MS) * MARGIN, MAX_SPACING_MS);
    // The same burst as the last pause: it says nothing new.
    if (startedAt < this.#pausedSince) return;
    this.#pausedSince = now;
    this.#spacingMs = asked;
    // This attempt has ended already: it was in flight too.
    this.#window = Math.max(1, (this.#pacing ? this.#window : this.#inFlight + 1) * DECREASE);
    this.#pacing = true;
  }

  /** An attempt got an answer that was not a 429. */
  succeeded(): void {
    if (!this.#pacing) return;
    this.#spacingMs *= RELAX;
    this.#window += 1 / (GROWTH * this.#window);
    if (this.#now() - this.#pausedSince > QUIET_MS) {
      this.#pacing = false;
      // Slots handed out ahead are void: their callers start now.
      this.#nextStart = 0;
      this.#wake();
    }
  }

  /**
   * Takes a place at once when neither a pause nor the pacing is in effect (the common case,
   * decided without the cost of a promise); false when the caller must `acquire` instead.
   */
  tryAcquire(): boolean {
    if (this.#pacing || this.#pausedUntil > this.#now()) return false;
    this.#inFlight++;
    return true;
  }

  /**
   * Resolves when an attempt may start, with how long it waited (ms): the caller then holds a
   * place and calls `release` when the attempt ends. Resolves with undefined (no place held),
   * at once, when the wait would pass `maxWaitMs`. Rejects with `AbortError` when a signal
   * aborts first.
   */
  async acquire(maxWaitMs: number, ...signals: (AbortSignal | undefined)[]): Promise<number | undefined> {
    const began = this.#now();
    for (;;) {
      const now = this.#now();
      const left = maxWaitMs - (now - began);
      let until = Math.max(this.#pausedUntil, this.#pacing && this.#spacingMs >= MIN_SPACING_MS ? this.#nextStart : 0);
      // No place in flight: wait until one comes free, as long as the budget lasts.
      const full = this.#pacing && this.#inFlight >= this.window;
      if (until <= now && !full) {
        if (this.#pacing) this.#nextStart = now + this.#spacingMs;
        this.#inFlight++;
        return now - began;
      }
      if (full) until = Math.max(until, now + left);
      else if (until - now > left) return undefined;
      if (left <= 0) return undefined;
      const changed = this.#changed.signal;
      try {
        await sleep(Math.min(until - now, left), ...signals, changed);
      } catch (error) {
        if (!changed.aborted || signals.some((s) => s?.aborted)) throw error;
      }
    }
  }

  /** An attempt that `acquire` let start has ended. */
  release(): void {
    this.#inFlight--;
    if (this.#pacing) this.#wake();
  }

  #wake(): void {
    this.#changed.abort();
    this.#changed = new AbortController();
  }
}
