// Bounds how many file-system calls run at once: enough to keep the disk and libuv's thread pool busy,
// few enough not to exhaust file descriptors on a huge tree.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(maxConcurrent: number): Limiter {
  if (!(maxConcurrent >= 1)) throw new RangeError(`Concurrency must be at least 1, got ${maxConcurrent}.`);
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= maxConcurrent) await new Promise<void>(resolve => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
