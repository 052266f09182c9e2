/** A run of whole lines, 0-based and inclusive at both ends. */
export interface LineInterval {
  readonly start: number;
  readonly end: number;
}

/** Sorted, with overlapping and touching intervals joined: the canonical form every other helper expects. */
export function mergeIntervals(intervals: readonly LineInterval[]): LineInterval[] {
  const sorted = intervals.filter(i => i.end >= i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: LineInterval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end + 1) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, next.end) };
    else merged.push(next);
  }
  return merged;
}

/** `merged` with one more interval, in canonical form: a single pass, as selection adds spans one by one. */
export function withInterval(merged: readonly LineInterval[], added: LineInterval): LineInterval[] {
  const out: LineInterval[] = [];
  let pending: LineInterval | undefined = added;
  for (const next of merged) {
    if (pending && next.end + 1 < pending.start) out.push(next);
    else if (pending && pending.end + 1 < next.start) {
      out.push(pending, next);
      pending = undefined;
    } else if (pending) pending = { start: Math.min(pending.start, next.start), end: Math.max(pending.end, next.end) };
    else out.push(next);
  }
  if (pending) out.push(pending);
  return out;
}

/** How many lines of [start, end] the merged intervals show. */
export function visibleLineCount(merged: readonly LineInterval[], start: number, end: number): number {
  let count = 0;
  for (const i of merged) {
    if (i.start > end) break;
    const from = Math.max(i.start, start);
    const to = Math.min(i.end, end);
    if (to >= from) count += to - from + 1;
  }
  return count;
}

export function coversAll(merged: readonly LineInterval[], start: number, end: number): boolean {
  return visibleLineCount(merged, start, end) === end - start + 1;
}

/** The parts of the merged intervals within `range`, in canonical form. */
export function clipIntervals(merged: readonly LineInterval[], range: LineInterval): LineInterval[] {
  const out: LineInterval[] = [];
  for (const i of merged) {
    if (i.start > range.end) break;
    const from = Math.max(i.start, range.start);
    const to = Math.min(i.end, range.end);
    if (to >= from) out.push({ start: from, end: to });
  }
  return out;
}

/** A compact, canonical cache key for a set of merged intervals. */
export function intervalsKey(merged: readonly LineInterval[]): string {
  return merged.map(i => `${i.start}-${i.end}`).join(',');
}

/** The lines of `merged` that `removed` does not show, in canonical form. */
export function subtractIntervals(merged: readonly LineInterval[], removed: readonly LineInterval[]): LineInterval[] {
  const out: LineInterval[] = [];
  for (const interval of merged) {
    let from = interval.start;
    for (const r of removed) {
      if (r.end < from || r.start > interval.end) continue;
      if (r.start > from) out.push({ start: from, end: r.start - 1 });
      from = Math.max(from, r.end + 1);
    }
    if (from <= interval.end) out.push({ start: from, end: interval.end });
  }
  return out;
}
