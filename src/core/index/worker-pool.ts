import type { FileSymbols, LanguageId } from '../types';
import { IndexWorker } from './worker-client';
import type { FileJob, FileOutcome, WorkerStats } from './worker-protocol';

/**
 * Index worker threads. One thread serves single-file updates and buffer parses; a full build may borrow
 * more (`widen`), and `renew` ends them all afterwards, so their WebAssembly memory goes back to the system
 * (the next request starts a fresh one).
 */
export class IndexWorkerPool {
  private readonly workers: IndexWorker[] = [];
  private readonly busy = new Map<IndexWorker, number>();
  /** The largest worker memory seen, including workers already ended. */
  private peakBytes = 0;
  /** The grammars that failed to load in any worker, ended ones too (a build's workers end with it). */
  private readonly grammarErrors = new Map<LanguageId, WorkerStats['grammarErrors'][number]>();

  /** How many threads are running now (starts at zero: the first request starts one). */
  get size(): number {
    return this.workers.length;
  }

  /** Grows to `threads` workers (at least one). */
  widen(threads: number): void {
    while (this.workers.length < Math.max(1, threads)) {
      const worker = new IndexWorker();
      this.workers.push(worker);
      this.busy.set(worker, 0);
    }
  }

  /**
   * Ends every worker, the first one too, once each has answered what it was asked (after recording its
   * memory for the summary); the next request starts a fresh one. Tree-sitter's WebAssembly memory only grows:
   * a worker that parsed a workspace keeps what its largest files needed, and the tokenizer its line counts
   * loaded, which single-file updates do not need (on a 10,000-file workspace, ~230 MB for as long as the
   * engine ran). Started at once instead, the fresh worker's runtime took its CPU from the build's end.
   */
  async renew(): Promise<void> {
    const old = this.workers.splice(0);
    await Promise.all(old.map(async worker => {
      this.record(await worker.stats().catch(() => undefined)); // one that crashed has nothing to tell
      this.busy.delete(worker);
      await worker.retire();
    }));
  }

  index(jobs: readonly FileJob[]): Promise<readonly FileOutcome[]> {
    return this.onLeastBusy(worker => worker.index(jobs));
  }

  /** A keyed parse (a buffer being edited) always goes to the first worker, which keeps the buffer's tree. */
  parse(language: LanguageId, text: string, buffer?: string): Promise<FileSymbols> {
    if (buffer === undefined) return this.onLeastBusy(worker => worker.parse(language, text));
    this.widen(1);
    return this.workers[0].parse(language, text, buffer);
  }

  /** Peak memory of the busiest thread so far, and the grammars that failed to load in any, ended ones too. */
  async stats(): Promise<WorkerStats> {
    for (const stats of await Promise.all(this.workers.map(worker => worker.stats()))) this.record(stats);
    return { peakBytes: this.peakBytes, grammarErrors: [...this.grammarErrors.values()] };
  }

  private record(stats: WorkerStats | undefined): void {
    if (!stats) return;
    this.peakBytes = Math.max(this.peakBytes, stats.peakBytes);
    for (const error of stats.grammarErrors) this.grammarErrors.set(error.language, error);
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.splice(0).map(worker => worker.terminate()));
  }

  private async onLeastBusy<T>(task: (worker: IndexWorker) => Promise<T>): Promise<T> {
    this.widen(1);
    const worker = this.workers.reduce((best, w) => (this.busy.get(w)! < this.busy.get(best)! ? w : best));
    this.busy.set(worker, this.busy.get(worker)! + 1);
    try {
      return await task(worker);
    } finally {
      if (this.busy.has(worker)) this.busy.set(worker, this.busy.get(worker)! - 1);
    }
  }
}
