/**
 * The first index in [from, to) whose element is not `before` the sought one, for a range sorted so that
 * every `before` element comes first (a binary search; `to` when all are before). One search for the sorted
 * lists that hold plain objects; typed arrays searched on hot paths use `lowerBound`, which takes no closure.
 */
export function partitionPoint(from: number, to: number, before: (index: number) => boolean): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index in the non-decreasing `sorted[from, to)` whose value is >= `value` (`to` if none). */
export function lowerBound(sorted: Int32Array, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
