import { receiverBefore, typedMember } from '../../cursor';
import { localBinding } from '../../cursor/imported-names';
import type { SymbolLocation } from '../../index/view';
import type { IndexedFile } from '../../types';
import { CursorScope } from '../cursor-scope';
import type { Evidence, Signal, SignalContext } from '../evidence';
import { memberLikelihood, MemberUses } from '../member-uses';
import { resolveExport } from '../resolve-export';


/**
 * The member being typed on a namespace import: at `util.|` the next token is one of that module's exports,
 * but no use names which, and the module's outline rarely fits a small budget. Its exports become
 * candidates, shown as signatures, sharing one use's worth of evidence by how likely each is: how many
 * workspace files reference the name (the symbol table's count) and how often this file already writes
 * `ns.name`. Reads the import bindings and the indexed module only, never the workspace.
 */
export const namespaceHoleSignal: Signal = {
  name: 'namespace-hole',
  collect(context) {
    const prefix = context.cursor.linePrefix;
    const typed = typedMember(prefix);
    const receiver = receiverBefore(prefix, prefix.length - typed.length);
    if (receiver === undefined) return [];
    const binding = CursorScope.of(context).bindings.get(receiver);
    const module = binding?.importedName === '*' && binding.resolvedPath !== undefined ? context.index.file(binding.resolvedPath) : undefined;
    if (!module || !context.isCandidate(module.path)) return [];
    const own = module.definitions.filter(d => d.exported && d.container === undefined && d.name.startsWith(typed)).map(definition => ({ path: module.path, definition }));
    const exports = [...own, ...reexported(context, module, typed)].filter(({ path }) => context.isCandidate(path));
    if (exports.length === 0) return [];
    const w = context.weights.namespaceHole;
    const usedHere = MemberUses.of(context).counts(receiver);
    const likelihood = exports.map(({ definition: d }) => memberLikelihood(context, d.name, usedHere.get(d.name) ?? 0, w.perUseInFile));
    const total = likelihood.reduce((sum, x) => sum + x, 0);
    return exports.map(({ path, definition }, i): Evidence => ({
      path,
      score: w.total * likelihood[i]! / total,
      reason: `exports \`${definition.name}\`, completes \`${receiver}.\` at the cursor`,
      definition,
      headerOnly: true,
    }));
  },
};

/** A Python package's own module: what its imports bind is its API (`from .value import create`). */
const PACKAGE_INIT = /(?:^|\/)__init__\.pyi?$/;

/**
 * The declarations a module forwards by name: `export { a } from './x'`, and every name a Python package's
 * `__init__` imports, which `pkg.a` reaches as well as the package's own declarations. Resolved through
 * re-export chains to where they are declared. None when the module also forwards everything of another
 * (`export * from`, `from .x import *`): what that brings is not listed, and the few names listed would take
 * its whole share (a barrel's `export { toZod } from` beside its fifteen `export *`).
 */
function reexported(context: SignalContext, module: IndexedFile, typed: string): SymbolLocation[] {
  const forwardsImports = module.language === 'python' && PACKAGE_INIT.test(module.path);
  const forwards = (record: IndexedFile['imports'][number]) => record.reexport || forwardsImports;
  if (module.imports.some(record => forwards(record) && record.names.some(imported => imported.name === '*' && imported.alias === undefined))) return [];
  const names = new Set<string>();
  module.imports.forEach((record, i) => {
    if (!module.resolvedImports[i] || !forwards(record)) return;
    for (const imported of record.names) {
      const name = localBinding(module.language, record, imported);
      if (imported.name !== '*' && name !== undefined && name.startsWith(typed) && !module.definitions.some(d => d.name === name && d.container === undefined)) names.add(name);
    }
  });
  const features = (path: string) => context.workspace.features(path);
  return [...names].flatMap(name => resolveExport(context.index, features, module.path, name, context.weights.limits.maxReexportDepth).filter(l => l.path !== module.path));
}
