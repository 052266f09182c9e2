import { comparePositions } from '../cursor/scopes';
import type { Definition, IndexedFile } from '../types';
import { packedReferencesOf, referencesWhere } from '../index/indexed-entry';
import { DeclarationsByName } from './declarations-by-name';
import { NameCounts } from './name-counts';
import { signatureTypes } from './signature-types';

/** What ranking needs of one indexed file, derived once per index entry (the ranking state keeps them). */
export interface FileFeatures {
  readonly hash: string;
  /**
   * Declarations worth showing on their own: everything not declared inside a function or method body. In
   * source order: by start, and of those starting together the longer first.
   */
  readonly declarations: readonly Definition[];
  /** Declarations by name (members included). */
  readonly byName: DeclarationsByName;
  /** Referenced names with their number of uses in the file. */
  readonly referenceCounts: ReadonlyMap<string, number>;
  /** True when the file declares nothing of its own and only re-exports (a barrel such as index.ts). */
  readonly onlyReexports: boolean;
  /** Type names written in its functions' and methods' signatures, with those callables (signature-types.ts). */
  readonly signatureTypes: ReadonlyMap<string, readonly Definition[]>;
}

const CALLABLE_KINDS: ReadonlySet<Definition['kind']> = new Set(['function', 'method']);

/** The features of `file`; the ranking state computes them once per index entry. */
export function fileFeatures(file: IndexedFile): FileFeatures {
  const declarations = outsideBodies(file.definitions);
  const referenceCounts = new NameCounts(packedReferencesOf(file));
  // A signature names its types through `type` references: only those are built, of the thousands a large file has.
  const typeReferences = referencesWhere(file, kind => kind === 'type');
  const onlyReexports = declarations.length === 0 && file.imports.some(i => i.reexport);
  return { hash: file.hash, declarations, byName: new DeclarationsByName(declarations), referenceCounts, onlyReexports, signatureTypes: signatureTypes(declarations, typeReferences) };
}

/**
 * The definitions not declared inside a function or method body, in one sweep over the definitions in
 * source order with a stack of the bodies still open.
 */
function outsideBodies(definitions: readonly Definition[]): Definition[] {
  const ordered = [...definitions].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(b.range.end, a.range.end));
  const openBodies: Definition[] = [];
  const kept: Definition[] = [];
  for (const definition of ordered) {
    while (openBodies.length > 0 && comparePositions(openBodies[openBodies.length - 1].range.end, definition.range.start) < 0) openBodies.pop();
    const top = openBodies[openBodies.length - 1];
    // Strictly inside: an overload signature sharing the body's start is not "in" it.
    if (!top || comparePositions(top.range.start, definition.range.start) === 0) kept.push(definition);
    if (CALLABLE_KINDS.has(definition.kind)) openBodies.push(definition);
  }
  return kept.slice(); // exact length: an array grown by push keeps up to 16 spare slots, kept per file

}

