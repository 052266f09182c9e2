// Leakage control: a strategy must not see what it is asked to help complete. 'line' masking empties the
// target line and puts the cursor at its start, so the prefix is everything above it and the suffix
// everything below. 'hole' masking keeps the line's text before the cursor and removes the rest of the line,
// as an inline completion sees a line being typed. The benchmarks and `codebase-context eval` mask through
// maskRestOfLine.
import type { Position } from '../types';

export type MaskMode = 'line' | 'hole';

export const MASK_MODES: readonly MaskMode[] = ['line', 'hole'];

export interface MaskedBuffer {
  readonly text: string;
  readonly position: Position;
}

/** The cursor's line loses everything from the cursor to its end; the text before the cursor stays. */
export function maskRestOfLine(text: string, position: Position): MaskedBuffer {
  const lines = text.split('\n');
  const { line, character } = position;
  if (line < 0 || line >= lines.length) throw new Error(`Line ${line} is outside the file (${lines.length} lines).`);
  // A CRLF file keeps its `\r` so the masked line stays a line of the same file.
  const crlf = lines[line].endsWith('\r');
  const content = crlf ? lines[line].slice(0, -1) : lines[line];
  if (character < 0 || character > content.length) throw new Error(`Column ${character} is outside line ${line} (${content.length} characters).`);
  lines[line] = content.slice(0, character) + (crlf ? '\r' : '');
  return { text: lines.join('\n'), position };
}

export function maskLine(text: string, line: number): MaskedBuffer {
  return maskRestOfLine(text, { line, character: 0 });
}
