// Leakage control: a strategy must not see the line it is asked to help complete. The target line is
// emptied and the cursor put at its start ('line' masking), so the prefix is everything above it and the
// suffix everything below. The benchmarks and `codebase-context eval` mask through this one function.
import type { Position } from '../types';

export interface MaskedBuffer {
  readonly text: string;
  readonly position: Position;
}

export function maskLine(text: string, line: number): MaskedBuffer {
  const lines = text.split('\n');
  if (line < 0 || line >= lines.length) throw new Error(`Line ${line} is outside the file (${lines.length} lines).`);
  // A CRLF file keeps its `\r` so the masked line stays a line of the same file.
  lines[line] = lines[line].endsWith('\r') ? '\r' : '';
  return { text: lines.join('\n'), position: { line, character: 0 } };
}
