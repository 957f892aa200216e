import { AbortError, ConnectionError, DeepsetCloudError, TimeoutError } from "../core/error.js";
import { rootCause } from "./retry-policy.js";

/** Certificates signed by an issuer Node does not know: what a company's TLS inspection presents. */
const UNKNOWN_ISSUER_CODE = /SELF_SIGNED|ISSUER_CERT|VERIFY_LEAF|UNTRUSTED/;

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
    if (timedOut)
      throw new TimeoutError(`No complete response from ${target} within ${timeoutMs} ms`, {
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

/**
 * Node's fetch says only "fetch failed"; the useful part is in its cause. A failed system call
 * (`connect ECONNREFUSED 1.2.3.4:443`) is named by its code; anything else (a TLS certificate
 * problem, an error of the fetch's dispatcher) by its message and code.
 */
function describeNetworkError(error: unknown): string {
  const { code, message, syscall } = rootCause(error);
  if (code && (syscall || !message)) return code;
  if (!message) return error instanceof Error ? error.message : String(error);
  const described = code ? `${message} (${code})` : message;
  if (code && UNKNOWN_ISSUER_CODE.test(code)) {
    return `${described}; to trust a company certificate authority (TLS inspection), set NODE_EXTRA_CA_CERTS to its PEM file`;
  }
  return described;
}
