// The results file of `codebase-context eval`: one JSON object per line and per (position, strategy,
// budget, model), appended as soon as it is known, so that an interrupted run loses nothing and a rerun
// skips what is done. The line shape is a public contract: extend it, never rename its fields.
import * as fs from 'node:fs';
import type { LineScores } from '../core/eval/completion-metrics';
import type { StrategyName } from '../core/types';

export interface EvalRecord extends LineScores {
  readonly file: string;
  /** 1-based, like every line number the command line prints. */
  readonly line: number;
  readonly strategy: StrategyName;
  readonly budget: number;
  readonly model: string;
  /** The masked line as it is on disk, and the model's whole answer. */
  readonly target: string;
  readonly completion: string;
  /** Tokens of the rendered prompt (template markers included), counted with the engine's tokenizer. */
  readonly promptTokens: number;
  /** Building the context (engine) and answering (model, until the stream ended). */
  readonly contextMs: number;
  readonly modelMs: number;
}

/** The results file cannot be read or written: the run stops, and says so, keeping what is already in it. */
export class ResultsFileError extends Error {}

export type RecordKey = Pick<EvalRecord, 'file' | 'line' | 'strategy' | 'budget' | 'model'>;

export function recordKey(key: RecordKey): string {
  return JSON.stringify([key.file, key.line, key.strategy, key.budget, key.model]);
}

/**
 * The records already in `file` (none when it does not exist). A last line cut short by a crash is cut
 * off the file (that result is asked again); any other unreadable line is an error: the file is not ours.
 */
export function loadRecords(file: string): EvalRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new ResultsFileError(`--out ${file} cannot be read (${code ?? String(error)}); point --out at a file.`);
  }
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  if (complete.length < text.length) fs.truncateSync(file, Buffer.byteLength(complete));
  return complete.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as EvalRecord];
    } catch {
      throw new ResultsFileError(`${file}:${i + 1} is not a JSON line of eval results; point --out at a new file or at one an earlier eval wrote.`);
    }
  });
}

export function appendRecord(file: string, record: EvalRecord): void {
  try {
    fs.appendFileSync(file, `${JSON.stringify(record)}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ResultsFileError(`cannot append to ${file} (${code}); free some space or choose another --out.`);
  }
}
