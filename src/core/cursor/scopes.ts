import { comparePositions } from '../positions';
import type { Definition, Position, Range, ScopeInfo } from '../types';

export { comparePositions };

/** True when `position` lies inside `range` (both ends inclusive: a cursor right after `}` is still "in" it while typing). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/**
 * The innermost of the definitions of one of `kinds` whose range contains `position` (the class around a
 * `this.x`): the one that starts last, the first declared among those with its very range.
 */
export function innermostEnclosing(definitions: readonly Definition[], position: Position, kinds: ReadonlySet<Definition['kind']>): Definition | undefined {
  let inner: Definition | undefined;
  for (const d of definitions) {
    if (kinds.has(d.kind) && rangeContains(d.range, position) && (!inner || comparePositions(d.range.start, inner.range.start) > 0 || (comparePositions(d.range.start, inner.range.start) === 0 && comparePositions(d.range.end, inner.range.end) < 0))) inner = d;
  }
  return inner;
}

/** Definitions whose range contains the cursor, outermost first (earlier start, then later end). */
export function enclosingScopes(definitions: readonly Definition[], position: Position): ScopeInfo[] {
  return definitions
    .filter(d => rangeContains(d.range, position))
    .sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(b.range.end, a.range.end))
    .map(d => ({ name: d.name, kind: d.kind, range: d.range }));
}
