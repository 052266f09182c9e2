// Offsets and 0-based positions in a text, and finding a name on a line: the server speaks positions,
// the hole analysis reads the text.
import { linesAt } from '../index/text-lines';
import type { Position, Range } from '../types';

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + position.character);
}

// One implementation for every stage: the incremental parse in index/ needs it too, and may not import facts/.
export { positionAt } from '../index/changed-span';

export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** Offsets of `name` as a whole word in `text`, from `from` on. */
export function wordOffsets(text: string, name: string, from = 0): number[] {
  if (!isIdentifier(name)) return [];
  const pattern = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  pattern.lastIndex = from;
  return [...text.matchAll(pattern)].filter(match => match.index! >= from).map(match => match.index!);
}

/** Where `name` stands on `line`: the occurrence nearest to `character` when given, else the first. */
export function findOnLine(text: string, line: number, name: string, character?: number): Position | undefined {
  // One walk to the line, not an array of every line of the buffer: asked per identifier on the completion path.
  const lineText = linesAt(text, [line]).get(line) ?? '';
  const columns = wordOffsets(lineText, name);
  if (columns.length === 0) return undefined;
  const column = character === undefined ? columns[0]! : columns.reduce((best, c) => (Math.abs(c - character) < Math.abs(best - character) ? c : best));
  return { line, character: column };
}
