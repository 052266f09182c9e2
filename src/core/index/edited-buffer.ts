import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { FileSymbols, LanguageId, Position } from '../types';
import { changedSpan, positionAt } from './changed-span';
import type { Extraction } from './extraction';

/** The buffer's last parse, lined up with its new text: the tree edited, the edit, and what was extracted. */
export interface PreviousParse {
  readonly tree: Tree;
  /** Undefined when the text is the one parsed. */
  readonly edit: Edit | undefined;
  /** Undefined when the extraction failed. */
  readonly extraction: Extraction | undefined;
}

/**
 * A buffer being typed in: its last text, syntax tree and extraction, so that the next parse reuses every part
 * of the tree the edit did not touch (a keystroke in a large file re-parses in a fraction of the time) and the
 * next extraction every declaration. The edit is found by comparing the texts: their common start and end.
 * Tree-sitter counts indices and columns in UTF-16 code units, as JavaScript strings do.
 */
export class EditedBuffer {
  private text: string | undefined;
  private tree: Tree | undefined;
  private extraction: Extraction | undefined;

  constructor(readonly language: LanguageId) {}

  /**
   * What was extracted from `text`, when it is the text last parsed: a keystroke's index update and the request
   * that follows it parse the same buffer, and the second one needs no parse at all.
   */
  symbolsOf(text: string): FileSymbols | undefined {
    return text === this.text ? this.extraction?.symbols : undefined;
  }

  /** The previous parse, its tree edited to line up with `text`; undefined when there is none to reuse. */
  previousFor(text: string): PreviousParse | undefined {
    if (!this.tree || this.text === undefined) return undefined;
    const edit = this.text === text ? undefined : editBetween(this.text, text);
    if (edit) this.tree.edit(edit);
    return { tree: this.tree, edit, extraction: this.extraction };
  }

  /**
   * Keeps the new tree (freeing the previous one: WebAssembly memory is only reused, never returned) and what was
   * extracted from it (undefined when the extraction failed).
   */
  remember(text: string, tree: Tree, extraction: Extraction | undefined): void {
    if (this.tree !== tree) this.tree?.delete();
    this.text = text;
    this.tree = tree;
    this.extraction = extraction;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.text = undefined;
    this.extraction = undefined;
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
