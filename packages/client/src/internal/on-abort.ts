// One `abort` listener per signal, however many calls share it. A signal shared by more than
// ten concurrent calls would otherwise print MaxListenersExceededWarning, and a listener that
// outlives its call keeps the call's closures alive as long as the signal lives.

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

function dispatch(this: AbortSignal): void {
  const set = subscribers.get(this);
  subscribers.delete(this);
  if (set) for (const run of set) run();
}

/** Runs `run` once when `signal` aborts; the returned function unsubscribes (and is safe to call twice). */
export function onAbort(signal: AbortSignal, run: () => void): () => void {
  let set = subscribers.get(signal);
  if (!set) {
    set = new Set();
    subscribers.set(signal, set);
    signal.addEventListener("abort", dispatch, { once: true });
  }
  // A wrapper, so that one function subscribed twice is two subscriptions.
  const entry = () => run();
  set.add(entry);
  return () => {
    const current = subscribers.get(signal);
    if (!current?.delete(entry) || current.size > 0) return;
    subscribers.delete(signal);
    signal.removeEventListener("abort", dispatch);
  };
}
