import type { IndexedFile } from '../types';
import type { SymbolLocation, SymbolTable } from './view';

/** What one file put into the tables, kept so that replacing or removing it touches only its own entries. */
interface FileContribution {
  readonly definedNames: readonly string[];
  readonly referencedNames: readonly string[];
  /** Resolved workspace imports, in import order, without duplicates. */
  readonly imports: readonly string[];
}

/**
 * The workspace-wide tables (definitions by name, imports and importers, reference counts), updated one
 * file at a time in O(that file's size). Answers are ordered by path, then by position within a file, so
 * they never depend on indexing order. Sorted views are built on first use after a change, which keeps a
 * bulk load linear however many files define the same name.
 *
 * Import edges are answered between files present in the table: an edge to a file not (yet, or no longer)
 * set is kept, and shows again when that file is set.
 */
export class WorkspaceSymbolTable implements SymbolTable {
  private readonly contributions = new Map<string, FileContribution>();
  /** name -> path -> that file's definitions of the name, in file order. */
  private readonly definitions = new Map<string, Map<string, SymbolLocation[]>>();
  private readonly sortedDefinitions = new Map<string, readonly SymbolLocation[]>();
  private readonly importers = new Map<string, Set<string>>();
  private readonly sortedImporters = new Map<string, readonly string[]>();
  private readonly referencingFiles = new Map<string, number>();

  /** Adds or replaces one file's contribution (its definitions, its resolved imports, its references' names). */
  setFile(file: IndexedFile): void {
    this.removeFile(file.path);
    const byName = new Map<string, SymbolLocation[]>();
    const ordered = [...file.definitions].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const definition of ordered) {
      const list = byName.get(definition.name);
      const location: SymbolLocation = { path: file.path, definition };
      if (list) list.push(location);
      else byName.set(definition.name, [location]);
    }
    for (const [name, locations] of byName) {
      let perFile = this.definitions.get(name);
      if (!perFile) this.definitions.set(name, (perFile = new Map()));
      perFile.set(file.path, locations);
      this.sortedDefinitions.delete(name);
    }
    const referencedNames = [...new Set(file.references.map(r => r.name))];
    for (const name of referencedNames) this.referencingFiles.set(name, (this.referencingFiles.get(name) ?? 0) + 1);
    const imports = [...new Set(file.resolvedImports.filter((p): p is string => p !== undefined))];
    for (const target of imports) {
      let set = this.importers.get(target);
      if (!set) this.importers.set(target, (set = new Set()));
      set.add(file.path);
      this.sortedImporters.delete(target);
    }
    this.contributions.set(file.path, { definedNames: [...byName.keys()], referencedNames, imports });
  }

  removeFile(path: string): void {
    const old = this.contributions.get(path);
    if (!old) return;
    this.contributions.delete(path);
    for (const name of old.definedNames) {
      const perFile = this.definitions.get(name)!;
      perFile.delete(path);
      if (perFile.size === 0) this.definitions.delete(name);
      this.sortedDefinitions.delete(name);
    }
    for (const name of old.referencedNames) {
      const count = this.referencingFiles.get(name)! - 1;
      if (count === 0) this.referencingFiles.delete(name);
      else this.referencingFiles.set(name, count);
    }
    for (const target of old.imports) {
      const set = this.importers.get(target)!;
      set.delete(path);
      if (set.size === 0) this.importers.delete(target);
      this.sortedImporters.delete(target);
    }
  }

  definitionsOf(name: string): readonly SymbolLocation[] {
    let sorted = this.sortedDefinitions.get(name);
    if (!sorted) {
      const perFile = this.definitions.get(name);
      if (!perFile) return [];
      sorted = [...perFile.keys()].sort(comparePaths).flatMap(path => perFile.get(path)!);
      this.sortedDefinitions.set(name, sorted);
    }
    return sorted;
  }

  importsOf(path: string): readonly string[] {
    return (this.contributions.get(path)?.imports ?? []).filter(target => this.contributions.has(target));
  }

  importersOf(path: string): readonly string[] {
    if (!this.contributions.has(path)) return [];
    let sorted = this.sortedImporters.get(path);
    if (!sorted) {
      sorted = [...(this.importers.get(path) ?? [])].sort(comparePaths);
      this.sortedImporters.set(path, sorted);
    }
    return sorted;
  }

  referencingFileCount(name: string): number {
    return this.referencingFiles.get(name) ?? 0;
  }
}

/** Code-unit order, not locale order: the same on every machine. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
