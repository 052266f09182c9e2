import { localBinding } from '../../cursor/imported-names';
import type { Evidence, Signal } from '../evidence';
import { importBindings } from '../import-bindings';
import { resolveExport } from '../resolve-export';

/**
 * The import graph around the current file: what it imports (and the declarations it imports by name,
 * found through re-export chains, above the rest of those files), what those files import, and who
 * imports it. Fan-out and fan-in share their weight, so a hub file does not flood the candidates.
 */
export const importsSignal: Signal = {
  name: 'imports',
  collect({ index, cursor, weights, isCandidate, workspace }) {
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
    });
    // A Python submodule imported by name (`from pkg import mod`) is imported as directly as `import pkg.mod`,
    // though the statement resolves to the package's __init__: the bindings say which file it names.
    for (const binding of importBindings(cursor, index).values()) {
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
