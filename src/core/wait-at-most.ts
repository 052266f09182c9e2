// Waiting on work for a bounded time: a gathering within its budget, a build's loads up to its deadline, a
// monitor's answers within a trigger's budget, a thread's graceful end. The work goes on; only the wait ends.

/** Resolves when `work` settles or `ms` milliseconds have passed, whichever comes first; never rejects. */
export async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([settled, new Promise<void>(resolve => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
