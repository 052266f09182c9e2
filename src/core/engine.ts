// The facade the CLI, the benchmark and the VS Code layer call: index once, then for each cursor position
// cursor facts -> ranking (ours or a baseline) -> packing, with the time each stage took.
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { analyzeCursor } from './cursor';
import { WorkspaceIndex, type IndexOptions } from './index/workspace-index';
import { BoundedCache } from './bounded-cache';
import { mostImportedFirst, packContext, textsPackingLacks, tokenizerFor, warmTokenCounts, type KeptContext } from './pack';
// Straight from their files: the prompt's entry is what the extension host bundles, and these count tokens.
import { fitPrompt } from './prompt/fit-prompt';
import { renderPrompt } from './prompt/templates';
import { oursStrategy, PINNED_REASON } from './rank';
import { BASELINE_STRATEGIES } from './rank/baselines';
import { importedDefinitionsFromIndex } from './rank/baselines/imports';
import { DEFAULT_CATCH_UP, RankingState, type CatchUpTiming } from './rank/ranking-state';
import { requestView } from './rank/request-view';
import type { Strategy } from './rank/strategy';
import { withTexts, type IndexView } from './index/view';
import { DEFAULT_FACTS_BUDGET_MS, type GatheredFacts, type LanguageFacts } from './facts';
import { sampleIndexedPositions, type EvalPosition } from './eval/index-positions';
import { waitAtMost } from './wait-at-most';
import type { SamplingOptions } from './eval/sample';
import { MAX_CURSOR_MOVE_FOR_REUSE_LINES, type EngineApi, type EngineRequest, type EngineStats, type MonitoredCompletion, type MonitoredRequest, type MonitorWarmUp, type WarmUpRequest } from './service/api';
import { BuildBudget, type BuildStage } from './service/build-budget';
import { MonitorService } from './service/monitor-service';
import { factsSummary, requestFacts } from './service/request-facts';
import { redactSecrets } from './workspace';
import type { BuildControl, ContextRequest, ContextResult, FileSymbols, IndexedFile, IndexSummary, LanguageId, Manifest, Ranking, RankedFile, SecretFinding, StrategyName, TokenizerName } from './types';

export interface EngineOptions extends IndexOptions {
  /** Milliseconds a request's language facts may take (DEFAULT_FACTS_BUDGET_MS); they count against its deadline too. */
  readonly factsBudgetMs?: number;
  /** When the ranking state takes in file events in the background (DEFAULT_CATCH_UP). */
  readonly catchUp?: CatchUpTiming;
}

/** In-process only (a provider does not cross to the engine thread): where the engine asks for language facts. */
export interface InProcessEngineOptions extends EngineOptions {
  /** Asked before ranking when a request brings no facts of its own; the engine disposes it. */
  readonly facts?: LanguageFacts;
}

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = { ours: oursStrategy, ...BASELINE_STRATEGIES };

export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

/** Parses of recent buffers, so several budgets or strategies for one position parse once. */
const PARSE_CACHE_ENTRIES = 8;

/** Packed contexts remembered per file, strategy, budget, …, so typing on keeps the prompt's start. */
const KEPT_CONTEXT_ENTRIES = 32;

/** Past the deadline before ranking: no cross-file context, the current file only. */
const NO_RANKING: Ranking = { files: [], packing: 'levels' };
/** The rehearsal's budget: the inline completion's default (`codebaseContext.contextBudgetTokens`). */
const REHEARSAL_BUDGET_TOKENS = 4096;
/**
 * How many builds the warm-up rehearses, and for how long at most: V8 optimizes the ranking and packing
 * code only after it has run several times, so one build left the first request running much of it
 * unoptimized (zod: first request after ready 132-227 ms with one build, 21-100 ms with eight, at load
 * 8-14; latency-bench.md, 2026-12-03). The time bound keeps a large workspace's warm-up short.
 */
const REHEARSALS = 8;
const REHEARSAL_TIME_MS = 1000;
/** The rehearsal's facts: none gathered, so no language server is started or asked. */
const NO_FACTS: GatheredFacts = { facts: [], missing: [], complete: true, elapsedMs: 0 };

export class ContextEngine implements EngineApi {
  private readonly parses = new BoundedCache<string, Promise<FileSymbols>>(PARSE_CACHE_ENTRIES);
  private readonly keptContexts = new BoundedCache<string, { readonly kept: KeptContext; readonly line: number }>(KEPT_CONTEXT_ENTRIES);
  /** Per file, the symbols of the last buffer that parsed cleanly. */
  private readonly cleanSymbols = new BoundedCache<string, FileSymbols>(KEPT_CONTEXT_ENTRIES);

  private readonly builds = { done: 0, partial: 0, cancelled: 0 };
  /** What ranking derives from the whole workspace, built by warmUp and kept current file by file. */
  private readonly rankingState: RankingState;

  private constructor(
    private readonly index: WorkspaceIndex,
    readonly summary: IndexSummary,
    private readonly facts: LanguageFacts | undefined,
    private readonly factsBudgetMs: number,
    private readonly catchUp: CatchUpTiming,
  ) {
    this.rankingState = new RankingState(index, {
      loadText: path => index.loadText(path),
      takeChunks: path => index.takeChunks(path),
      warmRead: path => index.warmRead(path),
    });
  }

  get root(): string {
    return this.index.root;
  }

  /**
   * The index, read-only, for measuring the engine in-process: the benchmark's oracle packs the gold with the
   * very index the strategies read, and tests check what was indexed. Adapters (the command line, the
   * editor) never read it: they go through the EngineApi methods and samplePositions.
   */
  get indexView(): IndexView {
    return this.index;
  }

  /**
   * Lines worth asking a model to complete (each uses a name declared in another file), drawn by the
   * benchmark's seeded sampler: what `codebase-context eval` measures at, without reading the index itself.
   */
  samplePositions(options?: SamplingOptions): EvalPosition[] {
    return sampleIndexedPositions(this.index, options);
  }

  /** Opens the index and builds it (warm from the cache when possible). */
  static async open(options: InProcessEngineOptions, signal?: AbortSignal): Promise<ContextEngine> {
    const index = await WorkspaceIndex.open(options).catch(async (error: unknown) => {
      await options.facts?.dispose();
      throw error;
    });
    try {
      return new ContextEngine(index, await index.build(signal), options.facts, options.factsBudgetMs ?? DEFAULT_FACTS_BUDGET_MS, options.catchUp ?? DEFAULT_CATCH_UP);
    } catch (error) {
      await Promise.all([index.dispose(), options.facts?.dispose()]);
      throw error;
    }
  }

  /**
   * Checks for cancellation between the stages (parse, cursor, rank, pack) and hands the ranking a StopCheck.
   * Past the deadline it returns what it has: the packed part of the ranking, or the current file only when
   * there is no ranking yet, with `manifest.partial` saying what was cut.
   */
  async buildContext(request: EngineRequest, control: BuildControl = {}): Promise<ContextResult> {
    try {
      const result = await this.buildStages(request, new BuildBudget(control));
      this.builds.done++;
      if (result.manifest.partial) this.builds.partial++;
      return result;
    } catch (error) {
      if ((error as Error).name === 'AbortError') this.builds.cancelled++;
      throw error;
    }
  }

  /**
   * The cursor rests at the request's position: the user moved there and has not typed yet. Builds its context
   * now, while nobody waits, and throws the result away: the first keystroke there then continues this context
   * (pack/reuse.ts) instead of packing afresh, and the index worker already holds the buffer's syntax tree, so
   * that keystroke's parse is incremental. Does nothing when a context kept for a cursor near this one serves
   * already, and while the ranking state is still being built (the warm-up builds it in slices; a preparation
   * doing it at once would hold this thread for as long). Resolves to whether it kept a context; cancellable
   * like a build (a request that someone waits for should cancel it), and not counted among the builds.
   */
  async prepareContext(request: EngineRequest, control: BuildControl = {}): Promise<boolean> {
    const continuity = continuityKey(request, request.strategy ?? 'ours', workspaceFile(request.file));
    if (this.nearbyKeptContext(continuity, request.position.line)) return false;
    const prepared = await this.buildStages(request, new BuildBudget(control), { prepare: true });
    return prepared.manifest.partial === undefined; // a partial context is not kept
  }

  private async buildStages(request: EngineRequest, budget: BuildBudget, { prepare = false } = {}): Promise<ContextResult> {
    const started = performance.now();
    const file = workspaceFile(request.file);
    const language = this.index.languageOf(file);
    if (!language) throw new Error(`${file} is not in a language Codebase Context supports; open a source file (TypeScript, Python, Go, …).`);
    // The buffer is redacted like every indexed text: no secret in it reaches the prompt or the ranking.
    const buffer = request.text === undefined ? undefined : redactSecrets(request.text);
    const text = buffer?.text ?? this.index.text(file) ?? (await this.index.loadText(file)); // evicted: wait for it, never read sync
    if (text === undefined) throw new Error(`${file} is not in the index of ${this.index.root}: check that the path is relative to that folder and not excluded, or pass the buffer's text.`);
    const strategyName = request.strategy ?? 'ours';
    const strategy = STRATEGIES[strategyName];
    if (!strategy) throw new Error(`Unknown strategy '${strategyName}'. Use one of: ${STRATEGY_NAMES.join(', ')}.`);

    budget.throwIfCancelled('parse', []);
    const symbols = await this.symbolsOf(file, language, text);
    // A prepared buffer is typed in next. Its symbols may have come from the index, parsed by any worker: the
    // buffer's own parse leaves its syntax tree with the worker that parses buffers, so that the keystroke's
    // parse is incremental. Not waited for; should it fail, the keystroke parses the whole buffer, as without it.
    if (prepare && request.text !== undefined && symbols === this.index.file(file)) this.index.parse(language, text, file).catch(() => undefined);
    if (!symbols.hasErrors) this.cleanSymbols.set(file, symbols);
    budget.throwIfCancelled('cursor', ['parse']);
    const parsed = performance.now();
    const resolvedImports = this.index.resolveImports(file, language, symbols.imports);
    const cursor = analyzeCursor({ file, language, text, position: request.position, symbols, resolvedImports, previousSymbols: symbols.hasErrors ? this.lastGoodSymbols(file) : undefined });
    const cursorDone = performance.now();
    budget.throwIfCancelled('facts', ['parse', 'cursor']);
    // The request's buffer replaces its file's entry for everything facts, ranking and packing read (no leak of a masked line).
    const view = requestView(this.index, { path: file, language, text, symbols, resolvedImports });
    const readText = async (path: string) => this.index.text(path) ?? (await this.index.loadText(path));
    const declarationsIn = (path: string) => this.index.file(path)?.definitions;
    const declarationsNamed = (name: string) => view.symbols.definitionsOf(name);
    const facts = await requestFacts({ request, strategy: strategyName, provider: this.facts, budgetMs: this.factsBudgetMs, cursor, text, readText, declarationsIn, declarationsNamed, budget });
    const factsDone = performance.now();
    budget.throwIfCancelled('rank', ['parse', 'cursor', 'facts']);
    const rankNow = !budget.pastDeadline();
    const rank = () => withPins(strategy.rank({ index: view, state: this.rankingState, cursor, facts, text, signals: request.signals, stop: budget.stop }), request.signals?.pinned ?? [], this.index);
    // With a deadline, or for a preparation, a ranking state that needs a full build is not built here: it is built in the background.
    const ranked = rankNow ? this.rankingState.during(view, file, rank, { stop: budget.stop, deferRebuild: budget.deadlineMs !== undefined || prepare }) : undefined;
    const continuity = continuityKey(request, strategyName, file);
    const previous = this.nearbyKeptContext(continuity, request.position.line);
    // The tables not ready and nothing kept near this cursor: rather than the current file alone, the declarations
    // it imports, read from the index (seconds of a large workspace's warm start). Not for a preparation: its
    // partial context is thrown away.
    const imported = !ranked && !previous && !prepare && !budget.pastDeadline() ? withPins(importedDefinitionsFromIndex(view, cursor, text), request.signals?.pinned ?? [], this.index) : undefined;
    const ranking = ranked ?? imported;
    const rankDone = performance.now();
    const packView = ranking ? withTexts(view, await this.loadTextsPackingLacks(ranking, view, request, budget)) : view;
    budget.throwIfCancelled('pack', ['parse', 'cursor', ...(facts ? ['facts' as BuildStage] : []), ...(ranking ? ['rank' as BuildStage] : [])]);
    const pack = (budgetTokens: number) => packContext({
      index: packView,
      ranking: ranking ?? NO_RANKING,
      file,
      language,
      text,
      lines: cursor.lines,
      position: request.position,
      budgetTokens,
      prefixShare: request.prefixShare,
      suffixShare: request.suffixShare,
      tokenizer: tokenizerFor(request.tokenizer),
      excluded: request.signals?.excluded,
      previous,
      stop: budget.stop,
    });
    // With a format, the budget bounds the rendered prompt as the model counts it, template included.
    const fitted = request.format
      ? fitPrompt(request.budgetTokens, request.format, pack, parts => renderPrompt({ ...parts, file, language, format: request.format!, repoName: request.repoName }))
      : undefined;
    const packed = fitted?.packed ?? pack(request.budgetTokens);
    const noRanking = () =>
      !rankNow
        ? `past the deadline of ${budget.deadlineMs} ms before ranking`
        : budget.deadlineMs === undefined || this.rankingState.backlog.rebuild
          ? 'the ranking state was still being built (it goes on in the background)'
          : `the ranking state was still being brought up to date when the deadline of ${budget.deadlineMs} ms came (it goes on in the background)`;
    const instead = previous
      ? 'the context packed for the last request near this cursor, nothing newly ranked'
      : imported
        ? `the declarations this file imports, as the index tells them, nothing ranked${budget.stopped ? ` (packed until the deadline of ${budget.deadlineMs} ms)` : ''}`
        : 'current file only';
    const partial = !ranked
      ? `${noRanking()}: ${instead}`
      : budget.stopped
        ? `ranking or packing cut short at the deadline of ${budget.deadlineMs} ms: packed what was ranked and selected in time`
        : undefined;
    // A partial context is not offered to the next request as one worth keeping the start of.
    if (!partial) this.keptContexts.set(continuity, { kept: packed.kept, line: request.position.line });
    const done = performance.now();
    const ms = (from: number, to: number) => Math.round((to - from) * 1000) / 1000;
    // The facts' own time: the editor's were gathered on its side before the request came.
    return {
      context: packed.context,
      prefix: packed.prefix,
      suffix: packed.suffix,
      manifest: {
        file,
        position: request.position,
        strategy: strategyName,
        budget: request.budgetTokens,
        usedTokens: packed.usedTokens,
        ...(fitted ? { promptTokens: fitted.tokens } : {}),
        tokensBySource: packed.tokensBySource,
        items: packed.items,
        timingsMs: { parse: ms(started, parsed), cursor: ms(parsed, cursorDone), ...(facts ? { facts: Math.round(facts.elapsedMs * 1000) / 1000 } : {}), rank: ms(factsDone, rankDone), pack: ms(rankDone, done), total: ms(started, done) },
        ...(partial ? { partial } : {}),
        ...(this.rankingState.mirrors.size > 0 ? { mirrorsLeftOut: this.rankingState.mirrors.size } : {}),
        ...(facts ? { facts: factsSummary(facts) } : {}),
        ...redactionsShown(file, buffer?.findings, packed.kept.shown.keys(), this.index),
      },
    };
  }

  /**
   * A workspace with more text than the index keeps in memory: the texts of the ranked files packing would
   * read and cannot (textsPackingLacks), as loaded by the deadline. Read from the disk cache they take a few
   * milliseconds; without them those files would be left out of this request.
   */
  private async loadTextsPackingLacks(ranking: Ranking, view: IndexView, request: EngineRequest, budget: BuildBudget): Promise<Map<string, string>> {
    const loaded = new Map<string, string>();
    const lacking = textsPackingLacks(ranking, view, request.budgetTokens, tokenizerFor(request.tokenizer));
    if (lacking.length === 0) return loaded;
    const loads = Promise.all(
      lacking.map(async path => {
        const text = await this.index.loadText(path);
        if (text !== undefined) loaded.set(path, text);
      }),
    );
    const remaining = budget.remainingMs();
    await (remaining === undefined ? loads : waitAtMost(loads, remaining));
    return loaded;
  }

  /**
   * Prepares, in small slices that leave the event loop free, what the first requests would otherwise
   * compute: the ranking state (rank/ranking-state.ts), then the token counts of the workspace's files, then
   * (unless `rehearse` is false) a few builds thrown away. Resolves once the lexical tables also hold the
   * files whose texts were not in memory (a large workspace). The editor calls it once the index is built;
   * the benchmark before it measures, as a user's editor would have done while idle.
   */
  async warmUp(options: WarmUpRequest & { signal?: AbortSignal } = {}): Promise<void> {
    // A request during the seconds of the build below would otherwise wait for its language's grammar.
    this.index.loadGrammars();
    // On a warm start the build takes each file's windows as the index's background reads hand them over;
    // the token counts below need their texts in.
    await this.rankingState.build({ signal: options.signal });
    await this.index.textsLoaded();
    await warmTokenCounts(this.index, tokenizerFor(options.tokenizer), { signal: options.signal, loadText: path => this.index.loadText(path) });
    if (options.rehearse ?? true) await this.rehearse(options);
    await this.rankingState.textsTakenIn();
  }

  /**
   * Builds thrown away, one at the middle of each of the workspace's most imported files: V8 compiles and
   * optimizes the ranking and packing code on them, which the user's first request would otherwise pay for
   * (REHEARSALS). Each sends the buffer of a user about to type there (the line emptied), so the code a
   * buffer runs is compiled too: its parse, the ranking state's update for it and its chunking (the index
   * workers chunk the indexed files, so nothing else on this thread does). They ask no language server and
   * leave nothing for the next request to reuse. A one-off request gains nothing from them (`rehearse: false`).
   */
  private async rehearse(options: { tokenizer?: TokenizerName; signal?: AbortSignal }): Promise<void> {
    const started = performance.now();
    const central: IndexedFile[] = [];
    for (const file of mostImportedFirst(this.index)) {
      if (this.index.textInMemory(file.path) !== undefined && central.push(file) === REHEARSALS) break;
    }
    for (const file of central) {
      if (options.signal?.aborted || performance.now() - started > REHEARSAL_TIME_MS) break;
      const lines = this.index.textInMemory(file.path)?.split('\n') ?? [];
      const middle = Math.floor(lines.length / 2);
      const request: EngineRequest = {
        file: file.path,
        position: { line: middle, character: 0 },
        text: lines.map((line, i) => (i === middle ? '' : line)).join('\n'),
        budgetTokens: REHEARSAL_BUDGET_TOKENS,
        tokenizer: options.tokenizer,
        facts: NO_FACTS,
      };
      try {
        await this.buildStages(request, new BuildBudget({ signal: options.signal }));
        // A keystroke on the emptied line: the index worker extracts only what it touched (edited-extraction.ts),
        // code no whole parse runs, which the user's first keystroke after the warm-up would otherwise compile.
        await this.index.parse(file.language, lines.map((line, i) => (i === middle ? 'x' : line)).join('\n'), file.path);
      } catch {
        // Nothing depends on it: a request there fails the same way, and says why, when a user makes one.
      } finally {
        this.keptContexts.delete(continuityKey(request, 'ours', file.path));
        this.cleanSymbols.delete(file.path);
      }
    }
    // The last rehearsal's buffer is still in the ranking state (a request's file is put back by the next sync):
    // put back now, not by the user's first request.
    this.rankingState.sync(options.signal && { shouldStop: () => options.signal!.aborted });
  }

  async updateFile(path: string, text?: string): Promise<void> {
    await this.index.updateFile(path, text);
    this.rankingState.catchUpSoon(this.catchUp);
  }

  async removeFile(path: string): Promise<void> {
    await this.index.removeFile(path);
    this.rankingState.catchUpSoon(this.catchUp);
  }

  async renameFile(from: string, to: string): Promise<void> {
    await this.index.renameFile(from, to);
    this.rankingState.catchUpSoon(this.catchUp);
  }

  async text(path: string): Promise<string | undefined> {
    return this.index.loadText(path);
  }

  async stats(): Promise<EngineStats> {
    // Started with --expose-gc (the benchmarks; an engine thread inherits the flag): collect first, so the heap
    // figures say what the engine keeps, not garbage not yet collected. The editor never exposes gc: no pause there.
    (globalThis as { gc?: () => void }).gc?.();
    const heap = v8.getHeapStatistics();
    return {
      memory: process.memoryUsage(),
      heap: { usedHeapSize: heap.used_heap_size, totalHeapSize: heap.total_heap_size, heapSizeLimit: heap.heap_size_limit },
      builds: { ...this.builds },
      rankingBacklog: this.rankingState.backlog,
    };
  }

  /** Monitored completions, with language servers of their own: created at the first one. */
  private monitor: MonitorService | undefined;

  completeMonitored(request: MonitoredRequest, control: { readonly signal?: AbortSignal } = {}): Promise<MonitoredCompletion> {
    return this.monitorService().complete(request, control.signal ?? new AbortController().signal);
  }

  warmUpMonitor(document: MonitorWarmUp): Promise<void> {
    return this.monitorService().warmUp(document);
  }

  async dispose(): Promise<void> {
    this.rankingState.dispose();
    await Promise.all([this.index.dispose(), this.facts?.dispose(), this.monitor?.dispose()]);
  }

  private monitorService(): MonitorService {
    return (this.monitor ??= new MonitorService(this.root));
  }

  /** The context packed for the last request with the same continuity, if its cursor was near this one. */
  private nearbyKeptContext(continuity: string, line: number): KeptContext | undefined {
    const last = this.keptContexts.get(continuity);
    return last && Math.abs(last.line - line) <= MAX_CURSOR_MOVE_FOR_REUSE_LINES ? last.kept : undefined;
  }

  /**
   * The file's last symbols from a clean parse (a recent buffer, else the index): the scopes to fall back on
   * while a half-typed line breaks the buffer's parse.
   */
  private lastGoodSymbols(file: string): FileSymbols | undefined {
    const indexed = this.index.file(file);
    return this.cleanSymbols.get(file) ?? (indexed && !indexed.hasErrors ? indexed : undefined);
  }

  /** The indexed symbols when the buffer is what was indexed; otherwise a parse of the buffer (memoised). */
  private symbolsOf(file: string, language: LanguageId, text: string): Promise<FileSymbols> {
    const indexed = this.index.file(file);
    if (indexed && this.index.text(file) === text) return Promise.resolve(indexed);
    const key = `${language}\0${text}`;
    return this.parses.getOrCreate(key, () =>
      this.index.parse(language, text, file).catch((error: unknown) => {
        this.parses.delete(key); // a failed parse is not remembered: the next request tries again
        throw error;
      }),
    );
  }
}

/** The request's file as the index names it: workspace-relative with forward slashes, whatever the caller's platform. */
function workspaceFile(file: string): string {
  return file.replace(/\\/g, '/');
}

/**
 * What must stay the same for a packed context to be offered to the next request: the file, the strategy,
 * the budget and shares, the tokenizer, pins and excludes. Not the enclosing declaration: while a line is
 * half typed the parse (and so the scope found around the cursor) flickers from keystroke to keystroke;
 * packing itself decides how much of the offered context still serves the cursor (pack/extend.ts).
 */
function continuityKey(request: ContextRequest, strategy: StrategyName, file: string): string {
  const signals = request.signals;
  return JSON.stringify([
    file,
    strategy,
    request.budgetTokens,
    request.prefixShare ?? null,
    request.suffixShare ?? null,
    request.tokenizer ?? null,
    signals?.pinned ?? [],
    signals?.excluded ?? [],
  ]);
}

/**
 * Pins hold for every strategy: files the user pinned are marked (and added when the ranking left them
 * out) so packing places them first. Our ranking does this itself; the baselines do not know about pins.
 */
function withPins(ranking: Ranking, pinned: readonly string[], index: WorkspaceIndex): Ranking {
  if (pinned.length === 0) return ranking;
  const pins = new Set(pinned.filter(path => index.file(path)));
  const top = ranking.files.reduce((max, f) => Math.max(max, f.score), 0);
  const marked = ranking.files.map(f => (pins.has(f.path) && !f.pinned ? { ...f, pinned: true } : f));
  const present = new Set(ranking.files.map(f => f.path));
  const added: RankedFile[] = [...pins]
    .filter(path => !present.has(path))
    .sort()
    .map(path => ({ path, score: top, reasons: [PINNED_REASON], source: 'pinned', spans: [], pinned: true }));
  return { ...ranking, files: [...added, ...marked] };
}

/** What was redacted in the current file and the files the context shows (kinds and lines, never values), for the manifest. */
function redactionsShown(file: string, bufferFindings: readonly SecretFinding[] | undefined, shown: Iterable<string>, index: IndexView): Pick<Manifest, 'redactions'> {
  const paths = [file, ...[...shown].filter(path => path !== file).sort()];
  const redactions = paths.flatMap(path => {
    const findings = path === file && bufferFindings ? bufferFindings : (index.file(path)?.redactions ?? []);
    return findings.map(finding => ({ path, kind: finding.kind, line: finding.line }));
  });
  return redactions.length > 0 ? { redactions } : {};
}
