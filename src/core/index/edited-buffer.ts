import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { FileSymbols, LanguageId, Position } from '../types';
import { changedSpan, positionAt } from './changed-span';

/**
 * A buffer being typed in: its last text and syntax tree, so that the next parse reuses every part of the
 * tree the edit did not touch (a keystroke in a large file re-parses in a fraction of the time). The edit
 * is found by comparing the texts: their common start and end. Tree-sitter counts indices and columns in
 * UTF-16 code units, as JavaScript strings do.
 */
export class EditedBuffer {
  private text: string | undefined;
  private tree: Tree | undefined;
  private symbols: FileSymbols | undefined;

  constructor(readonly language: LanguageId) {}

  /**
   * What was extracted from `text`, when it is the text last parsed: a keystroke's index update and the request
   * that follows it parse the same buffer, and the second one needs no parse at all.
   */
  symbolsOf(text: string): FileSymbols | undefined {
    return text === this.text ? this.symbols : undefined;
  }

  /** The previous tree, edited to line up with `text`; undefined when there is none to reuse. */
  treeFor(text: string): Tree | undefined {
    if (!this.tree || this.text === undefined) return undefined;
    if (this.text !== text) this.tree.edit(editBetween(this.text, text));
    return this.tree;
  }

  /**
   * Keeps the new tree (freeing the previous one: WebAssembly memory is only reused, never returned) and what was
   * extracted from it (undefined when the extraction failed).
   */
  remember(text: string, tree: Tree, symbols: FileSymbols | undefined): void {
    if (this.tree !== tree) this.tree?.delete();
    this.text = text;
    this.tree = tree;
    this.symbols = symbols;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.text = undefined;
    this.symbols = undefined;
  }
}

export function editBetween(before: string, after: string): Edit {
  const { start, oldEnd, newEnd } = changedSpan(before, after);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: point(positionAt(before, start)),
    oldEndPosition: point(positionAt(before, oldEnd)),
    newEndPosition: point(positionAt(after, newEnd)),
  });
}

/** Tree-sitter's name for a position. */
function point({ line, character }: Position): Point {
  return { row: line, column: character };
}
