// A keystroke's extraction: the previous extraction of the buffer, with the top-level declarations the edit
// touched extracted again and spliced in, and everything after them moved by the edit. Tags never cross a
// top-level declaration (a definition nests, and is exported, within its own; a reference or an import is
// one node of it), so the rest of the file extracts as it did. What a declaration the edit did not touch
// still reads from elsewhere, the names of the file's export lists, is checked by the caller (extract.ts).
import type { Edit, QueryMatch, Tree } from 'web-tree-sitter';
import { comparePositions, positionOfPoint } from '../positions';
import type { Position, Range } from '../types';
import type { ExtractedParts, ListedName } from './extraction';

/** A place in the text, as an offset (UTF-16 units) and as a line and column. */
interface Place {
  readonly index: number;
  readonly position: Position;
}

/**
 * The top-level declarations an edit touched, in the edited text: from the start of the first to the end of
 * the last, with where that end was in the text before the edit.
 */
export interface EditedRegion {
  readonly start: Place;
  readonly end: Place;
  readonly endBefore: Position;
}

/**
 * The whole top-level nodes around the edit and around every range whose syntax changed (an opened comment or
 * string changes what follows it), in the tree before the edit (edited to line up with the new text) and in
 * the tree after it. A node that touches the region is taken too: typing at the end of `foo` makes `foox`,
 * and deleting the space of `a b` joins them.
 * Tree-sitter's changed ranges take a node parsed again to the same type and size as unchanged. Where code
 * that can be read two ways is read the other way after an edit far from it (`!a.get<T>(x)` 67 lines below
 * a backtick typed in a file with a syntax error, once in 11,000 random edits of this repository's files),
 * the previous reading stays until an edit touches that declaration.
 */
export function editedRegion(before: Tree, after: Tree, edit: Edit): EditedRegion {
  let start: Place = { index: edit.startIndex, position: positionOfPoint(edit.startPosition) };
  let end: Place = { index: edit.newEndIndex, position: positionOfPoint(edit.newEndPosition) };
  for (const changed of before.getChangedRanges(after)) {
    if (changed.startIndex < start.index) start = { index: changed.startIndex, position: positionOfPoint(changed.startPosition) };
    if (changed.endIndex > end.index) end = { index: changed.endIndex, position: positionOfPoint(changed.endPosition) };
  }
  for (let widened = true; widened; ) {
    widened = false;
    for (const root of [before.rootNode, after.rootNode]) {
      const first = root.firstChildForIndex(Math.max(0, start.index - 1)); // the first that ends at or after the start
      if (first && first.startIndex < start.index) {
        start = { index: first.startIndex, position: positionOfPoint(first.startPosition) };
        widened = true;
      }
      const last = root.firstChildForIndex(end.index); // the first that ends after the end
      if (last && last.startIndex <= end.index) {
        end = { index: last.endIndex, position: positionOfPoint(last.endPosition) };
        widened = true;
      }
    }
  }
  return { start, end, endBefore: unshift(end.position, edit) };
}

/** True when every node the match captured lies in [start, end]: a match of a node outside the region is not redone. */
export function matchWithin(match: QueryMatch, start: number, end: number): boolean {
  return match.captures.every(({ node }) => node.startIndex >= start && node.endIndex <= end);
}

/** The previous extraction's export-list names inside the region and outside it. */
export function listedAround(previous: ExtractedParts, region: EditedRegion): { inside: ListedName[]; outside: ListedName[] } {
  const inside: ListedName[] = [];
  const outside: ListedName[] = [];
  for (const listed of previous.listed) (placeBefore(listed.at, region) === 'inside' ? inside : outside).push(listed);
  return { inside, outside };
}

/** Whether two regions' export lists name the same names in the same way, wherever they stand. */
export function sameListedNames(a: readonly ListedName[], b: readonly ListedName[]): boolean {
  const key = (listed: readonly ListedName[]) => listed.map(l => `${l.exported ? '+' : '-'}${l.name}`).sort().join('\n');
  return a.length === b.length && key(a) === key(b);
}

/**
 * The previous parts before the region, the region's fresh parts (found in the edited text), and the previous
 * parts after the region moved by the edit. Each list is in document order, and so stays.
 */
export function spliceParts(previous: ExtractedParts, fresh: ExtractedParts, region: EditedRegion): ExtractedParts {
  const move = mover(region);
  return {
    definitions: splice(previous.definitions, fresh.definitions, d => d.definition.range.start, region, d => {
      const { range, signatureRange } = d.definition;
      return { ...d, definition: { ...d.definition, range: move.range(range), signatureRange: move.range(signatureRange) } };
    }),
    references: splice(previous.references, fresh.references, r => r.range.start, region, r => ({ ...r, range: move.range(r.range) })),
    imports: splice(previous.imports, fresh.imports, i => i.range.start, region, i => ({ ...i, range: move.range(i.range) })),
    listed: splice(previous.listed, fresh.listed, l => l.at, region, l => ({ ...l, at: move.position(l.at) })),
  };
}

function splice<T>(previous: readonly T[], fresh: readonly T[], startOf: (item: T) => Position, region: EditedRegion, moved: (item: T) => T): T[] {
  const out: T[] = [];
  let i = 0;
  while (i < previous.length && placeBefore(startOf(previous[i]!), region) === 'before') out.push(previous[i++]!);
  while (i < previous.length && placeBefore(startOf(previous[i]!), region) === 'inside') i++;
  out.push(...fresh);
  for (; i < previous.length; i++) out.push(moved(previous[i]!));
  return out;
}

/**
 * Where a position of the text before the edit lies with respect to the region. Both ends are inside: no node
 * outside the region touches it, and a node missing from broken code (`abc.`'s member) is empty, at its end.
 */
function placeBefore(position: Position, region: EditedRegion): 'before' | 'inside' | 'after' {
  if (comparePositions(position, region.start.position) < 0) return 'before';
  return comparePositions(position, region.endBefore) <= 0 ? 'inside' : 'after';
}

/**
 * Moves positions after the region's end in the text before the edit to where they are after it: the
 * region's end line's columns by the change of its end's column, later lines by the change of line count.
 */
function mover({ end, endBefore }: EditedRegion): { position(p: Position): Position; range(r: Range): Range } {
  const lines = end.position.line - endBefore.line;
  const columns = end.position.character - endBefore.character;
  const position = (p: Position): Position => {
    if (p.line === endBefore.line) return { line: end.position.line, character: p.character + columns };
    return lines === 0 ? p : { line: p.line + lines, character: p.character };
  };
  return { position, range: r => ({ start: position(r.start), end: position(r.end) }) };
}

/** Where a position at or after the edit's new end was before the edit. */
function unshift(p: Position, edit: Edit): Position {
  const newEnd = edit.newEndPosition;
  const oldEnd = edit.oldEndPosition;
  if (p.line === newEnd.row) return { line: oldEnd.row, character: p.character - newEnd.column + oldEnd.column };
  return { line: p.line - newEnd.row + oldEnd.row, character: p.character };
}
