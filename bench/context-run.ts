// Runs every strategy on the same masked positions of one corpus, in one process, through the engine
// facade (and the oracle through the same packer), and scores each context against the ground truth.
import { performance } from 'node:perf_hooks';
import type { IndexView } from '../src/core/index/view';
import { outlineIntervals } from '../src/core/pack/outline';
import { splitLines } from '../src/core/pack/source-lines';
import type { ContextRequest, ContextResult, StrategyName } from '../src/core/types';
import type { GoldPosition } from './ground-truth';
import { maskLine } from './mask';
import { includedSpans, scorePosition, type LineRange, type PositionScore } from './metrics';
import { oracleItems } from './oracle';

/** What the benchmark needs of the engine: its index (for the oracle) and `buildContext`. */
export interface BenchEngine {
  readonly indexView: IndexView;
  buildContext(request: ContextRequest): Promise<ContextResult>;
}

export type BenchStrategy = StrategyName | 'oracle';

export const BENCH_STRATEGIES: readonly BenchStrategy[] = ['none', 'jaccard', 'bm25', 'repomap', 'imports', 'ours', 'oracle'];

export interface RunOptions {
  readonly strategies: readonly BenchStrategy[];
  readonly budgets: readonly number[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Scores per strategy and budget (aligned with the positions), and the latency of every engine call. */
export interface CorpusRun {
  readonly scores: ReadonlyMap<BenchStrategy, ReadonlyMap<number, readonly PositionScore[]>>;
  readonly latenciesMs: ReadonlyMap<BenchStrategy, readonly number[]>;
}

/** `sourceOf(file)` gives the file's unmasked text (the ground truth's, identical to the disk). */
export async function runPositions(
  engine: BenchEngine,
  positions: readonly GoldPosition[],
  sourceOf: (file: string) => string,
  options: RunOptions,
): Promise<CorpusRun> {
  const scores = new Map<BenchStrategy, Map<number, PositionScore[]>>(options.strategies.map(s => [s, new Map(options.budgets.map(b => [b, []]))]));
  const latenciesMs = new Map<BenchStrategy, number[]>(options.strategies.map(s => [s, []]));
  const outlineOf = outlineLines(engine.indexView);
  for (const [done, gold] of positions.entries()) {
    const masked = maskLine(sourceOf(gold.file), gold.line);
    for (const strategy of options.strategies) {
      for (const budget of options.budgets) {
        let items;
        if (strategy === 'oracle') {
          items = oracleItems(engine.indexView, { gold, text: masked.text, position: masked.position, budgetTokens: budget });
        } else {
          const started = performance.now();
          const result = await engine.buildContext({ file: gold.file, position: masked.position, text: masked.text, budgetTokens: budget, strategy });
          latenciesMs.get(strategy)!.push(performance.now() - started);
          items = result.manifest.items;
        }
        scores.get(strategy)!.get(budget)!.push(scorePosition(gold, includedSpans(items, outlineOf)));
      }
    }
    options.onProgress?.(done + 1, positions.length);
  }
  return { scores, latenciesMs };
}

/** The lines a file's outline shows, as packing computes them, memoised per content hash. */
function outlineLines(index: IndexView): (path: string) => readonly LineRange[] {
  const memo = new Map<string, { hash: string; lines: readonly LineRange[] }>();
  return path => {
    const file = index.file(path);
    const text = index.text(path);
    if (!file || text === undefined) return [];
    const known = memo.get(path);
    if (known?.hash === file.hash) return known.lines;
    const lines = outlineIntervals(file.definitions, splitLines(text));
    memo.set(path, { hash: file.hash, lines });
    return lines;
  };
}
