// The one edit between two texts, found by comparing them, and the line and column of its ends: shared by
// the incremental parse (edited-buffer.ts) and the incremental document sync of the language servers
// (facts/lsp-server.ts, whose text-positions.ts passes positionAt on to the later stages).
import type { Position } from '../types';

/**
 * The one span of `before` that `after` replaces, between their common start and common end (in UTF-16 code
 * units): `before.slice(start, oldEnd)` became `after.slice(start, newEnd)`.
 */
export function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < limit - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** The 0-based line and UTF-16 column of `offset`, read without copying the text (a keystroke in a large file). */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
