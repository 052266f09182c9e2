import type { ScopeInfo } from '../../types';
import { heritageNames } from '../../index/class-heritage';
import { CursorScope, SELF_RECEIVERS } from '../cursor-scope';
import { describeDistance } from '../distance';
import type { Evidence, Signal, SignalContext } from '../evidence';

const CLASS_LIKE: ReadonlySet<string> = new Set(['class', 'interface']);

/**
 * The types the code at the cursor works with, although the line being written may not name them yet:
 * the base classes and interfaces of the enclosing class (what `this.` reaches), and the declared or
 * constructed types of the variables and fields used nearby (what `x.` reaches). Their declarations
 * carry the members a completion is likely to call.
 */
export const typesInScopeSignal: Signal = {
  name: 'types',
  collect(context) {
    const evidence: Evidence[] = [];
    const scope = CursorScope.of(context);
    const w = context.weights.types;
    const push = (typeName: string, weight: number, reason: string): void => {
      const { locations, certainty } = scope.typeLocations(typeName);
      for (const { path, definition } of locations) {
        if (context.isCandidate(path) && weight * certainty > 0) evidence.push({ path, score: weight * certainty, reason, definition });
      }
    };
    for (const enclosing of context.cursor.enclosingScopes) {
      if (!CLASS_LIKE.has(enclosing.kind)) continue;
      for (const base of heritageOf(context, enclosing)) push(base, w.heritage, `defines \`${base}\`, which the enclosing \`${enclosing.name}\` extends`);
    }
    const seen = new Set<string>();
    for (const identifier of context.cursor.identifiers) {
      const variable = identifier.kind !== 'member' ? identifier.name : identifier.receiver && SELF_RECEIVERS.has(identifier.receiver) ? identifier.name : undefined;
      if (variable === undefined || seen.has(variable) || scope.bindings.has(variable)) continue;
      seen.add(variable);
      const type = scope.typeOf(variable);
      if (type === undefined || type === variable) continue;
      const decay = 1 / (1 + identifier.distance / context.weights.definitions.distanceHalfLifeLines);
      push(type, w.variableType * decay, `defines \`${type}\`, the type of \`${variable}\` used ${describeDistance(identifier)}`);
    }
    return evidence;
  },
};

/** Type names in the enclosing class's header after its name: `extends A<B> implements C`, Python's `(Base, Mixin)`. */
function heritageOf({ cursor }: SignalContext, enclosing: ScopeInfo): string[] {
  const definition = cursor.localDefinitions.find(d => d.name === enclosing.name && d.range.start.line === enclosing.range.start.line);
  if (!definition) return [];
  const { start, end } = definition.signatureRange;
  return heritageNames(cursor.lines.slice(start.line, end.line + 1).join('\n'), enclosing.name);
}
