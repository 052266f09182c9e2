import type { Definition, IndexedFile } from '../types';

export interface SymbolLocation {
  readonly path: string;
  readonly definition: Definition;
}

/** The workspace-wide tables derived from every file's symbols, kept current on each file update. */
export interface SymbolTable {
  /** Every definition with this name across the workspace. */
  definitionsOf(name: string): readonly SymbolLocation[];
  /** Workspace files that `path` imports (resolved), in import order, without duplicates. */
  importsOf(path: string): readonly string[];
  /** Workspace files that import `path`. */
  importersOf(path: string): readonly string[];
  /** How many distinct files reference `name` (a centrality signal). */
  referencingFileCount(name: string): number;
}

/**
 * The read-only face of the index that later stages (cursor, rank, pack) use. Everything here answers
 * from memory: nothing on this interface touches the disk or scans the workspace.
 */
export interface IndexView {
  readonly root: string;
  /**
   * Grows whenever a file's entry changes (added, re-indexed, removed, imports re-resolved): a cache derived
   * from the whole index compares it instead of walking every file.
   */
  readonly generation: number;
  /**
   * The paths whose entries changed after `generation`, in order (a path may repeat), so a derived
   * structure updates only those files; undefined when that is no longer known (a full build since, or
   * too many changes): rebuild from `files()`.
   */
  changesSince(generation: number): readonly string[] | undefined;
  file(path: string): IndexedFile | undefined;
  files(): Iterable<IndexedFile>;
  readonly symbols: SymbolTable;
  /** The text the file was indexed from (an unsaved editor buffer wins over the disk), or undefined. */
  text(path: string): string | undefined;
  /**
   * The same text if it is in memory now, but a miss loads nothing: for scans over every file (the warm-up's),
   * whose misses say nothing about what a request will read. Through `text`, each would queue a read from
   * disk that runs beside the next requests and evicts a text one of them uses.
   */
  textInMemory(path: string): string | undefined;
}

/** The view with these texts in place of those it holds or lacks (texts loaded for one request, not kept by the index). */
export function withTexts(view: IndexView, texts: ReadonlyMap<string, string>): IndexView {
  if (texts.size === 0) return view;
  return {
    root: view.root,
    get generation() {
      return view.generation;
    },
    changesSince: generation => view.changesSince(generation),
    file: path => view.file(path),
    files: () => view.files(),
    symbols: view.symbols,
    text: path => texts.get(path) ?? view.text(path),
    textInMemory: path => texts.get(path) ?? view.textInMemory(path),
  };
}
