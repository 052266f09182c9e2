// Re-implements Continue's import-definitions context (continuedev/continue, core/autocomplete:
// `ImportDefinitionsService` and the import snippets of `getAllSnippets`): for each name the current file
// imports, the definition the language server's go-to-definition reaches (through re-exports) is put
// into the prompt as a full snippet. Continue takes the imported names that occur in the 5 lines above
// and 3 lines below the cursor; we take those first, then the file's other imported names in import order,
// then breadth first the names those definitions' files import, so the baseline can fill larger budgets.
// Namespace imports (`import * as X`) count as the declarations of the members the file uses (`X.foo` -> the
// declaration `foo` of X's module), as go-to-definition on `foo` would give Continue.
// Taken from Continue: full definition snippets, the 5/3-line window, following re-exports to the
// declaration. Ours: the index's resolved imports, the shared re-export resolver (`resolve-export.ts`, the
// one our ranking uses) and tree-sitter definitions stand in for the language server, and the
// breadth-first closure (bounded by `maxDepth`).
import { localBinding } from '../../cursor/imported-names';
import type { IndexView } from '../../index/view';
import type { CursorFacts, ImportRecord, IndexedFile, LanguageId, NearbyIdentifier, Ranking } from '../../types';
import { fileFeatures, type FileFeatures } from '../file-features';
import { resolveExport } from '../resolve-export';
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

/**
 * One imported declaration: `name` as the module exports it, `use` as the importing file writes it
 * (`foo` for a named import, `X.foo` for a member of a namespace import).
 */
interface ImportedBinding {
  readonly name: string;
  readonly use: string;
  readonly module: string;
}

/** A file whose imports the closure follows: its imports, where they resolve, and the text its namespace members are read from. */
interface Importer {
  readonly language: LanguageId;
  readonly imports: readonly ImportRecord[];
  readonly resolvedImports: readonly (string | undefined)[];
  readonly text: string | undefined;
}

export function importsStrategy(options: ImportsBaselineOptions = DEFAULT_IMPORTS_BASELINE): Strategy {
  return {
    name: 'imports',
    rank: ({ index, state, cursor, text }: RankInput) => importedDefinitions(index, path => state.features(path), cursor, text, options),
  };
}

/**
 * The declarations the file itself imports (the baseline's first depth) read from the index alone, each file's
 * declarations taken from its entry: what the engine offers while the ranking state is still being built
 * (seconds on a warm start of a large workspace), where it would otherwise offer the current file only. One
 * depth: the declarations of the files reached are worked out here, not read from the ranking state, and three
 * depths took 45 ms at a test file of zod's, the first time.
 */
export function importedDefinitionsFromIndex(index: IndexView, cursor: CursorFacts, text: string): Ranking {
  const featuresOf = (path: string) => {
    const file = index.file(path);
    if (!file) return undefined;
    let features = FEATURES_OF_ENTRIES.get(file);
    if (!features) FEATURES_OF_ENTRIES.set(file, (features = fileFeatures(file)));
    return features;
  };
  return importedDefinitions(index, featuresOf, cursor, text, { ...DEFAULT_IMPORTS_BASELINE, maxDepth: 1 });
}

/**
 * Each keystroke during the build asks again, and a file's features take milliseconds for a large one (zod's
 * types.ts): kept by entry, which a change of the file replaces, so they are never stale and go with it.
 */
const FEATURES_OF_ENTRIES = new WeakMap<IndexedFile, FileFeatures>();

function importedDefinitions(index: IndexView, featuresOf: (path: string) => FileFeatures | undefined, cursor: CursorFacts, text: string, options: ImportsBaselineOptions): Ranking {
  const nearCursor = usesNear(cursor.identifiers, options);
  const first = bindings({ language: cursor.language, imports: cursor.imports, resolvedImports: cursor.resolvedImports, text });
  const level0 = [...first.filter(b => nearCursor.has(b.use)), ...first.filter(b => !nearCursor.has(b.use))];

  const spans: PlacedSpan[] = [];
  const shown = new Set<string>();
  const visitedFiles = new Set<string>([cursor.file]);
  let frontier: ImportedBinding[] = level0;
  for (let depth = 1; depth <= options.maxDepth && frontier.length > 0; depth++) {
    const nextFiles: string[] = [];
    for (const binding of frontier) {
      for (const { path, definition } of resolveExport(index, featuresOf, binding.module, binding.name, options.maxReexportHops)) {
        const key = `${path}:${definition.range.start.line}`;
        if (path === cursor.file || shown.has(key) || spans.length >= options.maxDefinitions) continue;
        shown.add(key);
        spans.push({
          path,
          span: { startLine: definition.range.start.line, endLine: definition.range.end.line, score: rankScore(spans.length), reasons: [`imported \`${binding.use}\` (depth ${depth})`], definition },
        });
        if (!visitedFiles.has(path)) {
          visitedFiles.add(path);
          nextFiles.push(path);
        }
      }
    }
    frontier = nextFiles.flatMap(path => {
      const file = index.file(path);
      return file ? bindings({ ...file, text: index.text(path) }) : [];
    });
  }
  return inOrderRanking(spans, 'imports');
}

/** What the code around the cursor writes: `foo` for identifiers, `X.foo` for member accesses. */
function usesNear(identifiers: readonly NearbyIdentifier[], options: ImportsBaselineOptions): Set<string> {
  const near = identifiers.filter(i => (i.side === 'prefix' ? i.distance <= options.linesAbove : i.distance <= options.linesBelow));
  return new Set(near.map(i => (i.receiver ? `${i.receiver}.${i.name}` : i.name)));
}

/** The imports that resolve inside the workspace, in import order; a namespace import yields the members the file uses. */
function bindings(file: Importer): ImportedBinding[] {
  return file.imports.flatMap((record, i) => {
    const module = file.resolvedImports[i];
    if (module === undefined) return [];
    return record.names.flatMap(n => {
      if (n.name !== '*') {
        // `export default function foo` is usually imported as `foo`: the local name is the best guess of the declared one.
        const local = n.alias ?? n.name;
        return [{ name: n.name === 'default' ? local : n.name, use: local, module }];
      }
      // `export * from` binds nothing here: the names it forwards are the re-export resolver's business.
      const namespace = record.reexport ? undefined : localBinding(file.language, record, n);
      return namespace === undefined || file.text === undefined ? [] : membersUsed(file.text, namespace).map(member => ({ name: member, use: `${namespace}.${member}`, module }));
    });
  });
}

/** The members accessed on `namespace` in `text` (`X.foo`, `X?.foo`), in order of first use. */
function membersUsed(text: string, namespace: string): string[] {
  const escaped = namespace.replace(/[$]/g, '\\$');
  const access = new RegExp(`(?<![\\w$.])${escaped}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)`, 'g');
  return [...new Set([...text.matchAll(access)].map(m => m[1]))];
}
