import { AbortError, ConnectionError, DeepsetCloudError, TimeoutError } from "../core/error.js";

/**
 * Runs one attempt under its own timeout and the caller's signal, and turns what fetch
 * throws into this package's errors: the timeout and the caller's abort both abort the same
 * request, so which of them fired is recorded here, where both are known.
 */
export async function runAttempt<T>(
  run: (signal: AbortSignal) => Promise<T>,
  {
    timeoutMs,
    signal,
    target,
    attempt,
  }: { timeoutMs: number; signal: AbortSignal | undefined; target: string; attempt: number },
): Promise<T> {
  if (signal?.aborted) throw new AbortError("The request was aborted before it was sent", { cause: signal.reason });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await run(controller.signal);
  } catch (error) {
    if (error instanceof DeepsetCloudError) throw error;
    if (timedOut) throw new TimeoutError(`No complete response from ${target} within ${timeoutMs} ms`, {
        cause: error,
        attempts: attempt,
      });
    if (signal?.aborted) throw new AbortError("The request was aborted", { cause: signal.reason });
    // Node's fetch rejects with a TypeError ("fetch failed") when no response came.
    if (error instanceof TypeError) {
      throw new ConnectionError(`Could not reach ${target}: ${describeNetworkError(error)}`, {
        cause: error,
        attempts: attempt,
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, …) is in its cause. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
