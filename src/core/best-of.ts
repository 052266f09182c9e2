/**
 * The first `count` of `items` (of those `keep` takes, if given) in the strict total order `before`, in that
 * order: what sorting them all and keeping the head gives, without sorting them all. A heap of the `count` best
 * seen so far, its worst at the root, so each item costs one comparison unless it displaces the worst. For a
 * query that scores thousands of items and keeps a few dozen.
 */
export function bestOf<T>(items: Iterable<T>, count: number, before: (a: T, b: T) => boolean, keep?: (item: T) => boolean): T[] {
  const kept: T[] = [];
  if (count <= 0) return kept;
  // `keep` is asked only of an item that would enter the heap: the first `count` of the items it keeps, when
  // most items lose to the worst kept without it being asked.
  for (const item of items) {
    if (kept.length < count) {
      if (keep && !keep(item)) continue;
      kept.push(item);
      siftUp(kept, kept.length - 1, before);
    } else if (before(item, kept[0]) && (!keep || keep(item))) {
      kept[0] = item;
      siftDown(kept, before);
    }
  }
  return kept.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

/** Moves the item at `at` up while it is worse than its parent (the root is the worst kept). */
function siftUp<T>(heap: T[], at: number, before: (a: T, b: T) => boolean): void {
  const item = heap[at];
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(heap[parent], item)) break;
    heap[at] = heap[parent];
    at = parent;
  }
  heap[at] = item;
}

/** Moves the root down while a child is worse than it. */
function siftDown<T>(heap: T[], before: (a: T, b: T) => boolean): void {
  const item = heap[0];
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const worseChild = right < heap.length && before(heap[left], heap[right]) ? right : left;
    if (!before(item, heap[worseChild])) break;
    heap[at] = heap[worseChild];
    at = worseChild;
  }
  heap[at] = item;
}
