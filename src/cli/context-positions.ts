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
 * is unchanged and the cursor sits at line:col.
 */
export function maskedBuffer(text: string, spec: Pick<PositionSpec, 'line' | 'col' | 'mask'>): { text: string; position: Position } {
  const line = spec.line - 1;
  if (!spec.mask) return { text, position: { line, character: (spec.col ?? 1) - 1 } };
  const lines = text.split('\n');
  if (line >= lines.length) throw new UsageError(`line ${spec.line} is past the end of the file (${lines.length} lines)`);
  const masked = spec.mask === 'line' ? [...lines.slice(0, line), '', ...lines.slice(line + 1)] : [...lines.slice(0, line), ''];
  return { text: masked.join('\n'), position: { line, character: 0 } };
}
