import type { Point } from 'web-tree-sitter';
import type { Position } from './types';

/** Document order of two positions: negative, zero or positive. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Tree-sitter's row and column as a position. */
export function positionOfPoint({ row, column }: Point): Position {
  return { line: row, character: column };
}
