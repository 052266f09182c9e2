// The workspace index: discovers the files, has the worker extract their symbols, resolves imports,
// keeps the workspace symbol table, and persists itself. It is the single owner of per-file state;
// every mutation goes through one queue, so a file update never races a full build.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  DiscoveredFile,
  FileSymbols,
  ImportRecord,
  IndexedFile,
  IndexProgress,
  IndexSummary,
  LanguageId,
  SkippedFile,
  SkipReason,
} from '../types';
import { discoverWorkspace, readConfigText, redactSecrets, rememberClean, WorkspaceFilter, type WorkspaceOptions } from '../workspace';
import { defaultCacheDir, IndexCache } from './cache';
import type { HashedChunks } from './chunk-windows';
import { languageForPath } from '../languages';
import { IndexEntry } from './indexed-entry';
import { NameTable } from './name-table';
import { ImportResolver } from './resolve-imports';
import { jsoncProblem } from './resolve-jsonc';
import { WorkspaceSymbolTable } from './symbol-table';
import { TextStore } from './text-store';
import { WarmReads } from './warm-reads';
import type { IndexView } from './view';
import { IndexWorkerPool } from './worker-pool';
import type { FileJob, FileOutcome } from './worker-protocol';

export interface IndexOptions extends WorkspaceOptions {
  /** Where the index persists between runs; `false` keeps it in memory only. Default: an OS cache folder. */
  readonly cacheDir?: string | false;
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Files sent to a worker per message: small enough for smooth progress, large enough to amortise messaging. */
  readonly batchSize?: number;
  /**
   * Worker threads for a full build; single-file updates always use one. Default: one per `bytesPerThread`
   * of source to parse, up to `maxBuildThreads` (a thread costs a few hundred milliseconds to start and
   * load its grammars, which only enough source pays back).
   */
  readonly buildThreads?: number;
  /** Default: one per core but one, so the editor keeps a core to itself; the command line uses them all. */
  readonly maxBuildThreads?: number;
  /**
   * Bytes of file text kept in memory for `text()`, least recently used out first; a text not in memory is
   * loaded in the background when asked for, never read on the asking path.
   */
  readonly textCacheBytes?: number;
  /** How long after the last single-file update the cache is written. */
  readonly saveDelayMs?: number;
}

const DEFAULTS = {
  batchSize: 32,
  maxBuildThreads: Math.max(1, Math.min(4, os.availableParallelism() - 1)),
  /** Measured by bench:index on two cores: a second thread pays off on zod's 2.9 MB, not on rxjs's 0.8 MB. */
  bytesPerThread: 1.5 * 1024 * 1024,
  textCacheBytes: 64 * 1024 * 1024,
  saveDelayMs: 2000,
} as const;

/**
 * Changes remembered for `changesSince`. A derived structure further behind than this (a branch switch
 * that changed more files) rebuilds from `files()`, which is as cheap as replaying that many changes.
 */
const MAX_JOURNAL_ENTRIES = 20_000;

/** Files whose change alters how imports resolve: the resolver is rebuilt when one changes. */
const RESOLUTION_CONFIG = /(^|\/)(tsconfig[^/]*\.json|jsconfig\.json|package\.json|pnpm-workspace\.yaml|go\.mod|pyproject\.toml|setup\.py|setup\.cfg)$/;

/** Configuration files in JSON with comments: one that does not parse is reported with its line. */
const JSON_CONFIG = /(^|\/)(tsconfig[^/]*\.json|jsconfig\.json|package\.json)$/;

function abortError(): Error {
  const error = new Error('Indexing was cancelled.');
  error.name = 'AbortError';
  return error;
}

export class WorkspaceIndex implements IndexView {
  readonly root: string;
  readonly symbols = new WorkspaceSymbolTable();
  private readonly files_ = new Map<string, IndexEntry>();
  private names = new NameTable();
  private generation_ = 0;
  /** The paths whose entries changed, one per generation after `journalStart` (see `changesSince`). */
  private journal: string[] = [];
  private journalStart = 0;
  /** Unsaved buffers, their secrets redacted. */
  private readonly overrides = new Map<string, string>();
  /** Said in the next build's summary, then forgotten: a damaged cache, a broken tsconfig.json. */
  private readonly warnings: string[] = [];
  private readonly texts: TextStore;
  /**
   * The chunk windows the workers computed for the files they read, until the ranking state takes them
   * (`takeChunks`): held between a read and the ranking state's next look at the file, never for good.
   */
  private handedChunks = new Map<string, HashedChunks>();
  /**
   * Whether the workspace has more text than `textCacheBytes`: then the workers count the files' line tokens
   * as they read them (IndexedFile.lineTokens), since packing a file whose text was let go would read it again.
   * A smaller workspace's texts stay in memory, and the warm-up counts them on the engine thread.
   */
  private countLineTokens = false;
  /** A warm start's background reads, while they run (and after: `textsLoaded` waits on them). */
  private warmReads: WarmReads | undefined;
  private resolver: ImportResolver | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private saveTimer: NodeJS.Timeout | undefined;
  /** The cache being written, while it is; `saveWanted`: the index changed since that save took its snapshot. */
  private saving: Promise<void> | undefined;
  private saveWanted = false;
  private disposed = false;

  private constructor(
    private readonly options: IndexOptions,
    private readonly filter: WorkspaceFilter,
    private readonly worker: IndexWorkerPool,
    private readonly cache: IndexCache | undefined,
  ) {
    this.root = options.root;
    this.texts = new TextStore(this.root, options.textCacheBytes ?? DEFAULTS.textCacheBytes, relPath => this.files_.has(relPath), filter.maxFileBytes);
  }

  /** Starts the worker thread; indexes nothing yet (call `build`). */
  static async open(options: IndexOptions): Promise<WorkspaceIndex> {
    const root = path.resolve(options.root);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      throw new Error(`The folder ${root} does not exist. Pass an existing folder as the workspace root.`);
    }
    if (!stat.isDirectory()) throw new Error(`${root} is a file, not a folder. Pass the workspace folder as the root.`);
    try {
      fs.readdirSync(root);
    } catch (error) {
      throw new Error(`The folder ${root} cannot be read (${(error as NodeJS.ErrnoException).code}). Check its permissions.`);
    }
    const resolved = { ...options, root };
    const filter = await WorkspaceFilter.load(resolved);
    const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(root));
    const workers = new IndexWorkerPool();
    // Start the first worker now: its WebAssembly runtime loads while discovery walks the folder.
    workers.widen(1);
    return new WorkspaceIndex(resolved, filter, workers, cacheDir ? new IndexCache(root, cacheDir) : undefined);
  }

  // ---- IndexView ---------------------------------------------------------------------------

  get generation(): number {
    return this.generation_;
  }

  file(relPath: string): IndexedFile | undefined {
    return this.files_.get(relPath);
  }

  files(): Iterable<IndexedFile> {
    return this.files_.values();
  }

  changesSince(generation: number): readonly string[] | undefined {
    if (generation < this.journalStart || generation > this.generation_) return undefined;
    return this.journal.slice(generation - this.journalStart);
  }

  /**
   * The unsaved buffer if there is one, else the disk content if it is in memory. Never reads the disk: a
   * text not in memory (evicted, or not loaded yet after a warm start) is undefined now and loaded in the
   * background for a later call.
   */
  text(relPath: string): string | undefined {
    return this.overrides.get(relPath) ?? this.texts.get(relPath);
  }

  textInMemory(relPath: string): string | undefined {
    return this.overrides.get(relPath) ?? this.texts.peek(relPath);
  }

  /** The text, waiting for a load from disk when it is not in memory: for callers off the completion path. */
  async loadText(relPath: string): Promise<string | undefined> {
    return this.overrides.get(relPath) ?? this.texts.load(relPath);
  }

  /**
   * The chunk windows a worker computed when it last read the file, handed over once: a second call answers
   * undefined. Their hash says which content they are of.
   */
  takeChunks(relPath: string): HashedChunks | undefined {
    const handed = this.handedChunks.get(relPath);
    this.handedChunks.delete(relPath);
    return handed;
  }

  /** Bytes of file text held in memory (within `textCacheBytes`). */
  get textBytes(): number {
    return this.texts.size;
  }

  /**
   * While a warm start's read of the file runs (index/warm-reads.ts): resolves once its answer has been taken
   * in, its text kept and its chunks handed over (`takeChunks`). Undefined when no such read is waiting.
   */
  warmRead(relPath: string): Promise<void> | undefined {
    return this.warmReads?.pending(relPath);
  }

  /**
   * Resolves once a warm start's background reads are done (the texts in memory while the budget had room, the
   * chunks handed over) and no text asked for is still loading.
   */
  async textsLoaded(): Promise<void> {
    await this.warmReads?.done;
    await this.texts.settled();
  }

  languageOf(relPath: string): LanguageId | undefined {
    return this.files_.get(relPath)?.language ?? languageForPath(relPath);
  }

  // ---- building ----------------------------------------------------------------------------

  /** Indexes the whole workspace: warm from the cache where it can, cold elsewhere. */
  build(signal?: AbortSignal): Promise<IndexSummary> {
    return this.enqueue(() => this.buildNow(signal));
  }

  private async buildNow(signal?: AbortSignal): Promise<IndexSummary> {
    const started = performance.now();
    let peakRss = process.memoryUsage().rss;
    const progress = (phase: IndexProgress['phase'], done: number, total: number) => this.options.onProgress?.({ phase, done, total });
    progress('discovering', 0, 0);
    this.filter.invalidate();
    const discovery = await discoverWorkspace({ ...this.options, signal, filter: this.filter });
    await this.saving; // a save of the previous build still being written: load what it wrote
    const cached = this.cache?.load() ?? new Map();
    this.warnings.push(...(this.cache?.takeProblems() ?? []));
    const skipped: SkippedFile[] = [...discovery.skipped];
    const indexed = new Map<string, IndexEntry>();
    // Names and texts start afresh: what the old index held of files gone since is not kept alive.
    this.names = new NameTable();
    await this.warmReads?.cancel();
    this.warmReads = undefined;
    this.texts.clear();
    const jobs: FileJob[] = [];
    let jobBytes = 0;
    this.countLineTokens = discovery.files.reduce((bytes, file) => bytes + file.size, 0) > this.texts.budgetBytes;
    let cacheHits = 0;
    /** Entries read from disk again (parsed, or found unchanged with a new stamp): the cache is behind on them. */
    let refreshed = 0;
    for (const file of discovery.files) {
      const entry = cached.get(file.path);
      if (entry && entry.size === file.size && entry.mtimeMs === file.mtimeMs && entry.language === file.language && this.cache!.trustsStamp(entry)) {
        indexed.set(file.path, IndexEntry.create(entry, entry, this.names));
        cacheHits++;
      } else {
        jobs.push(this.readJob(file, entry?.hash));
        jobBytes += file.size;
      }
    }
    const total = discovery.files.length;
    progress('indexing', cacheHits, total);
    const batchSize = this.options.batchSize ?? DEFAULTS.batchSize;
    const batches: FileJob[][] = [];
    for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
    const threads = this.threadsToRead(jobBytes);
    if (batches.length > 0) this.worker.widen(Math.min(batches.length, threads));
    // Two batches per thread in flight keep every worker busy while the main thread files the answers.
    const depth = 2 * Math.max(1, this.worker.size);
    const inFlight: Promise<readonly FileOutcome[]>[] = [];
    /** Files whose text this build read (the others came from the cache unread). */
    const readNow = new Set<string>();
    const handed = new Map<string, HashedChunks>();
    let sent = 0;
    try {
      while (sent < batches.length || inFlight.length > 0) {
        while (inFlight.length < depth && sent < batches.length && !signal?.aborted) {
          const request = this.worker.index(batches[sent++]);
          request.catch(() => undefined); // a failure surfaces when it is awaited; not unhandled meanwhile
          inFlight.push(request);
        }
        if (signal?.aborted) {
          await Promise.allSettled(inFlight);
          throw abortError();
        }
        for (const outcome of await inFlight.shift()!) {
          if (outcome.kind === 'skipped') skipped.push({ path: outcome.path, reason: outcome.reason, detail: outcome.detail });
          else if (outcome.kind === 'unchanged') {
            const entry = cached.get(outcome.path)!;
            indexed.set(outcome.path, IndexEntry.create({ ...entry, size: outcome.size, mtimeMs: outcome.mtimeMs }, entry, this.names));
            cacheHits++;
            refreshed++;
          } else {
            const language = languageForPath(outcome.path)!;
            indexed.set(outcome.path, IndexEntry.create({ ...outcome, language }, outcome.symbols, this.names));
            refreshed++;
          }
          if (outcome.kind !== 'skipped' && outcome.chunks) handed.set(outcome.path, { hash: indexed.get(outcome.path)!.hash, chunks: outcome.chunks });
          if (outcome.kind !== 'skipped' && outcome.text !== undefined) {
            this.texts.set(outcome.path, outcome.text);
            readNow.add(outcome.path);
          }
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        progress('indexing', indexed.size + skipped.length - discovery.skipped.length, total);
      }
    } finally {
      if (batches.length > 0) await this.worker.renew();
    }

    progress('resolving', 0, indexed.size);
    for (const old of this.files_.keys()) this.symbols.removeFile(old);
    this.files_.clear();
    this.generation_++;
    this.journal = [];
    this.journalStart = this.generation_;
    const sorted = [...indexed.keys()].sort();
    this.resolver = await ImportResolver.create(this.root, sorted, rel => this.readConfig(rel));
    const importCounts = { resolved: 0, unresolved: 0, external: 0 };
    for (const p of sorted) {
      const file = indexed.get(p)!;
      const resolvedImports = this.resolveImportsCounting(p, file.language, file.imports, importCounts);
      this.files_.set(p, file.withResolvedImports(resolvedImports));
    }
    for (const file of this.files_.values()) this.symbols.setFile(file);
    this.handedChunks = handed;
    // The files the cache answered were not read: threads read them in the background for their texts and
    // chunks, in the order of `files()`, which the ranking state's build takes them in.
    const unread = discovery.files.filter(file => indexed.has(file.path) && !readNow.has(file.path));
    this.warmReads = this.startWarmReads(unread.sort((a, b) => (a.path < b.path ? -1 : 1)));

    // A restart that found everything in the cache has nothing new to write, and need not wait for the
    // worker (it starts in parallel and is ready by the time a buffer needs parsing). Files read and skipped
    // again (minified, binary: never cached) change nothing either; they used to rewrite the whole cache.
    const changed = refreshed > 0 || [...cached.keys()].some(p => !indexed.has(p));
    if (changed) void this.save(); // in the background: the index is ready now
    const stats = jobs.length > 0 ? await this.worker.stats() : { peakBytes: 0, grammarErrors: [] };
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    return this.summarize({ skipped, cacheHits, importCounts, started, peakRss, workerPeak: stats.peakBytes, grammarErrors: stats.grammarErrors });
  }

  private summarize(run: {
    skipped: readonly SkippedFile[];
    cacheHits: number;
    importCounts: IndexSummary['imports'];
    started: number;
    peakRss: number;
    workerPeak: number;
    grammarErrors: IndexSummary['grammarErrors'];
  }): IndexSummary {
    const skippedByReason: Partial<Record<SkipReason, number>> = {};
    for (const s of run.skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
    const filesByLanguage: Partial<Record<LanguageId, number>> = {};
    let definitions = 0;
    let references = 0;
    for (const f of this.files_.values()) {
      filesByLanguage[f.language] = (filesByLanguage[f.language] ?? 0) + 1;
      definitions += f.definitions.length;
      references += f.referenceCount;
    }
    return {
      root: this.root,
      filesIndexed: this.files_.size,
      filesSkipped: run.skipped.length,
      skippedByReason,
      skipped: [...run.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      filesByLanguage,
      definitions,
      references,
      imports: run.importCounts,
      cacheHits: run.cacheHits,
      elapsedMs: Math.round(performance.now() - run.started),
      peakRssBytes: { main: run.peakRss, worker: run.workerPeak },
      grammarErrors: run.grammarErrors,
      ...(this.warnings.length > 0 ? { warnings: this.warnings.splice(0) } : {}),
    };
  }

  // ---- single-file updates ------------------------------------------------------------------

  /**
   * Re-indexes one file after a change on disk or in an editor buffer (`text`). Returns the new entry, or
   * undefined when the file is not (or no longer) indexable — in which case any old entry is removed.
   */
  updateFile(relPath: string, text?: string): Promise<IndexedFile | undefined> {
    return this.enqueue(() => this.updateNow(relPath, text));
  }

  private async updateNow(relPath: string, text?: string): Promise<IndexedFile | undefined> {
    // Resolution reads its configs from disk: an unsaved buffer of one changes nothing until it is saved.
    if (text === undefined && RESOLUTION_CONFIG.test(relPath)) await this.rebuildResolver();
    const language = languageForPath(relPath);
    const absPath = path.join(this.root, relPath);
    const reason = this.filter.classifyPath(relPath, false);
    if (reason || !language || (text === undefined && !this.fitsSizeLimit(absPath))) {
      this.removeNow(relPath);
      return undefined;
    }
    const known = this.files_.get(relPath);
    // An editor buffer's text stays in memory (overrides): only a file read from disk is counted.
    const countLineTokens = this.countLineTokens && text === undefined;
    const [outcome] = await this.worker.index([{ path: relPath, absPath, language, knownHash: known?.hash, text, root: this.root, maxBytes: this.filter.maxFileBytes, countLineTokens }]);
    if (outcome.kind === 'skipped') {
      this.removeNow(relPath);
      return undefined;
    }
    // The text and the entry change together, when the worker has answered: until then every reader (a request
    // that arrives meanwhile, packing another file's lines) gets the previous text with the symbols parsed from it.
    if (text === undefined) this.overrides.delete(relPath);
    else {
      // The worker redacted its copy of this very text; where it found nothing, the text is kept as it is, and
      // the request that follows the keystroke (which redacts the buffer too) is told so: a large buffer's scan
      // takes about a millisecond.
      if (outcome.kind === 'indexed' && outcome.redactions?.length === 0) rememberClean(text);
      this.overrides.set(relPath, redactSecrets(text).text);
    }
    this.texts.forget(relPath);
    const isNew = !known;
    const base = outcome.kind === 'indexed'
      ? IndexEntry.create({ ...outcome, path: relPath, language }, outcome.symbols, this.names)
      : known!.withStamp(outcome.size, outcome.mtimeMs);
    if (outcome.text !== undefined) this.texts.set(relPath, outcome.text);
    // Unchanged content has its chunks in the ranking state already: the worker did not chunk it (no chunkUnchanged).
    if (outcome.kind === 'indexed' && outcome.chunks) this.handedChunks.set(relPath, { hash: base.hash, chunks: outcome.chunks });
    else this.handedChunks.delete(relPath);
    const affected = isNew ? this.resolver?.fileAdded(relPath) : undefined;
    const file = base.withResolvedImports(this.resolveImports(relPath, language, base.imports));
    this.files_.set(relPath, file);
    this.changed(relPath);
    this.symbols.setFile(file);
    if (affected) this.reresolve(affected);
    // The cache is for the next start, which trusts what is on disk: an editor buffer's entry, stamped with its
    // own size and time, would never be trusted there, so typing does not rewrite the cache; saving the file does.
    // Typing postpones a save that is due, so that it runs in a pause rather than beside the completions.
    if (text === undefined || this.saveTimer) this.scheduleSave();
    return file;
  }

  removeFile(relPath: string): Promise<void> {
    return this.enqueue(async () => this.removeNow(relPath));
  }

  private removeNow(relPath: string): void {
    this.overrides.delete(relPath);
    this.texts.forget(relPath);
    this.handedChunks.delete(relPath);
    if (!this.files_.delete(relPath)) return;
    this.changed(relPath);
    this.symbols.removeFile(relPath);
    const affected = this.resolver?.fileRemoved(relPath);
    if (affected) this.reresolve(affected);
    this.scheduleSave();
  }

  renameFile(from: string, to: string): Promise<void> {
    return this.enqueue(async () => {
      const text = this.overrides.get(from);
      this.removeNow(from);
      await this.updateNow(to, text);
    });
  }

  /** Forgets an unsaved buffer (the editor closed it without saving): the disk content counts again. */
  discardOverride(relPath: string): Promise<IndexedFile | undefined> {
    // Asked in turn: an update of the buffer still queued would otherwise bring its text back afterwards.
    return this.enqueue(async () => (this.overrides.has(relPath) ? this.updateNow(relPath) : this.files_.get(relPath)));
  }

  /**
   * Parses a buffer without changing the index: the cursor analysis of the text being edited. With
   * `buffer` (the file's path), successive parses of that buffer are incremental.
   */
  parse(language: LanguageId, text: string, buffer?: string): Promise<FileSymbols> {
    return this.worker.parse(language, text, buffer);
  }

  /**
   * Has the worker that parses buffers load the grammar of every language the index holds, in the background:
   * it loads each at its first parse (TypeScript's: about 0.3 s), which the first request would wait for.
   */
  loadGrammars(): void {
    const languages = new Set([...this.files_.values()].map(file => file.language));
    // One that fails to load fails again, with its cause, for the parse that needs it.
    for (const language of languages) this.worker.parse(language, '').catch(() => undefined);
  }

  resolveImports(fromFile: string, language: LanguageId, imports: readonly ImportRecord[]): (string | undefined)[] {
    return this.resolveImportsCounting(fromFile, language, imports, undefined);
  }

  /** Ends the worker (which frees its WebAssembly memory) and writes a pending cache. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.warmReads?.cancel();
    await this.queue.catch(() => undefined);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      void this.save();
    }
    await this.saving;
    await this.worker.terminate();
  }

  // ---- internals ----------------------------------------------------------------------------

  /** A build's job for a file: read it, parse it unless its content hashes to `knownHash`, chunk it either way. */
  private readJob(file: DiscoveredFile, knownHash: string | undefined): FileJob {
    return {
      path: file.path,
      absPath: file.absPath,
      language: file.language,
      knownHash,
      root: this.root,
      maxBytes: this.filter.maxFileBytes,
      countLineTokens: this.countLineTokens,
      chunkUnchanged: true,
    };
  }

  /** Threads for reading `bytes` of files: one per `bytesPerThread`, up to `maxBuildThreads` (or `buildThreads` if given). */
  private threadsToRead(bytes: number): number {
    const maxThreads = this.options.maxBuildThreads ?? DEFAULTS.maxBuildThreads;
    return this.options.buildThreads ?? Math.max(1, Math.min(maxThreads, Math.ceil(bytes / DEFAULTS.bytesPerThread)));
  }

  /** Reads `files`, which the cache answered, in threads of their own (warm-reads.ts); undefined when there are none. */
  private startWarmReads(files: readonly DiscoveredFile[]): WarmReads | undefined {
    if (files.length === 0) return undefined;
    return new WarmReads(files.map(file => this.readJob(file, this.files_.get(file.path)!.hash)), {
      threads: this.threadsToRead(files.reduce((bytes, file) => bytes + file.size, 0)),
      batchSize: this.options.batchSize ?? DEFAULTS.batchSize,
      take: (job, outcome) => this.takeWarmRead(job, outcome),
    });
  }

  /** One warm read's answer: the text kept while the budget has room, the chunks handed to the ranking state. */
  private takeWarmRead(job: FileJob, outcome: FileOutcome): Promise<unknown> | void {
    const hash = this.files_.get(job.path)?.hash;
    if (this.disposed || hash === undefined || hash !== job.knownHash) return; // changed or gone since: read by its update
    // Content other than the cache's under the same size and time, or a file unreadable now: indexed again, as
    // the watcher's event for it would.
    if (outcome.kind !== 'unchanged') return this.updateFile(job.path);
    // Read another way meanwhile (a request's miss, an editor buffer): whoever has that text chunks it.
    if (this.overrides.has(job.path) || this.texts.has(job.path)) return;
    if (outcome.text !== undefined) this.texts.offer(job.path, outcome.text);
    if (outcome.chunks) this.handedChunks.set(job.path, { hash, chunks: outcome.chunks });
  }

  /** One more generation, journaled with the path whose entry changed. */
  private changed(relPath: string): void {
    this.generation_++;
    this.journal.push(relPath);
    if (this.journal.length > MAX_JOURNAL_ENTRIES) {
      const dropped = this.journal.length - MAX_JOURNAL_ENTRIES / 2;
      this.journal = this.journal.slice(dropped);
      this.journalStart += dropped;
    }
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('The index was disposed.'));
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private resolveImportsCounting(
    fromFile: string,
    language: LanguageId,
    imports: readonly ImportRecord[],
    counts: { resolved: number; unresolved: number; external: number } | undefined,
  ): (string | undefined)[] {
    return imports.map(record => {
      const resolution = this.resolver?.resolve(fromFile, language, record.source) ?? { kind: 'unresolved' as const };
      if (counts) counts[resolution.kind === 'workspace' ? 'resolved' : resolution.kind]++;
      return resolution.kind === 'workspace' ? resolution.path : undefined;
    });
  }

  /** Resolves again the imports of `paths` (every file when absent), after the set of files or the configs changed. */
  private reresolve(paths?: Iterable<string>): void {
    const files = paths ? [...paths].sort().flatMap(p => this.files_.get(p) ?? []) : [...this.files_.values()];
    for (const file of files) {
      const resolvedImports = this.resolveImports(file.path, file.language, file.imports);
      if (resolvedImports.every((r, i) => r === file.resolvedImports[i])) continue;
      const updated = file.withResolvedImports(resolvedImports);
      this.files_.set(file.path, updated);
      this.changed(file.path);
      this.symbols.setFile(updated);
    }
  }

  private async rebuildResolver(): Promise<void> {
    if (!this.resolver) return; // not built yet: the build creates it
    this.resolver = await ImportResolver.create(this.root, [...this.files_.keys()].sort(), rel => this.readConfig(rel));
    this.reresolve();
  }

  /** Configuration for import resolution, read safely; an unreadable or invalid one is a warning, not silence. */
  private async readConfig(relPath: string): Promise<string | undefined> {
    const text = readConfigText(path.join(this.root, relPath), this.root, problem => this.warnings.push(`${relPath} was not read: ${problem}.`));
    const broken = text !== undefined && JSON_CONFIG.test(relPath) ? jsoncProblem(text) : undefined;
    if (broken) this.warnings.push(`${relPath} line ${broken.line} is not valid JSON (${broken.message}); imports resolve without what it says.`);
    return text;
  }

  private fitsSizeLimit(absPath: string): boolean {
    try {
      return fs.statSync(absPath).size <= this.filter.maxFileBytes;
    } catch {
      return false; // gone: the caller removes it
    }
  }

  private scheduleSave(): void {
    if (!this.cache || this.disposed) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, this.options.saveDelayMs ?? DEFAULTS.saveDelayMs);
    this.saveTimer.unref();
  }

  /** Writes the cache in the background (cache.ts: in parts), one save at a time: one asked for meanwhile follows. */
  private save(): Promise<void> {
    this.saveWanted = true;
    this.saving ??= this.saveWhileWanted().finally(() => (this.saving = undefined));
    return this.saving;
  }

  private async saveWhileWanted(): Promise<void> {
    while (this.saveWanted && this.cache) {
      this.saveWanted = false;
      try {
        await this.cache.save([...this.files_.values()]);
      } catch {
        // A read-only or full cache folder costs only the next warm start; indexing itself succeeded.
      }
    }
  }
}
