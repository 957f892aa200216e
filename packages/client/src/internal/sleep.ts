import { AbortError } from "../core/error.js";
import { onAbort } from "./on-abort.js";

/** Waits `ms` milliseconds; rejects with `AbortError` as soon as one of `signals` aborts. */
export function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = signals.find((s) => s?.aborted);
    if (aborted) return reject(new AbortError("The request was aborted", { cause: aborted.reason }));
    const unsubscribe: (() => void)[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    for (const signal of signals) {
      if (!signal) continue;
      unsubscribe.push(
        onAbort(signal, () => {
          done();
          reject(new AbortError("The request was aborted while waiting", { cause: signal.reason }));
        }),
      );
    }
  });
}
