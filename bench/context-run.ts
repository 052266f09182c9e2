// Runs every strategy on the same masked positions of one corpus, in one process, through the engine
// facade (and the oracle through the same packer), and scores each context against the ground truth.
import { performance } from 'node:perf_hooks';
import type { IndexView } from '../src/core/index/view';
import { outlineIntervals } from '../src/core/pack/outline';
import { TextLines } from '../src/core/index/text-lines';
import type { ContextRequest, ContextResult, ManifestItem, PromptFormat, StrategyName } from '../src/core/types';
import { holePosition, type GoldPosition } from './ground-truth';
import { maskRestOfLine, type MaskMode } from './mask';
import { includedSpans, scorePosition, shownGold, type LineRange, type PositionScore } from './metrics';
import { oracleItems } from './oracle';

/** What the benchmark needs of the engine: its index (for the oracle) and `buildContext`. */
export interface BenchEngine {
  readonly indexView: IndexView;
  buildContext(request: ContextRequest): Promise<ContextResult>;
}

/** `ours+facts`: our ranking with the language server's facts (`--lsp`), from an engine that has a server. */
export type BenchStrategy = StrategyName | 'oracle' | 'ours+facts';

export const BENCH_STRATEGIES: readonly BenchStrategy[] = ['none', 'jaccard', 'jaccard-imports', 'bm25', 'repomap', 'imports', 'ours', 'oracle'];

export interface RunOptions {
  readonly strategies: readonly BenchStrategy[];
  readonly budgets: readonly number[];
  /** The prompt format every request names: the budget then bounds the rendered prompt, markers included. */
  readonly format?: PromptFormat;
  /** 'line' (default): the whole target line is masked; 'hole': from the first gold name on (holePosition). */
  readonly mask?: MaskMode;
  /** The engine that answers `ours+facts` (a LanguageFacts provider of its own); required with that strategy. */
  readonly factsEngine?: BenchEngine;
  /**
   * Gives the language server `text` as the file's content and waits until it has answered about it: not
   * measured. Called with the real text before every `ours+facts` request, so that request pays for the
   * user's edit (the masked text) as the editor's first request after a keystroke does, and after each
   * position, so no later position runs against a program that still has this position's line removed.
   */
  readonly openFile?: (file: string, text: string) => Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once per position with what every strategy showed there (`--positions-out`), for analysis. */
  readonly onPosition?: (record: PositionRecord) => void;
}

/** One position as measured: the gold, and per strategy and budget every candidate row and which gold the included ones showed. */
export interface PositionRecord {
  readonly file: string;
  /** 0-based, as the ground truth's. */
  readonly line: number;
  readonly column?: number;
  readonly lineText: string;
  readonly gold: readonly { readonly name: string; readonly category: string; readonly sites: readonly { readonly file: string; readonly signatureLine: number }[] }[];
  readonly results: readonly PositionResult[];
}

export interface PositionResult {
  readonly strategy: BenchStrategy;
  readonly budget: number;
  /** The gold names whose signature line the context shows. */
  readonly shown: readonly string[];
  readonly factsMs?: number;
  /** Every manifest row, included or not (with why it was dropped): fitting the packer's value model needs the rows it passed over. */
  readonly items: readonly Pick<ManifestItem, 'path' | 'startLine' | 'endLine' | 'level' | 'tokens' | 'score' | 'source' | 'reasons' | 'included' | 'dropped'>[];
}

/** Scores per strategy and budget (aligned with the positions), and the latency of every engine call. */
export interface CorpusRun {
  readonly scores: ReadonlyMap<BenchStrategy, ReadonlyMap<number, readonly PositionScore[]>>;
  readonly latenciesMs: ReadonlyMap<BenchStrategy, readonly number[]>;
  /** `ours+facts`: the facts' time per position (its first budget), and the positions some fact was missing at. */
  readonly facts?: { readonly ms: readonly number[]; readonly incomplete: number };
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
  const facts = { ms: [] as number[], incomplete: 0 };
  const outlineOf = outlineLines(engine.indexView);
  for (const [done, sampled] of positions.entries()) {
    const source = sourceOf(sampled.file);
    const gold = options.mask === 'hole' ? holePosition(sampled, source.split('\n').slice(0, sampled.line).join('\n')) : sampled;
    const masked = maskRestOfLine(source, { line: gold.line, character: gold.column ?? 0 });
    const results: PositionResult[] = [];
    for (const strategy of options.strategies) {
      for (const [b, budget] of options.budgets.entries()) {
        let items;
        let factsMs: number | undefined;
        if (strategy === 'oracle') {
          items = oracleItems(engine.indexView, { gold, text: masked.text, position: masked.position, budgetTokens: budget, format: options.format });
        } else {
          const withFacts = strategy === 'ours+facts';
          const answering = withFacts ? options.factsEngine : engine;
          if (!answering) throw new Error('ours+facts needs an engine with a language server (run with --lsp).');
          if (withFacts) await options.openFile?.(gold.file, source);
          const started = performance.now();
          const result = await answering.buildContext({ file: gold.file, position: masked.position, text: masked.text, budgetTokens: budget, strategy: withFacts ? 'ours' : strategy, format: options.format });
          latenciesMs.get(strategy)!.push(performance.now() - started);
          items = result.manifest.items;
          if (withFacts) factsMs = result.manifest.timingsMs.facts ?? 0;
          if (withFacts && b === 0) {
            facts.ms.push(factsMs!);
            if (!result.manifest.facts?.complete) facts.incomplete++;
          }
        }
        const spans = includedSpans(items, outlineOf);
        scores.get(strategy)!.get(budget)!.push(scorePosition(gold, spans));
        if (options.onPosition) {
          const rows = items.map(({ path, startLine, endLine, level, tokens, score, source, reasons, included, dropped }) => ({ path, startLine, endLine, level, tokens, score, source, reasons, included, ...(dropped === undefined ? {} : { dropped }) }));
          results.push({ strategy, budget, shown: shownGold(gold, spans), ...(factsMs === undefined ? {} : { factsMs }), items: rows });
        }
      }
    }
    options.onPosition?.({
      file: gold.file,
      line: gold.line,
      ...(gold.column === undefined ? {} : { column: gold.column }),
      lineText: gold.lineText,
      gold: gold.gold.map(g => ({ name: g.name, category: g.category, sites: g.sites.map(s => ({ file: s.file, signatureLine: s.signatureLine })) })),
      results,
    });
    await options.openFile?.(gold.file, source);
    options.onProgress?.(done + 1, positions.length);
  }
  return { scores, latenciesMs, facts };
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
    const lines = outlineIntervals(file.definitions, TextLines.of(text));
    memo.set(path, { hash: file.hash, lines });
    return lines;
  };
}
