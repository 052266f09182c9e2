import { createHash } from 'node:crypto';
import type { IndexView, SymbolLocation, SymbolTable } from '../index/view';
import type { FileSymbols, IndexedFile, LanguageId } from '../types';

/** The request's own file: its path, language, the buffer's text, its parse and where its imports resolve. */
export interface RequestFile {
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
  readonly symbols: FileSymbols;
  readonly resolvedImports: readonly (string | undefined)[];
}

/**
 * The index as the request sees it: the request's buffer (masked, `--text-file`, unsaved) in place of its
 * file's indexed entry, for every table ranking and packing read. Without it, the answer for a masked
 * position would depend, through the index, on the very line it is asked to predict. The index itself
 * when the buffer is what was indexed.
 */
export function requestView(index: IndexView, request: RequestFile): IndexView {
  if (index.text(request.path) === request.text) return index;
  const disk = index.file(request.path);
  // The index may not hold the text in memory (texts are kept within a byte budget): the hash says it all the same.
  const hash = createHash('sha1').update(request.text).digest('hex');
  if (disk?.hash === hash) return index;
  const entry: IndexedFile = {
    ...request.symbols,
    path: request.path,
    language: request.language,
    size: Buffer.byteLength(request.text),
    mtimeMs: disk?.mtimeMs ?? 0,
    hash,
    resolvedImports: request.resolvedImports,
  };
  const symbols = new RequestSymbols(index, disk, entry);
  return {
    root: index.root,
    get generation() {
      return index.generation;
    },
    changesSince: generation => index.changesSince(generation),
    file: path => (path === entry.path ? entry : index.file(path)),
    *files() {
      for (const file of index.files()) if (file.path !== entry.path) yield file;
      yield entry;
    },
    symbols,
    text: path => (path === entry.path ? request.text : index.text(path)),
    textInMemory: path => (path === entry.path ? request.text : index.textInMemory(path)),
  };
}

/** The index's symbol tables with one file's contribution replaced. */
class RequestSymbols implements SymbolTable {
  private readonly path: string;
  private readonly diskDefined: ReadonlySet<string>;
  private readonly requestDefined = new Map<string, SymbolLocation[]>();
  private readonly diskReferenced: ReadonlySet<string>;
  private readonly requestReferenced: ReadonlySet<string>;
  private readonly diskImports: ReadonlySet<string>;
  private readonly requestImports: readonly string[];
  private readonly merged = new Map<string, readonly SymbolLocation[]>();

  constructor(
    private readonly index: IndexView,
    disk: IndexedFile | undefined,
    entry: IndexedFile,
  ) {
    this.path = entry.path;
    this.diskDefined = new Set(disk?.definitions.map(d => d.name));
    // The index's order: by position within a file.
    const ordered = [...entry.definitions].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const definition of ordered) {
      const list = this.requestDefined.get(definition.name);
      if (list) list.push({ path: this.path, definition });
      else this.requestDefined.set(definition.name, [{ path: this.path, definition }]);
    }
    this.diskReferenced = new Set(disk?.references.map(r => r.name));
    this.requestReferenced = new Set(entry.references.map(r => r.name));
    this.diskImports = new Set(uniqueTargets(disk?.resolvedImports ?? []));
    this.requestImports = uniqueTargets(entry.resolvedImports);
  }

  definitionsOf(name: string): readonly SymbolLocation[] {
    const own = this.requestDefined.get(name);
    if (!own && !this.diskDefined.has(name)) return this.index.symbols.definitionsOf(name);
    let answer = this.merged.get(name);
    if (!answer) {
      const others = this.index.symbols.definitionsOf(name).filter(l => l.path !== this.path);
      const at = others.findIndex(l => l.path > this.path);
      answer = at < 0 ? [...others, ...(own ?? [])] : [...others.slice(0, at), ...(own ?? []), ...others.slice(at)];
      this.merged.set(name, answer);
    }
    return answer;
  }

  importsOf(path: string): readonly string[] {
    if (path !== this.path) return this.index.symbols.importsOf(path);
    return this.requestImports.filter(target => target === this.path || this.index.file(target) !== undefined);
  }

  importersOf(path: string): readonly string[] {
    const base = this.index.symbols.importersOf(path);
    const before = this.diskImports.has(path);
    const now = this.requestImports.includes(path);
    if (before === now) return base;
    const others = base.filter(p => p !== this.path);
    return now ? [...others, this.path].sort() : others;
  }

  referencingFileCount(name: string): number {
    return this.index.symbols.referencingFileCount(name) - Number(this.diskReferenced.has(name)) + Number(this.requestReferenced.has(name));
  }
}

/** Resolved workspace imports, in import order, without duplicates (as the index's table keeps them). */
function uniqueTargets(resolved: readonly (string | undefined)[]): string[] {
  return [...new Set(resolved.filter((p): p is string => p !== undefined))];
}
