import type { Definition, IndexedFile } from '../types';
import { partitionPoint } from '../partition-point';
import { referencedNamesOf } from './indexed-entry';
import type { SymbolLocation, SymbolTable } from './view';

/** What one file put into the tables, kept so that replacing or removing it touches only its own entries. */
interface FileContribution {
  readonly definedNames: readonly string[];
  readonly referencedNames: readonly string[];
  /** Resolved workspace imports, in import order, without duplicates. */
  readonly imports: readonly string[];
}

/**
 * Everything defined under one name: which files, in path order, and each file's definitions at the same
 * index, and a flat answer (with locations) built on demand. Most names of a large workspace are defined
 * once in one file, so the shapes are the small ones: two parallel arrays rather than a Map per name, and a
 * file's single definition held as itself rather than in an array.
 */
interface NameEntry {
  paths: string[];
  definitions: (Definition | readonly Definition[])[];
  answer?: readonly SymbolLocation[];
}

/** The files importing one file, in path order, and a snapshot handed out until the next change. */
interface ImporterEntry {
  paths: string[];
  answer?: readonly string[];
}

/**
 * The workspace-wide tables (definitions by name, imports and importers, reference counts), updated one
 * file at a time in O(that file's size): per-name and per-target path lists stay sorted by binary
 * insertion, and answers are snapshots rebuilt on first use after a change. Answers are ordered by path,
 * then by position within a file, so they never depend on indexing order.
 *
 * Import edges are answered between files present in the table: an edge to a file not (yet, or no longer)
 * set is kept, and shows again when that file is set.
 */
export class WorkspaceSymbolTable implements SymbolTable {
  private readonly contributions = new Map<string, FileContribution>();
  private readonly definitions = new Map<string, NameEntry>();
  private readonly importers = new Map<string, ImporterEntry>();
  private readonly referencingFiles = new Map<string, number>();

  /**
   * Adds or replaces one file's contribution (its definitions, its resolved imports, its references' names).
   * A replaced file's entries are updated where they stand: a keystroke in a large file leaves most of its
   * names defined, referenced and imported as before, and taking each out and putting it back costs a search
   * and a copy of its list per name.
   */
  setFile(file: IndexedFile): void {
    const old = this.contributions.get(file.path);
    const byName = new Map<string, Definition[]>();
    const ordered = [...file.definitions].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const definition of ordered) {
      const list = byName.get(definition.name);
      if (list) list.push(definition);
      else byName.set(definition.name, [definition]);
    }
    for (const name of old?.definedNames ?? []) if (!byName.has(name)) this.undefine(name, file.path);
    for (const [name, definitions] of byName) {
      const held = definitions.length === 1 ? definitions[0] : definitions;
      const entry = this.definitions.get(name);
      if (!entry) {
        this.definitions.set(name, { paths: [file.path], definitions: [held] });
        continue;
      }
      const at = lowerBound(entry.paths, file.path);
      if (entry.paths[at] === file.path) entry.definitions[at] = held;
      else {
        entry.paths = inserted(entry.paths, at, file.path);
        entry.definitions = inserted(entry.definitions, at, held);
      }
      entry.answer = undefined;
    }
    const referencedNames = referencedNamesOf(file);
    const unreferenced = new Set(old?.referencedNames);
    for (const name of referencedNames) if (!unreferenced.delete(name)) this.referencingFiles.set(name, (this.referencingFiles.get(name) ?? 0) + 1);
    for (const name of unreferenced) this.unreference(name);
    const imports = [...new Set(file.resolvedImports.filter((p): p is string => p !== undefined))];
    const unimported = new Set(old?.imports);
    for (const target of imports) {
      if (unimported.delete(target)) continue;
      const entry = this.importers.get(target);
      if (!entry) this.importers.set(target, { paths: [file.path] });
      else {
        entry.paths = inserted(entry.paths, lowerBound(entry.paths, file.path), file.path);
        entry.answer = undefined;
      }
    }
    for (const target of unimported) this.unimport(target, file.path);
    this.contributions.set(file.path, { definedNames: [...byName.keys()], referencedNames, imports });
  }

  removeFile(path: string): void {
    const old = this.contributions.get(path);
    if (!old) return;
    this.contributions.delete(path);
    for (const name of old.definedNames) this.undefine(name, path);
    for (const name of old.referencedNames) this.unreference(name);
    for (const target of old.imports) this.unimport(target, path);
  }

  private undefine(name: string, path: string): void {
    const entry = this.definitions.get(name)!;
    const at = lowerBound(entry.paths, path);
    entry.paths.splice(at, 1);
    entry.definitions.splice(at, 1);
    entry.answer = undefined;
    if (entry.paths.length === 0) this.definitions.delete(name);
  }

  private unreference(name: string): void {
    const count = this.referencingFiles.get(name)! - 1;
    if (count === 0) this.referencingFiles.delete(name);
    else this.referencingFiles.set(name, count);
  }

  private unimport(target: string, path: string): void {
    const entry = this.importers.get(target)!;
    removeSorted(entry.paths, path);
    entry.answer = undefined;
    if (entry.paths.length === 0) this.importers.delete(target);
  }

  definitionsOf(name: string): readonly SymbolLocation[] {
    const entry = this.definitions.get(name);
    if (!entry) return [];
    if (!entry.answer) {
      const answer: SymbolLocation[] = [];
      entry.paths.forEach((path, i) => {
        const held = entry.definitions[i];
        for (const definition of isDefinitionList(held) ? held : [held]) answer.push({ path, definition });
      });
      entry.answer = answer.slice(); // exact length: see `inserted`
    }
    return entry.answer;
  }

  importsOf(path: string): readonly string[] {
    return (this.contributions.get(path)?.imports ?? []).filter(target => this.contributions.has(target));
  }

  importersOf(path: string): readonly string[] {
    const entry = this.contributions.has(path) ? this.importers.get(path) : undefined;
    if (!entry) return [];
    return (entry.answer ??= entry.paths.slice());
  }

  referencingFileCount(name: string): number {
    return this.referencingFiles.get(name) ?? 0;
  }
}

/** Lists longer than this grow in place; their spare room is then at most half their length. */
const COPIED_UP_TO = 16;

/**
 * `list` with `value` inserted at `at`. A short list is copied into an array of exactly its new length: an
 * array V8 grows (splice, push) gets 16 spare slots, so a one-path list costs ~190 bytes instead of ~60, and
 * most names are defined in one or two files (on a 10,000-file workspace the spare slots were 20 MB).
 */
function inserted<T>(list: T[], at: number, value: T): T[] {
  if (list.length >= COPIED_UP_TO) {
    list.splice(at, 0, value);
    return list;
  }
  return list.slice(0, at).concat([value], list.slice(at));
}

function removeSorted(list: string[], path: string): void {
  const at = lowerBound(list, path);
  if (list[at] === path) list.splice(at, 1);
}

function lowerBound(list: readonly string[], path: string): number {
  return partitionPoint(0, list.length, i => list[i]! < path);
}

function isDefinitionList(held: Definition | readonly Definition[]): held is readonly Definition[] {
  return Array.isArray(held);
}
