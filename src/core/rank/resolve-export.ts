import { localBinding } from '../cursor/imported-names';
import type { IndexView, SymbolLocation } from '../index/view';
import type { FileFeatures } from './file-features';

/**
 * Where `name`, as exported by the module at `modulePath`, is declared: in the module itself, or at the end
 * of a chain of re-exports (`export * from`, `export { a as b } from`, Python's `from .x import a` in an
 * `__init__.py`). Empty for `*` and `default` (no single declaration to name) and for what leaves the
 * workspace. Cycles and chains longer than `maxDepth` stop the search.
 */
export function resolveExport(index: IndexView, features: (path: string) => FileFeatures | undefined, modulePath: string, name: string, maxDepth: number): SymbolLocation[] {
  if (name === '*' || name === 'default') return [];
  const found: SymbolLocation[] = [];
  const visited = new Set<string>();
  const visit = (path: string, exported: string, depth: number): void => {
    const key = `${path}\0${exported}`;
    if (depth > maxDepth || visited.has(key)) return;
    visited.add(key);
    const file = index.file(path);
    const declared = features(path);
    if (!file || !declared) return;
    const own = declared.byName.get(exported)?.filter(d => !d.container);
    if (own && own.length > 0) {
      for (const definition of own) found.push({ path, definition });
      return;
    }
    file.imports.forEach((record, i) => {
      const target = file.resolvedImports[i];
      if (!target) return;
      for (const imported of record.names) {
        // `export * from` forwards every name; otherwise the import must bind exactly this name here.
        if (imported.name === '*' && !imported.alias && record.reexport) visit(target, exported, depth + 1);
        else if (localBinding(file.language, record, imported) === exported && imported.name !== '*') visit(target, imported.name, depth + 1);
      }
    });
  };
  visit(modulePath, name, 0);
  return found;
}
