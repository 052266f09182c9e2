// The exports a namespace import reaches (`import * as util`, Python's `from pkg import module`), each with how
// likely `util.name` names it: for the namespace-hole signal at `util.|` and the nearby-namespaces signal on a
// line not yet begun. Read from the import bindings and the indexed module only, never the workspace.
import { localBinding } from '../cursor/imported-names';
import type { SymbolLocation } from '../index/view';
import type { IndexedFile } from '../types';
import { CursorScope } from './cursor-scope';
import type { Evidence, SignalContext } from './evidence';
import { memberLikelihood, MemberUses } from './member-uses';
import { resolveExport } from './resolve-export';

/** An export a namespace reaches, with its share of the namespace's evidence relative to the others'. */
export interface NamespaceExport extends SymbolLocation {
  readonly likelihood: number;
}

/**
 * The exports of the module `receiver` is a namespace import of, whose names start with `typed`, in candidate
 * files: the module's own and those it forwards by name. Each is as likely as the workspace files referencing
 * its name (the symbol table's count) say, and weights.namespaceHole.perUseInFile more shares per `receiver.name`
 * this file writes.
 * None when `receiver` is no namespace import of an indexed candidate module.
 */
export function namespaceExports(context: SignalContext, receiver: string, typed: string): NamespaceExport[] {
  const binding = CursorScope.of(context).bindings.get(receiver);
  const module = binding?.importedName === '*' && binding.resolvedPath !== undefined ? context.index.file(binding.resolvedPath) : undefined;
  if (!module || !context.isCandidate(module.path)) return [];
  const own = module.definitions.filter(d => d.exported && d.container === undefined && d.name.startsWith(typed)).map(definition => ({ path: module.path, definition }));
  const exports = [...own, ...reexported(context, module, typed)].filter(({ path }) => context.isCandidate(path));
  const usedHere = MemberUses.of(context).counts(receiver);
  const perUse = context.weights.namespaceHole.perUseInFile;
  return exports.map(location => ({ ...location, likelihood: memberLikelihood(context, location.definition.name, usedHere.get(location.definition.name) ?? 0, perUse) }));
}

/** `weight` shared by the exports by their likelihood, each shown by its signature. */
export function shareByLikelihood(exports: readonly NamespaceExport[], weight: number, reason: (name: string) => string): Evidence[] {
  const total = exports.reduce((sum, e) => sum + e.likelihood, 0);
  return exports.map(({ path, definition, likelihood }): Evidence => ({
    path,
    score: (weight * likelihood) / total,
    reason: reason(definition.name),
    definition,
    headerOnly: true,
  }));
}

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
