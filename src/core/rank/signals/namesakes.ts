import { declarationAtCursor } from '../../cursor';
import type { SymbolLocation } from '../../index/view';
import { CursorScope, isMember } from '../cursor-scope';
import type { Evidence, Signal, SignalContext } from '../evidence';

/** Declarations that can forward to a namesake: a function or method that wraps it, a constant or field that re-exports it. */
const FORWARDING_KINDS: ReadonlySet<string> = new Set(['function', 'method', 'variable', 'property']);

/**
 * What the declaration being written mirrors: the same-named export of a module this file imports as a
 * namespace. A public module that re-exports its internal one (fp-ts's `export const map: {…} = O.map`),
 * a wrapper whose body calls `impl.name(…)`, a method `get` that delegates to `store.get`, Python's
 * `name = m.name`: the enclosing declaration's name is known before the line that names the module is
 * typed, and that line most likely uses the namesake. Shared by the namesakes when several namespaces
 * export the name, so that a common name (`map`) in many modules is one guess, not many.
 */
export const namesakesSignal: Signal = {
  name: 'namesakes',
  collect(context) {
    const declaration = declarationAtCursor(context.cursor);
    if (!declaration || !FORWARDING_KINDS.has(declaration.kind)) return [];
    const scope = CursorScope.of(context);
    const found: { readonly namespace: string; readonly location: SymbolLocation }[] = [];
    for (const [namespace, binding] of scope.bindings) {
      if (binding.importedName !== '*') continue;
      for (const location of scope.resolveImported(binding, declaration.name)) {
        if (location.path !== context.cursor.file && context.isCandidate(location.path)) found.push({ namespace, location });
      }
    }
    const w = context.weights.namesakes;
    const score = w.sameName / Math.sqrt(found.length);
    const evidence = found.map(({ namespace, location }): Evidence => ({
      path: location.path,
      score,
      reason: `defines \`${namespace}.${declaration.name}\`, the namesake of the enclosing \`${declaration.name}\``,
      definition: location.definition,
    }));
    if (declaration.kind === 'method' && found.length === 0) evidence.push(...methodNamesakes(context, declaration.name));
    return evidence;
  },
};

/** A plain name: a computed one (`[Hash.symbol]`) is the protocol every class implements, not a namesake. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A method whose class the file does not say: an override, an adapter or a dispatcher that forwards to an
 * object of another class (`return self._handler(request).validate(request)`), found by name only,
 * discounted like any guess by name and shared by all the methods of that name: one guess, not one each.
 */
function methodNamesakes(context: SignalContext, name: string): Evidence[] {
  if (!IDENTIFIER.test(name)) return [];
  const methods = context.index.symbols.definitionsOf(name).filter(l => isMember(l) && l.path !== context.cursor.file && context.isCandidate(l.path));
  const score = context.weights.namesakes.methodByName * context.workspace.specificity(name) / methods.length;
  return methods.map(({ path, definition }) => ({ path, score, reason: `defines the method \`${name}\`, a namesake of the enclosing method`, definition }));
}
