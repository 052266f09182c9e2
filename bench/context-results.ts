// Results of the context benchmark kept per corpus (`--results-dir`), so that a long run can be made in
// pieces or resumed after a stop, and where each result came from (commit, time, machine load), so that a
// report merged from pieces still says how each of its figures was measured.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { PromptFormat } from '../src/core/types';
import type { BenchStrategy } from './context-run';
import type { MaskMode } from './mask';
import type { CorpusReport } from './report';

/** Everything a corpus's figures depend on besides the code: a kept result is reused only for the same measurement. */
export interface Measurement {
  readonly corpus: string;
  readonly budgets: readonly number[];
  readonly maxPositions: number;
  readonly strategies: readonly BenchStrategy[];
  readonly format: PromptFormat;
  /** Absent for 'line', the only masking before 'hole' came (results kept then stay reusable). */
  readonly mask?: MaskMode;
  readonly factsBudgetMs?: number;
  readonly addTsconfig?: boolean;
}

export interface Provenance {
  /** The commit measured; `+uncommitted` when tracked files differed from it. */
  readonly commit: string;
  readonly measuredAt: string;
  /** The 1-minute load average when the corpus started and when it ended (this machine's cores are shared). */
  readonly loadAverage: readonly [number, number];
  readonly cores: number;
}

/** Where a run of the code in `dir` stands: the commit, and whether tracked files differ from it. */
export function currentCommit(dir: string): string {
  try {
    const head = execFileSync('git', ['-C', dir, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+uncommitted` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** Call when a corpus starts; the returned function, when it ends, gives the corpus's provenance. */
export function startProvenance(dir: string): () => Provenance {
  const commit = currentCommit(dir);
  const measuredAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  return () => ({ commit, measuredAt, loadAverage: [round(loadAtStart), round(os.loadavg()[0])], cores: os.cpus().length });
}

const round = (value: number) => Math.round(value * 100) / 100;

function resultFile(dir: string, corpus: string): string {
  return path.join(dir, `${corpus.replace(/[^\w.@-]+/g, '_')}.json`);
}

interface KeptResult {
  readonly measurement: Measurement;
  readonly report: CorpusReport;
}

/** The kept result of exactly this measurement, or undefined (none kept, or kept with other settings). */
export function keptResult(dir: string, measurement: Measurement): CorpusReport | undefined {
  const file = resultFile(dir, measurement.corpus);
  if (!fs.existsSync(file)) return undefined;
  const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as KeptResult;
  return isDeepStrictEqual(kept.measurement, measurement) ? kept.report : undefined;
}

export function keepResult(dir: string, measurement: Measurement, report: CorpusReport): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = resultFile(dir, measurement.corpus);
  // Written whole, then renamed: a run stopped mid-write leaves no half file to be reused.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ measurement, report } satisfies KeptResult));
  fs.renameSync(`${file}.tmp`, file);
}
