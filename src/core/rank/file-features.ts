import type { Definition, IndexedFile } from '../types';

/** What ranking needs of one indexed file, derived once per content hash. */
export interface FileFeatures {
  readonly hash: string;
  /** Declarations worth showing on their own: everything not declared inside a function or method body. */
  readonly declarations: readonly Definition[];
  /** Declarations by name (members included). */
  readonly byName: ReadonlyMap<string, readonly Definition[]>;
  /** Referenced names with their number of uses in the file. */
  readonly referenceCounts: ReadonlyMap<string, number>;
  /** True when the file declares nothing of its own and only re-exports (a barrel such as index.ts). */
  readonly onlyReexports: boolean;
}

const CALLABLE_KINDS: ReadonlySet<Definition['kind']> = new Set(['function', 'method']);

const cache = new Map<string, FileFeatures>();

/** The features of `file`, recomputed only when its hash changed. Keyed by path, so memory follows the index. */
export function fileFeatures(file: IndexedFile): FileFeatures {
  const known = cache.get(file.path);
  if (known?.hash === file.hash) return known;
  const features = computeFeatures(file);
  cache.set(file.path, features);
  return features;
}

function computeFeatures(file: IndexedFile): FileFeatures {
  const bodies = file.definitions.filter(d => CALLABLE_KINDS.has(d.kind));
  const isLocal = (d: Definition): boolean =>
    bodies.some(body => body !== d && contains(body, d));
  const declarations = file.definitions.filter(d => !isLocal(d));
  const byName = new Map<string, Definition[]>();
  for (const definition of declarations) {
    const list = byName.get(definition.name);
    if (list) list.push(definition);
    else byName.set(definition.name, [definition]);
  }
  const referenceCounts = new Map<string, number>();
  for (const reference of file.references) referenceCounts.set(reference.name, (referenceCounts.get(reference.name) ?? 0) + 1);
  const onlyReexports = declarations.length === 0 && file.imports.some(i => i.reexport);
  return { hash: file.hash, declarations, byName, referenceCounts, onlyReexports };
}

/** Strictly inside: `inner` starts after `outer`'s signature, so a method is not "inside" its own overload signature. */
function contains(outer: Definition, inner: Definition): boolean {
  const o = outer.range;
  const i = inner.range;
  const startsAfter = i.start.line > o.start.line || (i.start.line === o.start.line && i.start.character > o.start.character);
  const endsBefore = i.end.line < o.end.line || (i.end.line === o.end.line && i.end.character <= o.end.character);
  return startsAfter && endsBefore;
}
