import { rangeContains } from '../../cursor/scopes';
import { localBinding } from '../../cursor/imported-names';
import type { IndexView } from '../../index/view';
import { CursorScope } from '../cursor-scope';
import type { Evidence, Signal } from '../evidence';
import { resolveExport } from '../resolve-export';

/**
 * The import graph around the current file: what it imports (and the declarations it imports by name,
 * found through re-export chains, above the rest of those files), what those files import, and who
 * imports it. Fan-out and fan-in share their weight, so a hub file does not flood the candidates.
 */
export const importsSignal: Signal = {
  name: 'imports',
  collect(context) {
    const { index, cursor, weights, isCandidate, workspace } = context;
    const w = weights.imports;
    const evidence: Evidence[] = [];
    const direct: string[] = [];
    cursor.imports.forEach((record, i) => {
      const target = cursor.resolvedImports[i];
      if (!target || target === cursor.file) return;
      if (!direct.includes(target)) direct.push(target);
      for (const imported of record.names) {
        const local = localBinding(cursor.language, record, imported) ?? imported.name;
        for (const location of resolveExport(index, path => workspace.features(path), target, imported.name, weights.limits.maxReexportDepth)) {
          if (!isCandidate(location.path)) continue;
          const via = location.path === target ? '' : ` (re-exported by \`${target}\`)`;
          evidence.push({ path: location.path, score: w.importedDeclaration, reason: `defines \`${location.definition.name}\`, imported by this file as \`${local}\`${via}`, definition: location.definition });
        }
      }
      // The cursor inside this import statement (`from m import (a, |`): what else m offers is what comes next.
      if (!rangeContains(record.range, cursor.position)) return;
      const listed = new Set(record.names.map(imported => imported.name));
      const offered = offeredNames(index, target).filter(name => !listed.has(name));
      const score = w.importedDeclaration / Math.sqrt(Math.max(1, offered.length / w.offeredNamesAtFullWeight));
      for (const name of offered) {
        for (const location of resolveExport(index, path => workspace.features(path), target, name, weights.limits.maxReexportDepth)) {
          if (isCandidate(location.path)) evidence.push({ path: location.path, score, reason: `defines \`${name}\`, which \`${record.source}\` offers to the import being written`, definition: location.definition });
        }
      }
    });
    // A Python submodule imported by name (`from pkg import mod`) is imported as directly as `import pkg.mod`,
    // though the statement resolves to the package's __init__: the bindings say which file it names.
    // The bindings the other signals read (CursorScope), built once per request.
    for (const binding of CursorScope.of(context).bindings.values()) {
      if (binding.importedName === '*' && binding.resolvedPath && binding.resolvedPath !== cursor.file && !direct.includes(binding.resolvedPath)) direct.push(binding.resolvedPath);
    }
    for (const path of direct) {
      const features = workspace.features(path);
      if (!features || !isCandidate(path)) continue;
      const factor = features.onlyReexports ? w.barrelFactor : 1;
      evidence.push({ path, score: w.direct * factor, reason: 'imported by this file' });
    }
    const seen = new Set([cursor.file, ...direct]);
    for (const via of direct) {
      const next = index.symbols.importsOf(via).filter(path => !seen.has(path) && isCandidate(path));
      for (const path of next) {
        evidence.push({ path, score: w.transitive / Math.sqrt(next.length), reason: `imported by \`${via}\`, which this file imports` });
      }
    }
    const importers = index.symbols.importersOf(cursor.file).filter(isCandidate);
    for (const path of importers) {
      evidence.push({ path, score: w.importer / Math.sqrt(importers.length), reason: 'imports this file' });
    }
    return evidence;
  },
};

/** The names a module offers to an import: its exported declarations and, re-exported, the names its own imports bind. */
function offeredNames(index: IndexView, path: string): string[] {
  const file = index.file(path);
  if (!file) return [];
  const names = new Set(file.definitions.filter(d => d.exported && !d.container).map(d => d.name));
  for (const record of file.imports) {
    // A Python module's imports are importable from it (a package's __init__ re-exports so); elsewhere only re-exports are.
    if (!record.reexport && file.language !== 'python') continue;
    for (const imported of record.names) {
      const local = imported.name === '*' ? undefined : localBinding(file.language, record, imported);
      if (local !== undefined) names.add(local);
    }
  }
  return [...names];
}
