/**
 * A signal that aborts when any of `sources` does, detached from them by `release()`. Not
 * `AbortSignal.any`: Node keeps every signal it makes in each source's list of dependants,
 * never pruned while the source lives (nodejs/node#55351, still so in Node 20.20), and a run's
 * stop signal lives for the whole run — a leak of one entry per call.
 */
export function eitherSignal(...sources: AbortSignal[]): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const source of sources) {
    if (source.aborted) abort();
    else source.addEventListener("abort", abort);
  }
  return {
    signal: controller.signal,
    release: () => {
      for (const source of sources) source.removeEventListener("abort", abort);
    },
  };
}
