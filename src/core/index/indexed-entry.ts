// How the index holds one file in memory. References are most of an index (hundreds per file, over two
// million in a large workspace): as objects they cost about 180 bytes each, packed (a name table plus one
// Int32Array, the form they cross threads and sit in the cache in) about 25. So an entry keeps them packed
// and hands out objects only to the reader that asks, one file at a time. `references` is a getter on the
// class: spreading an entry (`{ ...entry }`) leaves it behind, so derive entries with `withResolvedImports`
// and `withStamp` instead.
import type { Definition, FileSymbols, ImportRecord, IndexedFile, LanguageId, LineTokens, Position, Range, Reference, ReferenceKind, SecretFinding } from '../types';
import type { NameTable } from './name-table';
import { packedReferenceCount, packReferences, unpackReferences, unpackReferencesWhere, type PackedReferences } from './packed-references';

/** What is known of a file's bytes: where they are, how large, when written, their hash. */
export interface FileStamp {
  readonly path: string;
  readonly language: LanguageId;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** Secrets redacted from the text that was parsed (kind and line only). */
  readonly redactions?: readonly SecretFinding[];
  /** Its lines' token counts (the worker's, or the cache's). */
  readonly lineTokens?: LineTokens;
}

/** FileSymbols with the references still packed: what the worker and the cache hand over. */
export type PackedSymbols = Omit<FileSymbols, 'references'> & { readonly references: PackedReferences };

export class IndexEntry implements IndexedFile {
  readonly path: string;
  readonly language: LanguageId;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  readonly definitions: readonly Definition[];
  readonly imports: readonly ImportRecord[];
  readonly exports: readonly string[];
  readonly lineCount: number;
  readonly hasErrors: boolean;
  readonly resolvedImports: readonly (string | undefined)[];
  readonly redactions?: readonly SecretFinding[];
  readonly lineTokens?: LineTokens;
  // Private, so that spreading or serializing an entry never copies the packed form beside the objects.
  readonly #references: PackedReferences;

  private constructor(stamp: FileStamp, symbols: PackedSymbols, resolvedImports: readonly (string | undefined)[]) {
    this.path = stamp.path;
    this.language = stamp.language;
    this.size = stamp.size;
    this.mtimeMs = stamp.mtimeMs;
    this.hash = stamp.hash;
    if (stamp.redactions?.length) this.redactions = stamp.redactions;
    if (stamp.lineTokens) this.lineTokens = stamp.lineTokens;
    this.definitions = symbols.definitions;
    this.imports = symbols.imports;
    this.exports = symbols.exports;
    this.lineCount = symbols.lineCount;
    this.hasErrors = symbols.hasErrors;
    this.#references = symbols.references;
    this.resolvedImports = resolvedImports;
  }

  /**
   * An entry whose names (of definitions, containers, references, imports, exports) are shared through
   * `names`: the same identifier in a thousand files is one string, in the index and in whatever is derived
   * from it. References may come packed (from the worker) or as objects (from the cache).
   */
  static create(stamp: FileStamp, symbols: FileSymbols | PackedSymbols, names: NameTable): IndexEntry {
    const packed = Array.isArray(symbols.references) ? packReferences(symbols.references) : (symbols.references as PackedReferences);
    return new IndexEntry(
      { ...stamp, path: names.intern(stamp.path) },
      {
        definitions: symbols.definitions.map(d => internDefinition(d, names)),
        imports: symbols.imports.map(i => internImport(i, names)),
        exports: symbols.exports.map(e => names.intern(e)),
        lineCount: symbols.lineCount,
        hasErrors: symbols.hasErrors,
        references: { names: packed.names.map(n => names.intern(n)), data: ownBuffer(packed.data) },
      },
      [],
    );
  }

  /** The references as objects, built on each call: read them once per use, not in a loop over an index. */
  get references(): readonly Reference[] {
    return unpackReferences(this.#references);
  }

  get referenceCount(): number {
    return packedReferenceCount(this.#references);
  }

  get packedReferences(): PackedReferences {
    return this.#references;
  }

  /** The distinct names referenced, without building the reference objects. */
  get referencedNames(): readonly string[] {
    return this.#references.names;
  }

  withResolvedImports(resolvedImports: readonly (string | undefined)[]): IndexEntry {
    return new IndexEntry(this, { ...this, references: this.#references }, resolvedImports);
  }

  withStamp(size: number, mtimeMs: number): IndexEntry {
    return new IndexEntry({ ...this, size, mtimeMs }, { ...this, references: this.#references }, this.resolvedImports);
  }
}

/** A file's references in their packed form: an entry's own, without unpacking and packing again. */
export function packedReferencesOf(file: IndexedFile): PackedReferences {
  return file instanceof IndexEntry ? file.packedReferences : packReferences(file.references);
}

/** The references of a file that `keep` takes: an entry builds only those, not all of them as `references` does. */
export function referencesWhere(file: FileSymbols, keep: (kind: ReferenceKind, startLine: number) => boolean): Reference[] {
  return file instanceof IndexEntry ? unpackReferencesWhere(file.packedReferences, keep) : file.references.filter(r => keep(r.kind, r.range.start.line));
}

/** The distinct names a file references: an entry's own name table, without building its references. */
export function referencedNamesOf(file: IndexedFile): readonly string[] {
  return file instanceof IndexEntry ? file.referencedNames : [...new Set(file.references.map(r => r.name))];
}

/**
 * The array on a buffer of its own. Node's deserializer hands out typed arrays as views into the buffer it
 * read (the whole cache file): one kept view would keep every file's bytes alive.
 */
function ownBuffer(data: Int32Array): Int32Array {
  return data.byteOffset === 0 && data.buffer.byteLength === data.byteLength ? data : data.slice();
}

function internDefinition(definition: Definition, names: NameTable): Definition {
  const name = names.intern(definition.name);
  const range = literalRange(definition.range);
  const signatureRange = sameRange(definition.signatureRange, definition.range) ? range : literalRange(definition.signatureRange, range);
  if (definition.container === undefined) return { name, kind: definition.kind, range, signatureRange, exported: definition.exported };
  return { name, kind: definition.kind, range, signatureRange, container: names.intern(definition.container), exported: definition.exported };
}

function internImport(record: ImportRecord, names: NameTable): ImportRecord {
  return {
    ...record,
    source: names.intern(record.source),
    names: record.names.map(n => (n.alias === undefined ? { name: names.intern(n.name) } : { name: names.intern(n.name), alias: names.intern(n.alias) })),
  };
}

/**
 * The range rebuilt from object literals. A position cloned from the worker or read from the cache has room
 * for four properties (56 bytes), a literal for its two (40), and so has a range: over a workspace's
 * definitions (700,000 positions on 10,000 files) that is 1.5 MB per 1,000 files. A signature's position
 * equal to one of the declaration's is that position, shared.
 */
function literalRange(range: Range, declaration?: Range): Range {
  return { start: literalPosition(range.start, declaration), end: literalPosition(range.end, declaration) };
}

function literalPosition(position: Position, declaration: Range | undefined): Position {
  if (declaration && samePosition(position, declaration.start)) return declaration.start;
  if (declaration && samePosition(position, declaration.end)) return declaration.end;
  return { line: position.line, character: position.character };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

function sameRange(a: Range, b: Range): boolean {
  return a === b || (samePosition(a.start, b.start) && samePosition(a.end, b.end));
}
