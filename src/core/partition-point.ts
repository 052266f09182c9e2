/**
 * The first index in [from, to) whose element is not `before` the sought one, for a range sorted so that
 * every `before` element comes first (a binary search; `to` when all are before). One search for the sorted
 * lists that hold plain objects; the Int32Array postings keep their own, specialised for the typed array.
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
