import { AbortError, DeepsetCloudError, TimeoutError } from "../core/error.js";
import { connectionError, isNetworkFailure } from "./connection-failure.js";
import { onAbort } from "./on-abort.js";

export interface AttemptSettings {
  timeoutMs: number;
  /** The caller's signal: aborting it aborts the attempt. */
  signal: AbortSignal | undefined;
  target: string;
  /** "POST https://…", for messages. */
  request: string;
  attempt: number;
}

/**
 * Runs one attempt under its own timeout and the caller's signal, and turns what fetch
 * throws into this package's errors: the timeout and the caller's abort both abort the same
 * request, so which of them fired is recorded here, where both are known. `run` calls
 * `answered()` once the status has come, so that a failure after it reads as a body cut short.
 */
export async function runAttempt<T>(
  run: (signal: AbortSignal, answered: () => void) => Promise<T>,
  { timeoutMs, signal, target, request, attempt }: AttemptSettings,
): Promise<T> {
  if (signal?.aborted) {
    throw new AbortError("The request was aborted before it was sent", { cause: signal.reason, attempts: attempt - 1 });
  }
  const controller = new AbortController();
  let timedOut = false;
  let hasAnswer = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const off = signal ? onAbort(signal, () => controller.abort(signal.reason)) : undefined;
  try {
    return await run(controller.signal, () => {
      hasAnswer = true;
    });
  } catch (error) {
    if (error instanceof DeepsetCloudError) throw error;
    if (timedOut) {
      throw new TimeoutError(`No complete response from ${target} within ${timeoutMs} ms`, {
        cause: error,
        attempts: attempt,
      });
    }
    if (signal?.aborted) throw new AbortError("The request was aborted", { cause: signal.reason, attempts: attempt });
    if (isNetworkFailure(error)) throw connectionError(error, { target, request, attempt, answered: hasAnswer });
    throw error;
  } finally {
    clearTimeout(timer);
    off?.();
  }
}
