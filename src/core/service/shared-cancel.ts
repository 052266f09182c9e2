// A cancellation flag in shared memory. The engine thread runs ranking synchronously: a message saying
// "cancel" would wait in its queue until the ranking ended. A flag in a SharedArrayBuffer is seen by the very
// next `shouldStop()` check, without the engine thread's event loop turning.

/** Creates the flag for one request: zero until cancelled. */
export function createCancelFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

export function setCancelled(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}

/** A reader of the flag, for the side doing the work. */
export function cancelledReader(flag: SharedArrayBuffer): () => boolean {
  const view = new Int32Array(flag);
  return () => Atomics.load(view, 0) !== 0;
}

/** How often an asynchronous call (a streamed completion) looks at its flag: its event loop turns meanwhile. */
const POLL_MS = 5;

/** The flag as an AbortSignal, for work that waits on I/O; `dispose` stops looking once the work is done. */
export function abortSignalOf(flag: SharedArrayBuffer): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const cancelled = cancelledReader(flag);
  const timer = setInterval(() => {
    if (!cancelled()) return;
    controller.abort();
    clearInterval(timer);
  }, POLL_MS);
  return { signal: controller.signal, dispose: () => clearInterval(timer) };
}
