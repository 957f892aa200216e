// Ctrl-C (or SIGTERM, SIGHUP) during a run: nothing new starts — no request, no retry — and
// waits end at once (the client's stopSignal); the requests in flight get up to 5 s to finish,
// and no longer than they take, then they are aborted (the client's signal). A report line or
// stdout that cannot be written stops a run the same way; `cause` tells them apart (exit 130
// for a signal, 1 for a failed write).
import { setMaxListeners } from "node:events";

const GRACE_MS = 5_000;

/** What stopped the run: a signal, the report that could not be written, or stdout. */
export type InterruptionCause = "signal" | "report_failed" | "stdout_failed";

export class Interruption {
  /** Aborts on the first interrupt: the client starts no new attempt. */
  readonly #stop = new AbortController();
  /** Aborts 5 s later: the client cuts what is still in flight. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #cause: InterruptionCause | undefined;

  constructor() {
    // Every call in flight listens to both: more than Node's default of 10 is the design, not a leak.
    setMaxListeners(0, this.#stop.signal, this.#abort.signal);
  }

  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  get abortSignal(): AbortSignal {
    return this.#abort.signal;
  }

  get requested(): boolean {
    return this.#stop.signal.aborted;
  }

  /** The first cause given to request(); undefined until then. */
  get cause(): InterruptionCause | undefined {
    return this.#cause;
  }

  /** Stops the run; a second call changes nothing (the first cause and grace period stand). */
  request(graceMs = GRACE_MS, cause: InterruptionCause = "signal"): void {
    if (this.requested) return;
    this.#cause = cause;
    this.#stop.abort();
    this.#timer = setTimeout(() => this.#abort.abort(), graceMs);
    // The grace period never keeps the process alive: when the last request settles, the run ends.
    this.#timer.unref();
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
