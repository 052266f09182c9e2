import { posix } from 'node:path';
import { BoundedCache } from '../bounded-cache';
import { chunkOptions, LineTokens, type ChunkIndexOptions, type FileChunks, type HashedChunks } from '../index/chunk-windows';
import type { IndexView } from '../index/view';
import type { IndexedFile, StopCheck } from '../types';
import { isDeclarationFile, isMirror, isSourceForAny, mayBeMirror, topLevelNames } from './declaration-mirrors';
import { fileFeatures, type FileFeatures } from './file-features';
import { ChunkIndex } from './lexical';
import { personalizedPageRank, type OutEdges, type PageRankOptions } from './pagerank';
import { ReferenceGraph } from './reference-graph';
import { spanPriors, type SpanPriors } from './span-priors';
import { TokenRarity } from './token-rarity';
import { DEFAULT_WEIGHTS, type RankWeights } from './weights';

export interface StateBuildOptions {
  /** Longest stretch of work before yielding to the event loop (the editor must stay responsive). */
  readonly sliceMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_SLICE_MS = 8;

/** Texts loaded at once while the lexical tables catch up with files whose text was not in memory. */
const TEXT_LOADS_AT_ONCE = 16;

export interface RankingStateOptions {
  /**
   * Loads a file's text from disk when the index does not hold it in memory (it keeps texts within a byte
   * budget; a large workspace has more). The lexical tables then take the file in the background, so
   * lexical similarity covers every file, not only those whose texts happened to be in memory. Without it
   * such a file has no chunks until its text is in memory when it changes.
   */
  readonly loadText?: (path: string) => Promise<string | undefined>;
  /**
   * The windows the index workers computed when they read the file (default window options), handed over
   * once: the chunk index takes them instead of the text, which a large workspace's index may have let go.
   */
  readonly takeChunks?: (path: string) => HashedChunks | undefined;
  /**
   * While the index reads the file in the background (a warm start's reads): resolves once its windows are
   * handed over. The build waits for them, file by file, rather than chunk the text itself.
   */
  readonly warmRead?: (path: string) => Promise<void> | undefined;
}

/**
 * When the tables catch up with file events in the background: once the index has been quiet for `idleMs`,
 * and during a long burst (a generator, a test run, a branch switch) at the latest `maxWaitMs` after the
 * first change not taken in. Files that come and go within that time cost nothing; the next request finds
 * the tables current instead of catching up itself.
 */
export interface CatchUpTiming {
  readonly idleMs: number;
  readonly maxWaitMs: number;
}

export const DEFAULT_CATCH_UP: CatchUpTiming = { idleMs: 250, maxWaitMs: 2000 };

/**
 * Chunkings of recent file versions kept for reuse: a request's buffer and its file's indexed text are
 * swapped in and out once per request, and several requests (budgets, strategies) share a buffer.
 */
const RECENT_CHUNKINGS = 8;

interface FileEntry {
  readonly entry: IndexedFile;
  readonly features: FileFeatures;
}

/**
 * Everything ranking derives from the whole workspace, in one object the engine owns: per-file features,
 * the reference graph, declaration mirrors, token rarity, the chunk indexes, files by folder, span priors.
 * Built once in the background (`build`, in slices) and then updated file by file from the index's change
 * journal, so no request walks the workspace. For one request, `during` puts the request's buffer in
 * place of its file's entry (the same update, undone afterwards): every table then says what a tree with
 * that buffer on disk would say.
 */
export class RankingState {
  private files = new Map<string, FileEntry>();
  private mirrorSet = new Set<string>();
  private byFolder = new Map<string, Set<string>>();
  private rarity = new TokenRarity();
  private chunkIndexes = new Map<string, ChunkIndex>();
  private priors = new Map<string, SpanPriors>();
  private remembered = new Map<string, { readonly key: string; readonly value: unknown }>();
  private readonly recentChunkings = new BoundedCache<string, FileChunks>(RECENT_CHUNKINGS);
  private readonly recentLineTokens = new BoundedCache<string, LineTokens>(RECENT_CHUNKINGS);
  /**
   * The token sets the rarity table was last given for the files updated last, each equal to what the default
   * chunk index holds of its file: the next update of a buffer being typed in reads its "before" here, not from
   * its windows.
   */
  private readonly recentTokenSets = new BoundedCache<string, ReadonlySet<string>>(RECENT_CHUNKINGS);
  private graph: ReferenceGraph;
  /** The view the tables are read from and updated against: the index, or a request's view of it during `during`. */
  private view: IndexView;
  private syncedGeneration = -1;
  /** The full build in progress, advanced in slices (`build`, the background) or by a request without a deadline. */
  private pending: Iterator<Promise<void> | void> | undefined;
  /** Files changed in the index whose rows are not yet updated (a request past its deadline left them). */
  private readonly stale = new Set<string>();
  /** The one loop of slices stepping the outstanding work (a build, or what a request left), while it runs. */
  private background: Promise<void> | undefined;
  /** Files whose rows were put while their text was not in memory: their chunks and rarity wait for `loadText`. */
  private readonly textless = new Set<string>();
  /** The loads taking those files in, while they run. */
  private loadingTexts: Promise<void> | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  /** When the first change not yet handed to a background catch-up came (performance.now()). */
  private changedSince: number | undefined;
  private disposed = false;
  /** What span priors read of the current view, one function shared by every file's priors. */
  private readonly referencingFileCount = (name: string): number => this.view.symbols.referencingFileCount(name);

  constructor(
    index: IndexView,
    private readonly options: RankingStateOptions = {},
  ) {
    this.view = index;
    this.graph = this.emptyGraph();
    this.chunkIndexes.set(chunkKey(chunkOptions()), new ChunkIndex(chunkOptions()));
  }

  private emptyGraph(): ReferenceGraph {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the graph reads the state's current view and file count
    const state = this;
    const sources = {
      get symbols() {
        return state.view.symbols;
      },
      isMirror: (path: string) => state.mirrorSet.has(path),
      referenceCounts: (path: string) => state.files.get(path)?.features.referenceCounts,
      get fileCount() {
        return state.files.size;
      },
    };
    return new ReferenceGraph(sources, DEFAULT_WEIGHTS.pagerank.maxDefiningFilesPerEdge);
  }

  // ---- building and keeping up ----------------------------------------------------------------

  /**
   * Builds every table from the index in slices that yield to the event loop (a state built already is brought
   * up to date instead). A build that a request with a
   * deadline started in the background (one that came early in the warm-up) is finished, not redone: its work
   * and the windows it took would be lost. A request without a deadline meanwhile finishes it at once. The
   * files whose texts were not in memory join the lexical tables in the background after (`textsTakenIn`).
   */
  async build(options: StateBuildOptions = {}): Promise<void> {
    // One loop steps the work at a time: a second would step past the warm read the first waits for. The
    // first step of a state never built starts the build (`noteChanges`).
    while (this.background) await this.background;
    this.background = this.runSlices(options).finally(() => (this.background = undefined));
    await this.background;
  }

  /** Resolves once every file whose text was not in memory when it was put has its chunks (or cannot be read). */
  async textsTakenIn(): Promise<void> {
    while (this.loadingTexts) await this.loadingTexts;
  }

  /**
   * Brings the tables up to the index's generation: the changed files only, or a full build when the journal
   * cannot say. With a StopCheck it stops when told and leaves the rest to slices in the background; with
   * `deferRebuild` a full build is never started or continued here (a request with a deadline cannot afford
   * one). True when the tables answer for the index's current generation.
   */
  sync(stop?: StopCheck, deferRebuild = false): boolean {
    this.noteChanges();
    if (deferRebuild && this.pending) {
      this.finishInBackground();
      return false;
    }
    while (this.hasWork()) {
      if (stop?.shouldStop()) {
        this.finishInBackground();
        return false;
      }
      this.step();
    }
    return true;
  }

  /**
   * Runs `rank` with the tables as they would be if the request's view were the index (its buffer on disk).
   * The index's entry is put back lazily: the file is left among the stale ones, which every reader's `sync`
   * (the next request's, a background slice) brings back in line with the index before anything reads the
   * tables, so no request sees another's buffer. In the editor the buffer's own update is usually on its way
   * when the request comes: once it lands, the rows left are already the index's and putting them back costs
   * nothing, where an immediate undo and redo cost two whole updates of the file. Undefined when the tables
   * could not be brought up to date (see `sync`): ranking on half-updated tables would mislead.
   */
  during<T>(view: IndexView, file: string, rank: () => T, options: { stop?: StopCheck; deferRebuild?: boolean } = {}): T | undefined {
    if (!this.sync(options.stop, options.deferRebuild)) return undefined;
    if (view === this.view) return rank();
    const index = this.view;
    this.view = view;
    this.updateFile(file);
    try {
      return rank();
    } finally {
      this.view = index;
      this.stale.add(file);
    }
  }

  /**
   * The index changed: catch up in background slices when `timing` says. A state never built waits for
   * `build` (warm-up), which reads the index as it is then.
   */
  catchUpSoon(timing: CatchUpTiming = DEFAULT_CATCH_UP): void {
    if (this.disposed || this.syncedGeneration < 0) return;
    const now = performance.now();
    this.changedSince ??= now;
    clearTimeout(this.catchUpTimer);
    const wait = Math.max(0, Math.min(timing.idleMs, this.changedSince + timing.maxWaitMs - now));
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = undefined;
      this.changedSince = undefined;
      this.finishInBackground();
    }, wait);
    this.catchUpTimer.unref();
  }

  /** Whether the tables answer for the index's current generation (nothing left to catch up). */
  get current(): boolean {
    return !this.hasWork();
  }

  /**
   * How many files the tables have yet to take in: the changed ones, or every indexed file while a full build
   * is due (`rebuild`). The editor tells the user when a request will wait for these.
   */
  get backlog(): { readonly files: number; readonly rebuild: boolean } {
    const index = this.view;
    const unseen = index.generation === this.syncedGeneration ? [] : this.syncedGeneration < 0 ? undefined : index.changesSince(this.syncedGeneration);
    if (this.pending || !unseen) return { files: [...index.files()].length, rebuild: true };
    return { files: new Set([...this.stale, ...unseen]).size, rebuild: false };
  }

  /** Stops the background slices (the engine is closing). */
  dispose(): void {
    this.disposed = true;
    this.textless.clear();
    clearTimeout(this.catchUpTimer);
  }

  /** Takes in the index's changes since the last look: changed files to update, or a full build when the journal cannot say. */
  private noteChanges(): void {
    const index = this.view;
    if (this.pending || index.generation === this.syncedGeneration) return;
    const changed = this.syncedGeneration < 0 ? undefined : index.changesSince(this.syncedGeneration);
    if (!changed) {
      this.pending = this.buildSteps();
      return;
    }
    this.syncedGeneration = index.generation;
    for (const path of changed) this.stale.add(path);
  }

  private hasWork(): boolean {
    return this.pending !== undefined || this.stale.size > 0 || this.view.generation !== this.syncedGeneration;
  }

  /**
   * One bounded unit of outstanding work: a step of the full build, or one changed file. A step of the build
   * may answer what the next one waits for (a warm read): background slices wait for it, a request does not.
   */
  private step(): Promise<void> | void {
    this.noteChanges();
    if (this.pending) {
      const next = this.pending.next();
      if (next.done) this.pending = undefined;
      return next.value;
    }
    const path = this.stale.values().next();
    if (path.done) return;
    this.stale.delete(path.value);
    this.updateFile(path.value);
  }

  private finishInBackground(): void {
    this.background ??= this.runSlices({}).finally(() => (this.background = undefined));
  }

  private async runSlices(options: StateBuildOptions): Promise<void> {
    const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
    let sliceStart = performance.now();
    while (this.hasWork() && !options.signal?.aborted && !this.disposed) {
      const waitFor = this.step();
      if (waitFor) await waitFor; // the event loop ran meanwhile
      else if (performance.now() - sliceStart <= sliceMs) continue;
      else await new Promise(resolve => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }

  private *buildSteps(): Generator<Promise<void> | void> {
    const index = this.view;
    const generation = index.generation;
    // Fresh tables (a chunk index of another window size stays wanted, empty until filled below).
    this.files = new Map();
    this.mirrorSet = new Set();
    this.byFolder = new Map();
    this.rarity = new TokenRarity();
    this.recentTokenSets.clear();
    this.chunkIndexes = new Map([...this.chunkIndexes.values()].map(c => [chunkKey(c.options), new ChunkIndex(c.options)]));
    this.priors = new Map();
    this.remembered = new Map();
    this.graph = this.emptyGraph();
    this.stale.clear(); // every file is put afresh below
    this.textless.clear();
    const files = [...index.files()];
    for (const chunks of this.chunkIndexes.values()) chunks.beginBulkLoad();
    for (const file of files) {
      const read = this.options.warmRead?.(file.path);
      if (read) yield read;
      this.putFile(file);
      yield;
    }
    for (const chunks of this.chunkIndexes.values()) chunks.endBulkLoad();
    for (const file of files) if (isMirror(file.path, this.files.get(file.path)!.features, index.symbols)) this.mirrorSet.add(file.path);
    for (const file of files) {
      this.graph.recomputeFile(file.path);
      yield;
    }
    // What the first requests would otherwise compute: the weighed out-edges and the span priors.
    for (const file of files) {
      this.graph.outEdges(file.path);
      this.spanPriors(file.path, DEFAULT_WEIGHTS.spans);
      yield;
    }
    // Changes made while the build yielded are in the journal: `sync` applies them.
    this.syncedGeneration = generation;
  }

  /** Puts the file's rows in place of its old ones (if any): the tables touch only what differs. */
  private putFile(file: IndexedFile): void {
    const before = this.files.get(file.path)?.features.referenceCounts.keys() ?? [];
    const features = fileFeatures(file);
    this.files.set(file.path, { entry: file, features });
    const folder = posix.dirname(file.path);
    let inFolder = this.byFolder.get(folder);
    if (!inFolder) this.byFolder.set(folder, (inFolder = new Set()));
    inFolder.add(file.path);
    if (!this.takeHandedChunks(file.path, file.hash)) this.setText(file.path, file.hash, this.view.textInMemory(file.path));
    this.graph.replaceReferences(file.path, before, features.referenceCounts.keys());
  }

  private forgetFile(path: string): void {
    const known = this.files.get(path);
    if (!known) return;
    this.files.delete(path);
    const folder = posix.dirname(path);
    this.byFolder.get(folder)?.delete(path);
    if (this.byFolder.get(folder)?.size === 0) this.byFolder.delete(folder);
    this.setText(path, '', undefined);
    this.graph.replaceReferences(path, known.features.referenceCounts.keys(), []);
    this.mirrorSet.delete(path);
    this.graph.recomputeFile(path);
  }

  /**
   * Takes the windows the index workers computed for the file, if they are of this content and every chunk
   * index uses their options (the default ones); false when it had to chunk the text itself.
   */
  private takeHandedChunks(path: string, hash: string): boolean {
    const handed = this.options.takeChunks?.(path);
    if (handed?.hash !== hash || this.chunkIndexes.size !== 1) return false;
    this.textless.delete(path);
    this.replaceChunks(path, () => handed.chunks);
    return true;
  }

  /** `text` undefined: the file has no chunks, because it is gone or because its text is not in memory (it is loaded). */
  private setText(path: string, hash: string, text: string | undefined): void {
    if (text === undefined && this.files.has(path)) this.awaitText(path);
    else this.textless.delete(path);
    this.replaceChunks(path, chunks => (text === undefined ? undefined : this.chunking(chunks, path, hash, text)));
  }

  /** The file's chunks in every chunk index (undefined: none), and its tokens in the rarity table. */
  private replaceChunks(path: string, chunkingFor: (chunks: ChunkIndex) => FileChunks | undefined): void {
    const before = this.recentTokenSets.get(path) ?? this.defaultChunks.tokensOf(path);
    let after: ReadonlySet<string> | undefined;
    for (const chunks of this.chunkIndexes.values()) {
      const chunking = chunkingFor(chunks);
      chunks.replaceFile(path, chunking);
      // A file's windows name each of its distinct tokens (every line is in one): its token set, at hand.
      if (chunks === this.defaultChunks) after = chunking && new Set(chunking.tokens);
    }
    this.rarity.replaceFile(before, after);
    if (after) this.recentTokenSets.set(path, after);
    else this.recentTokenSets.delete(path);
  }

  private chunking(chunks: ChunkIndex, path: string, hash: string, text: string): FileChunks {
    const key = `${chunkKey(chunks.options)}\0${path}\0${hash}`;
    return this.recentChunkings.getOrCreate(key, () => this.lineTokens(path, text).windows(chunks.options));
  }

  /** The text's line tokens, from the path's last ones when they are at hand: a buffer being typed in is re-tokenized only where it changed. */
  private lineTokens(path: string, text: string): LineTokens {
    const last = this.recentLineTokens.get(path);
    const lines = last ? last.edited(text) : LineTokens.of(text);
    this.recentLineTokens.set(path, lines);
    return lines;
  }

  private awaitText(path: string): void {
    this.textless.add(path);
    if (this.loadingTexts || !this.options.loadText || this.disposed) return;
    this.loadingTexts = this.loadTexts(this.options.loadText).finally(() => (this.loadingTexts = undefined));
  }

  /**
   * Loads the texts of the files put without one, a few at a time, and puts each into the lexical tables if
   * the file's entry is still the one that was put. A text that cannot be read (the file is gone, or binary
   * now) leaves the file without chunks: the index's watcher brings its change.
   */
  private async loadTexts(loadText: (path: string) => Promise<string | undefined>): Promise<void> {
    await new Promise(resolve => setImmediate(resolve)); // never inside the synchronous update that found the file textless
    while (this.textless.size > 0 && !this.disposed) {
      const batch: string[] = [];
      for (const path of this.textless) if (batch.push(path) === TEXT_LOADS_AT_ONCE) break;
      const loaded = await Promise.all(batch.map(async path => {
        // A warm start's read of the file hands its windows: then there is no text to load.
        await this.options.warmRead?.(path);
        const hash = this.files.get(path)?.entry.hash;
        if (hash !== undefined && this.textless.has(path) && this.takeHandedChunks(path, hash)) return undefined;
        return { path, hash, text: await loadText(path).catch(() => undefined) };
      }));
      for (const { path, hash, text } of loaded.filter(load => load !== undefined)) {
        const known = this.files.get(path);
        // Put again meanwhile with its text, or changed while loading (its new version waits for the next batch).
        if (!this.textless.has(path) || (known && known.entry.hash !== hash)) continue;
        this.textless.delete(path);
        if (known && text !== undefined) this.setText(path, known.entry.hash, text);
      }
    }
  }

  /**
   * One file's entry changed (or came, or went): its own rows, then what depends on which files define a
   * name (edges of the files referencing it, mirror status of declaration and JavaScript files naming it) and on how many
   * files reference a name (span priors of the files defining it).
   */
  private updateFile(path: string): void {
    const entry = this.view.file(path);
    const old = this.files.get(path);
    if (old && entry && old.entry.hash === entry.hash) {
      this.files.set(path, { entry, features: old.features }); // same text, same symbols: resolution or mtime changed
      return;
    }
    const wasMirror = this.mirrorSet.has(path);
    const definedBefore = namesOf(old?.entry.definitions);
    const referencedBefore = old ? new Set(old.features.referenceCounts.keys()) : new Set<string>();
    if (entry) this.putFile(entry);
    else this.forgetFile(path);
    this.mirrorSet.delete(path);
    const now = this.files.get(path);
    const definedNow = namesOf(entry?.definitions);
    // A keystroke seldom changes a file's top-level names, and other files' changes keep its status up to date.
    const sameStatus = old && now && mayBeMirror(path) && sameSet(topLevelNames(old.features), topLevelNames(now.features));
    if (sameStatus ? wasMirror : now && isMirror(path, now.features, this.view.symbols)) this.mirrorSet.add(path);
    const changedDefiners = symmetricDifference(wasMirror ? new Set() : definedBefore, this.mirrorSet.has(path) ? new Set() : definedNow);
    const flipped: string[] = [];
    if (!isDeclarationFile(path)) {
      for (const name of symmetricDifference(definedBefore, definedNow)) {
        const definers = this.view.symbols.definitionsOf(name);
        // Another TypeScript source declares the name with or without this file: for every possible mirror it is
        // declared in sources as before, so none flips (a name typed on a keystroke is often such a common one).
        if (definers.some(definer => definer.path !== path && isSourceForAny(definer.path))) continue;
        for (const { path: declarations } of definers) {
          const known = this.files.get(declarations);
          if (!mayBeMirror(declarations) || !known || flipped.includes(declarations)) continue;
          if (isMirror(declarations, known.features, this.view.symbols) === this.mirrorSet.has(declarations)) continue;
          if (this.mirrorSet.has(declarations)) this.mirrorSet.delete(declarations);
          else this.mirrorSet.add(declarations);
          flipped.push(declarations);
          for (const name of namesOf(known.entry.definitions)) changedDefiners.add(name);
        }
      }
    }
    for (const name of changedDefiners) this.graph.definersChanged(name);
    for (const changed of [path, ...flipped]) this.graph.recomputeFile(changed);
    this.priors.delete(path);
    for (const name of symmetricDifference(referencedBefore, now ? new Set(now.features.referenceCounts.keys()) : new Set<string>())) {
      for (const location of this.view.symbols.definitionsOf(name)) this.priors.delete(location.path);
    }
  }

  private get defaultChunks(): ChunkIndex {
    return this.chunkIndexes.get(chunkKey(chunkOptions()))!;
  }

  // ---- what ranking reads ---------------------------------------------------------------------

  get fileCount(): number {
    return this.files.size;
  }

  /** Declaration files that repeat the sources' declarations (emitted `.d.ts`): never candidates, never definers. */
  get mirrors(): ReadonlySet<string> {
    return this.mirrorSet;
  }

  features(path: string): FileFeatures | undefined {
    return this.files.get(path)?.features;
  }

  /** A weight in (0, 1] that is 1 for a name defined in one file and falls as more files define it. */
  specificity(name: string): number {
    return this.graph.specificity(name);
  }

  /** Number of distinct other files whose references point at `path`. */
  referencedBy(path: string): number {
    return this.graph.referencedBy(path);
  }

  /** Files (not mirrors) defining `name`, in path order. */
  definers(name: string): readonly string[] {
    return this.graph.definers(name);
  }

  /** Files whose references name `name`. */
  referencersOf(name: string): ReadonlySet<string> {
    return this.graph.referencersOf(name);
  }

  /** Personalized PageRank over the reference graph, by local push: only the nodes the seeds reach are read. */
  pageRank(seeds: ReadonlyMap<string, number>, options: PageRankOptions, stop?: StopCheck): Map<string, number> {
    return personalizedPageRank(seeds, (path): OutEdges | undefined => this.graph.outEdges(path), options, stop);
  }

  get tokenRarity(): TokenRarity {
    return this.rarity;
  }

  /** The chunk index for these windows; another size than the default is built on first use, then kept. */
  chunks(options: ChunkIndexOptions = {}): ChunkIndex {
    const resolved = chunkOptions(options);
    const key = chunkKey(resolved);
    let chunks = this.chunkIndexes.get(key);
    if (!chunks) {
      this.chunkIndexes.set(key, (chunks = new ChunkIndex(resolved)));
      for (const path of this.files.keys()) {
        const text = this.view.textInMemory(path);
        if (text !== undefined) chunks.replaceFile(path, chunks.chunksOf(text));
        else this.awaitText(path);
      }
    }
    return chunks;
  }

  /** Indexed files in `folder` (workspace-relative, `.` for the root). */
  filesIn(folder: string): ReadonlySet<string> {
    return this.byFolder.get(folder) ?? new Set();
  }

  /** Span priors of a file, kept until a use count they read changes. */
  spanPriors(path: string, weights: RankWeights['spans']): SpanPriors | undefined {
    const known = this.priors.get(path);
    if (known?.weights === weights) return known;
    const features = this.features(path);
    if (!features) return undefined;
    const priors = spanPriors(features, weights, this.referencingFileCount);
    this.priors.set(path, priors);
    return priors;
  }

  /**
   * The last value computed under `slot` while its key is unchanged (a baseline's ranking asked again at
   * another budget). The key must say everything the value depends on, the index generation included.
   */
  remember<T>(slot: string, key: string, compute: () => T): T {
    const known = this.remembered.get(slot);
    if (known?.key === key) return known.value as T;
    const value = compute();
    this.remembered.set(slot, { key, value });
    return value;
  }

  /** A canonical copy of every table, for comparing a maintained state with a fresh build. */
  tables(): Record<string, unknown> {
    const paths = [...this.files.keys()].sort();
    return {
      files: paths.map(path => [path, this.files.get(path)!.entry.hash]),
      mirrors: [...this.mirrorSet].sort(),
      folders: [...this.byFolder].map(([folder, inFolder]) => [folder, [...inFolder].sort()]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      graph: this.graph.tables(),
      outEdges: paths.map(path => [path, this.graph.outEdges(path)]),
      rarity: this.rarity.tables(),
      chunks: [...this.chunkIndexes.keys()].sort().map(key => [key, this.chunkIndexes.get(key)!.tables()]),
    };
  }
}

function chunkKey(options: Required<ChunkIndexOptions>): string {
  return `${options.windowLines}/${options.strideLines}`;
}

function namesOf(definitions: IndexedFile['definitions'] | undefined): Set<string> {
  return new Set((definitions ?? []).map(d => d.name));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  for (const x of a) if (!b.has(x)) result.add(x);
  for (const x of b) if (!a.has(x)) result.add(x);
  return result;
}
