// Ctrl-C (SIGINT, SIGTERM, SIGHUP) during a run, in one place. Before sending there is nothing
// to wait for: the run quits at once. While sending, the first interrupt stops anything new —
// no request, no retry — and waits end at once (the client's stopSignal); the requests in
// flight get up to 5 s to finish, and no longer than they take, then they are aborted (the
// client's signal). A second signal quits at once, after `beforeExit` (the report's last
// lines). A report line or stdout that cannot be written stops a run the same way; `cause`
// keeps what stopped it first (exit 130 for a signal, 1 for a failed write).
import { setMaxListeners } from "node:events";
import { ExitCode } from "../exit-codes.js";

const GRACE_MS = 5_000;

/** Where the run is: what a signal does depends on it. */
type Phase = "preparing" | "sending" | "stopping";

/** What stopped the run: a signal, the report that could not be written, or stdout. */
export type InterruptionCause = "signal" | "report_failed" | "stdout_failed";

/** Where interrupts come from, and how to quit at once (the process, or a test's stand-in). */
export interface InterruptSource {
  /** Calls `listener` on each interrupt until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
  exitNow(code: number): never;
}

export class Interruption {
  /** Aborts on the first interrupt while sending: the client starts no new attempt. */
  readonly #stop = new AbortController();
  /** Aborts after the grace period: the client cuts what is still in flight. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #phase: Phase = "preparing";
  #cause: InterruptionCause | undefined;
  #signalled = false;
  #beforeExit: () => void = () => {};
  readonly #stopListening: () => void;

  /** Listens from now on, until dispose(); `warn` tells the user that the run is stopping. */
  constructor(source: InterruptSource, warn: (message: string) => void) {
    // Every call in flight listens to both: more than Node's default of 10 is the design, not a leak.
    setMaxListeners(0, this.#stop.signal, this.#abort.signal);
    this.#stopListening = source.onInterrupt(() => {
      // Before sending, or at a second signal: nothing to wait for.
      if (this.#phase === "preparing" || this.#signalled) {
        this.#beforeExit();
        source.exitNow(ExitCode.Interrupted);
      }
      this.#signalled = true;
      if (this.requested) return;
      this.request(GRACE_MS, "signal");
      warn("interrupted: no new request starts; waiting up to 5 s for those in flight (Ctrl-C again to quit at once).");
    });
  }

  /** From now on an interrupt lets the requests in flight settle; `beforeExit` runs before a forced exit. */
  startSending(beforeExit: () => void): void {
    if (this.#phase === "preparing") this.#phase = "sending";
    this.#beforeExit = beforeExit;
  }

  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  get abortSignal(): AbortSignal {
    return this.#abort.signal;
  }

  /** True once the run has been stopped (a signal while sending, or request()). */
  get requested(): boolean {
    return this.#phase === "stopping";
  }

  /** The first cause given to request(); undefined until then. */
  get cause(): InterruptionCause | undefined {
    return this.#cause;
  }

  /** Stops the run; a second call changes nothing (the first cause and grace period stand). */
  request(graceMs = GRACE_MS, cause: InterruptionCause = "signal"): void {
    if (this.requested) return;
    this.#phase = "stopping";
    this.#cause = cause;
    this.#stop.abort();
    this.#timer = setTimeout(() => this.#abort.abort(), graceMs);
    // The grace period never keeps the process alive: when the last request settles, the run ends.
    this.#timer.unref();
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopListening();
  }
}
