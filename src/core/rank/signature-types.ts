import { comparePositions, rangeContains } from '../cursor/scopes';
import { partitionPoint } from '../partition-point';
import type { Definition, Reference } from '../types';

const CALLABLE_KINDS: ReadonlySet<Definition['kind']> = new Set(['function', 'method']);

/**
 * The type names written in the signatures of a file's functions and methods, each with the callables
 * whose signature names it: `fetchJson(url: string, init: RequestOptions): Promise<JsonResponse>` is listed
 * under `RequestOptions` and `JsonResponse`. Derived once per index entry (file-features.ts), so finding
 * the functions that produce or consume a type never reads the workspace's texts on the request path.
 */
export function signatureTypes(declarations: readonly Definition[], references: readonly Reference[]): ReadonlyMap<string, readonly Definition[]> {
  const callables = declarations.filter(d => CALLABLE_KINDS.has(d.kind)).sort((a, b) => comparePositions(a.signatureRange.start, b.signatureRange.start));
  const byType = new Map<string, Definition[]>();
  if (callables.length === 0) return byType;
  for (const reference of references) {
    if (reference.kind !== 'type') continue;
    const callable = lastStartingBefore(callables, reference);
    if (!callable || !rangeContains(callable.signatureRange, reference.range.start) || callable.name === reference.name) continue;
    const list = byType.get(reference.name);
    if (!list) byType.set(reference.name, [callable]);
    else if (!list.includes(callable)) list.push(callable);
  }
  return byType;
}

/** The callable whose signature starts last at or before the reference (the list is sorted by that start). */
function lastStartingBefore(callables: readonly Definition[], reference: Reference): Definition | undefined {
  const after = partitionPoint(0, callables.length, i => comparePositions(callables[i].signatureRange.start, reference.range.start) <= 0);
  return callables[after - 1];
}
