import type { Position } from '../core/types';
import { UsageError } from './io';

/** One line of a `--positions` file. Lines and columns are 1-based. */
export interface PositionSpec {
  readonly id: string | number;
  readonly file: string;
  readonly line: number;
  readonly col?: number;
  readonly budget?: number;
  readonly mask?: 'line' | 'rest';
}

export function parsePositions(jsonl: string, source: string): PositionSpec[] {
  return jsonl
    .split('\n')
    .map((text, i) => ({ text: text.trim(), lineNumber: i + 1 }))
    .filter(({ text }) => text.length > 0)
    .map(({ text, lineNumber }) => {
      const where = `${source} line ${lineNumber}`;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new UsageError(`${where} is not JSON (${(error as Error).message})`);
      }
      return checkSpec(value, where);
    });
}

function checkSpec(value: unknown, where: string): PositionSpec {
  if (typeof value !== 'object' || value === null) throw new UsageError(`${where}: expected an object { "id", "file", "line", ... }`);
  const spec = value as Record<string, unknown>;
  const positive = (key: string) => spec[key] === undefined || (Number.isInteger(spec[key]) && (spec[key] as number) > 0);
  if (typeof spec.id !== 'string' && typeof spec.id !== 'number') throw new UsageError(`${where}: "id" must be a string or a number`);
  if (typeof spec.file !== 'string' || spec.file.length === 0) throw new UsageError(`${where}: "file" must be a path relative to --root`);
  if (spec.line === undefined || !positive('line')) throw new UsageError(`${where}: "line" must be a 1-based line number`);
  if (!positive('col')) throw new UsageError(`${where}: "col" must be a 1-based column`);
  if (!positive('budget')) throw new UsageError(`${where}: "budget" must be a positive number of tokens`);
  if (spec.mask !== undefined && spec.mask !== 'line' && spec.mask !== 'rest') throw new UsageError(`${where}: "mask" must be "line" or "rest"`);
  return spec as unknown as PositionSpec;
}

/**
 * The buffer and cursor a position asks for. `mask: "line"` empties the line (kept as an empty line) with
 * the cursor at its start; `mask: "rest"` removes everything from that line on. Without a mask, the text
 * is unchanged and the cursor sits at line:col. A line or column past the end is a mistake in the input,
 * not a cursor to clamp: the answer would be for another position than the one asked for.
 */
export function maskedBuffer(text: string, spec: Pick<PositionSpec, 'file' | 'line' | 'col' | 'mask'>): { text: string; position: Position } {
  const lines = text.split('\n');
  checkCursor(lines, spec);
  const line = spec.line - 1;
  if (!spec.mask) return { text, position: { line, character: (spec.col ?? 1) - 1 } };
  const masked = spec.mask === 'line' ? [...lines.slice(0, line), '', ...lines.slice(line + 1)] : [...lines.slice(0, line), ''];
  return { text: masked.join('\n'), position: { line, character: 0 } };
}

/**
 * The 1-based line and column just after `needle`, which must occur exactly once in `text`: a cursor
 * found by content stays on the same code when lines above it change, where a line number would drift.
 */
export function cursorAfter(text: string, needle: string, file: string): { line: number; col: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new UsageError(`--after: ${JSON.stringify(needle)} does not occur in ${file}; give text copied from the line the cursor should be on`);
  if (text.indexOf(needle, at + 1) >= 0) throw new UsageError(`--after: ${JSON.stringify(needle)} occurs more than once in ${file}; give a longer text that occurs once`);
  const before = text.slice(0, at + needle.length).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** Lines count as an editor shows them: a file ending in a newline has an empty last line the cursor can be on. */
function checkCursor(lines: readonly string[], spec: Pick<PositionSpec, 'file' | 'line' | 'col'>): void {
  if (spec.line > lines.length) {
    const lastEmpty = lines.length > 1 && lines[lines.length - 1] === '' ? ' (the last is the empty line after the final newline)' : '';
    throw new UsageError(`line ${spec.line} is past the end of ${spec.file}, which has ${lines.length} lines${lastEmpty}`);
  }
  const length = lines[spec.line - 1].replace(/\r$/, '').length;
  if (spec.col !== undefined && spec.col > length + 1) {
    throw new UsageError(`column ${spec.col} is past the end of line ${spec.line} of ${spec.file}, which has ${length} characters (columns 1 to ${length + 1})`);
  }
}
