import { rangeContains } from '../../cursor/scopes';
import type { CursorFact, CursorFactKind } from '../../facts';
import type { Definition } from '../../types';
import type { Evidence, Signal } from '../evidence';
import type { RankWeights } from '../weights';

/**
 * What the language server knows at the cursor (facts/, gathered by the engine before ranking): the
 * declarations of the identifiers used there, the types of the bindings, and the declarations of the
 * types the hole expects. A server resolves what tree-sitter can only guess by name, so each fact is
 * evidence for the one declaration it points at, with the fact's own reason.
 */
export const factsSignal: Signal = {
  name: 'facts',
  collect(context) {
    const evidence: Evidence[] = [];
    for (const fact of context.facts?.facts ?? []) {
      const path = fact.location.path;
      const score = factScore(fact, context.weights.facts);
      if (!fact.location.inWorkspace || !context.isCandidate(path) || !(score > 0)) continue;
      const definition = declarationOf(context.workspace.features(path)?.byName.get(fact.name) ?? [], fact);
      evidence.push({ path, score, reason: fact.reason, ...(definition ? { definition } : {}) });
    }
    return evidence;
  },
};

function factScore(fact: CursorFact, w: RankWeights['facts']): number {
  const byKind: Record<CursorFactKind, number> = { 'expected-type': w.expectedType, 'binding-type': w.bindingType, 'type-definition': w.typeDefinition, definition: w.definition };
  return byKind[fact.kind] * w.depthFactor ** fact.depth;
}

/** The index's declaration of the fact's name around the position the server gave (files may have several of one name). */
function declarationOf(named: readonly Definition[], fact: CursorFact): Definition | undefined {
  const at = fact.location.range.start;
  return named.find(d => rangeContains(d.range, at)) ?? nearestByLine(named, at.line);
}

/** The index and the server may disagree on where a declaration starts (decorators, comments): the closest one. */
function nearestByLine(named: readonly Definition[], line: number): Definition | undefined {
  let best: Definition | undefined;
  for (const d of named) if (!best || Math.abs(d.range.start.line - line) < Math.abs(best.range.start.line - line)) best = d;
  return best;
}
