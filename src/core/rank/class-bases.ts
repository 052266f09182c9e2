// The base classes of a class (or the interfaces an interface extends), through the index alone: the names
// its header lists (`class A(Base, Mixin):`, `class A extends B<T> implements C`), each resolved as the
// declaring file binds it: a class or interface of that file, or its import followed through re-exports. An
// instance of a subclass carries what the bases' constructors set and the members they declare.
import { localBinding } from '../cursor/imported-names';
import { heritageNames, TYPE_KINDS } from '../index/class-heritage';
import { linesBetween } from '../index/text-lines';
import type { SymbolLocation } from '../index/view';
import type { Definition } from '../types';
import { CursorScope } from './cursor-scope';
import type { SignalContext } from './evidence';
import { resolveExport } from './resolve-export';

/**
 * The declarations of the base classes of `type`, declared in `path`. In the current file the header is read
 * from the request's buffer and the names through its import bindings; elsewhere from the indexed text.
 */
export function baseClassesOf(context: SignalContext, path: string, type: Definition): SymbolLocation[] {
  const { start, end } = type.signatureRange;
  const header = headerText(context, path, start.line, end.line);
  if (header === undefined) return [];
  return heritageNames(header, type.name).flatMap(name => classesNamed(context, path, name));
}

function headerText(context: SignalContext, path: string, from: number, to: number): string | undefined {
  if (path === context.cursor.file) return context.cursor.lines.slice(from, to + 1).join('\n');
  const text = context.index.text(path);
  return text === undefined ? undefined : linesBetween(text, from, to);
}

/** The classes or interfaces `name` means in `path`: its own top-level one of that name, else what its import of `name` resolves to. */
function classesNamed(context: SignalContext, path: string, name: string): SymbolLocation[] {
  const isClass = (location: SymbolLocation) => TYPE_KINDS.has(location.definition.kind);
  const maxDepth = context.weights.limits.maxReexportDepth;
  const features = (p: string) => context.workspace.features(p);
  if (path === context.cursor.file) {
    const binding = CursorScope.of(context).bindings.get(name);
    return binding?.resolvedPath ? resolveExport(context.index, features, binding.resolvedPath, binding.importedName, maxDepth).filter(isClass) : [];
  }
  const own = features(path)?.byName.get(name)?.filter(d => TYPE_KINDS.has(d.kind) && d.container === undefined) ?? [];
  if (own.length > 0) return own.map(definition => ({ path, definition }));
  const file = context.index.file(path);
  if (!file) return [];
  const found: SymbolLocation[] = [];
  file.imports.forEach((record, i) => {
    const target = file.resolvedImports[i];
    if (!target || record.reexport) return;
    for (const imported of record.names) {
      if (imported.name !== '*' && localBinding(file.language, record, imported) === name) found.push(...resolveExport(context.index, features, target, imported.name, maxDepth).filter(isClass));
    }
  });
  return found;
}
