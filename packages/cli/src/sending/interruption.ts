// Ctrl-C (or SIGTERM) during a run, in one place. Before sending there is nothing to wait
// for: the run quits at once. While sending, the first interrupt stops anything new — no
// request, no retry — and waits end at once (the client's stopSignal); the requests in flight
// get up to 5 s to finish, and no longer than they take, then they are aborted (the client's
// signal). A second interrupt quits at once, after `beforeExit` (the report's last lines).
import { setMaxListeners } from "node:events";
import { ExitCode } from "../exit-codes.js";

const GRACE_MS = 5_000;

/** Where the run is: what an interrupt does depends on it. */
type Phase = "preparing" | "sending" | "stopping";

/** Where interrupts come from, and how to quit at once (the process, or a test's stand-in). */
export interface InterruptSource {
  /** Calls `listener` on each interrupt until the returned function is called. */
  onInterrupt(listener: () => void): () => void;
  exitNow(code: number): never;
}

export class Interruption {
  /** Aborts on the first interrupt while sending: the client starts no new attempt. */
  readonly #stop = new AbortController();
  /** Aborts 5 s later: the client cuts what is still in flight. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #phase: Phase = "preparing";
  #beforeExit: () => void = () => {};
  readonly #stopListening: () => void;

  /** Listens from now on, until dispose(); `warn` tells the user that the run is stopping. */
  constructor(source: InterruptSource, warn: (message: string) => void) {
    // Every call in flight listens to both: more than Node's default of 10 is the design, not a leak.
    setMaxListeners(0, this.#stop.signal, this.#abort.signal);
    this.#stopListening = source.onInterrupt(() => {
      if (this.#phase !== "sending") {
        this.#beforeExit();
        source.exitNow(ExitCode.Interrupted);
      }
      this.#phase = "stopping";
      this.#stop.abort();
      this.#timer = setTimeout(() => this.#abort.abort(), GRACE_MS);
      // The grace period never keeps the process alive: when the last request settles, the run ends.
      this.#timer.unref();
      warn("interrupted: no new request starts; waiting up to 5 s for those in flight (Ctrl-C again to quit at once).");
    });
  }

  /** From now on an interrupt lets the requests in flight settle; `beforeExit` runs before a forced exit. */
  startSending(beforeExit: () => void): void {
    this.#phase = "sending";
    this.#beforeExit = beforeExit;
  }

  get stopSignal(): AbortSignal {
    return this.#stop.signal;
  }

  get abortSignal(): AbortSignal {
    return this.#abort.signal;
  }

  /** True once an interrupt has stopped the sending. */
  get requested(): boolean {
    return this.#phase === "stopping";
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#stopListening();
  }
}
