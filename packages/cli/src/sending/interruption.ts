// Ctrl-C (or SIGTERM) during a run: nothing new starts — no request, no retry — and waits end
// at once (the client's stopSignal); the requests in flight get up to 5 s to finish, and no
// longer than they take, then they are aborted (the client's signal).
import { setMaxListeners } from "node:events";

const GRACE_MS = 5_000;

export class Interruption {
  /** Aborts on the first interrupt: the client starts no new attempt. */
  readonly #stop = new AbortController();
  /** Aborts 5 s later: the client cuts what is still in flight. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;

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

  request(graceMs = GRACE_MS): void {
    if (this.requested) return;
    this.#stop.abort();
    this.#timer = setTimeout(() => this.#abort.abort(), graceMs);
    // The grace period never keeps the process alive: when the last request settles, the run ends.
    this.#timer.unref();
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
