// Re-implements Continue's import-definitions context (continuedev/continue, core/autocomplete:
// `ImportDefinitionsService` and the import snippets of `getAllSnippets`): for each name the current file
// imports, the definition the language server's go-to-definition reaches (through re-exports) is put
// into the prompt as a full snippet. Continue takes the imported names that occur in the 5 lines above
// and 3 lines below the cursor; we take those first, then the file's other imported names in import order,
// then breadth first the names those definitions' files import, so the baseline can fill larger budgets.
// Taken from Continue: full definition snippets, the 5/3-line window, following re-exports to the
// declaration. Ours: the index's resolved imports and tree-sitter definitions stand in for the language
// server, and the breadth-first closure (bounded by `maxDepth`).
import type { IndexView } from '../../index/view';
import type { Definition, ImportRecord } from '../../types';
import type { RankInput, Strategy } from '../strategy';
import { inOrderRanking, rankScore, type PlacedSpan } from './ranking';

export interface ImportsBaselineOptions {
  readonly linesAbove: number;
  readonly linesBelow: number;
  /** 1 = the current file's imports only; 2 adds their files' imports; and so on. */
  readonly maxDepth: number;
  readonly maxDefinitions: number;
  /** Re-export hops followed from an import to its declaration (barrel files). */
  readonly maxReexportHops: number;
}

export const DEFAULT_IMPORTS_BASELINE: ImportsBaselineOptions = { linesAbove: 5, linesBelow: 3, maxDepth: 3, maxDefinitions: 600, maxReexportHops: 6 };

/** One imported name: `name` as the module exports it, `local` as the importing file calls it. */
interface ImportedBinding {
  readonly name: string;
  readonly local: string;
  readonly module: string;
}

export function importsStrategy(options: ImportsBaselineOptions = DEFAULT_IMPORTS_BASELINE): Strategy {
  return {
    name: 'imports',
    rank({ index, cursor }: RankInput) {
      const nearCursor = new Set(
        cursor.identifiers.filter(i => (i.side === 'prefix' ? i.distance <= options.linesAbove : i.distance <= options.linesBelow)).map(i => i.name),
      );
      const first = bindings(cursor.imports, cursor.resolvedImports);
      const level0 = [...first.filter(b => nearCursor.has(b.local)), ...first.filter(b => !nearCursor.has(b.local))];

      const spans: PlacedSpan[] = [];
      const shown = new Set<string>();
      const visitedFiles = new Set<string>([cursor.file]);
      let frontier: ImportedBinding[] = level0;
      for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth++) {
        const nextFiles: string[] = [];
        for (const binding of frontier) {
          for (const { path, definition } of declarationsOf(index, binding.module, binding.name, options.maxReexportHops)) {
            const key = `${path}:${definition.range.start.line}`;
            if (path === cursor.file || shown.has(key) || spans.length >= options.maxDefinitions) continue;
            shown.add(key);
            spans.push({
              path,
              span: { startLine: definition.range.start.line, endLine: definition.range.end.line, score: rankScore(spans.length), reasons: [`imported \`${binding.local}\` (depth ${depth})`], definition },
            });
            if (!visitedFiles.has(path)) {
              visitedFiles.add(path);
              nextFiles.push(path);
            }
          }
        }
        frontier = nextFiles.flatMap(path => {
          const file = index.file(path);
          return file ? bindings(file.imports, file.resolvedImports) : [];
        });
      }
      return inOrderRanking(spans, 'imports');
    },
  };
}

/** The named imports that resolve inside the workspace, in import order. Namespace imports name a whole module, not a declaration. */
function bindings(imports: readonly ImportRecord[], resolved: readonly (string | undefined)[]): ImportedBinding[] {
  return imports.flatMap((record, i) => {
    const module = resolved[i];
    if (module === undefined) return [];
    // `export default function foo` is usually imported as `foo`: the local name is the best guess of the declared one.
    return record.names.filter(n => n.name !== '*').map(n => ({ name: n.name === 'default' ? (n.alias ?? n.name) : n.name, local: n.alias ?? n.name, module }));
  });
}

/**
 * Where `name` exported by `module` is declared: a top-level definition of that name in the module, or,
 * through `export { x } from` / `export * from`, in the module it re-exports.
 */
function declarationsOf(index: IndexView, module: string, name: string, hopsLeft: number): { path: string; definition: Definition }[] {
  const file = index.file(module);
  if (!file) return [];
  const topLevel = file.definitions.filter(d => d.name === name && d.container === undefined);
  if (topLevel.length > 0) return topLevel.map(definition => ({ path: module, definition }));
  if (hopsLeft === 0) return [];
  for (let i = 0; i < file.imports.length; i++) {
    const record = file.imports[i];
    const target = file.resolvedImports[i];
    if (!record.reexport || target === undefined) continue;
    for (const exported of record.names) {
      if (exported.name === '*' && exported.alias === undefined) {
        const found = declarationsOf(index, target, name, hopsLeft - 1);
        if (found.length > 0) return found;
      } else if ((exported.alias ?? exported.name) === name) {
        return declarationsOf(index, target, exported.name, hopsLeft - 1);
      }
    }
  }
  return [];
}
