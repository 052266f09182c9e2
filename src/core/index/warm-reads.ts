// A warm start's reads. The files the cache answered were not read, yet packing needs their texts and the
// ranking state's lexical tables their chunk windows. Threads of their own read them in the background, as
// a cold build's workers do: each file is read, screened, checked against the cached hash and chunked off the
// engine thread, which would otherwise read and screen every file and then chunk it in the ranking state's
// build (on a 10,000-file workspace about 3 and 2 seconds). Threads apart from the pool's, so that a
// keystroke's parse never waits behind a batch of reads, and ended when done, so that they hold no memory.
import { IndexWorker } from './worker-client';
import type { FileJob, FileOutcome } from './worker-protocol';

/** Batches each thread has in flight: one read while the main thread takes in the other's answers. */
const BATCHES_PER_THREAD = 2;

export interface WarmReadOptions {
  readonly threads: number;
  readonly batchSize: number;
  /** Takes one answer in; the reads are done once every promise it returned has settled. */
  readonly take: (job: FileJob, outcome: FileOutcome) => Promise<unknown> | void;
}

interface Batch {
  readonly jobs: readonly FileJob[];
  readonly taken: Promise<void>;
  readonly markTaken: () => void;
}

export class WarmReads {
  private readonly workers: IndexWorker[] = [];
  private readonly batches: Batch[] = [];
  /** The batch of each path whose answer has not been taken in yet. */
  private readonly batchOf = new Map<string, Batch>();
  private next = 0;
  private cancelled = false;
  /** What taking the answers in started (an update of a changed file), for `done` to wait on. */
  private readonly takes: Promise<unknown>[] = [];
  /** Settles once every batch has been answered and taken in, or given up (cancelled, or its thread failed). */
  private readonly answered: Promise<void>;
  /** `answered`, and what taking the answers in started has settled. */
  readonly done: Promise<void>;

  /** Reads in the order of `jobs`, which is the order a reader waiting file by file (`pending`) asks in. */
  constructor(jobs: readonly FileJob[], private readonly options: WarmReadOptions) {
    for (let i = 0; i < jobs.length; i += options.batchSize) {
      let markTaken!: () => void;
      const taken = new Promise<void>(resolve => (markTaken = resolve));
      const batch = { jobs: jobs.slice(i, i + options.batchSize), taken, markTaken };
      this.batches.push(batch);
      for (const job of batch.jobs) this.batchOf.set(job.path, batch);
    }
    const threads = Math.max(1, Math.min(options.threads, this.batches.length));
    for (let i = 0; i < threads && this.batches.length > 0; i++) this.workers.push(new IndexWorker());
    this.answered = Promise.all(this.workers.map(worker => this.run(worker))).then(() => this.giveUpRest());
    this.done = this.answered.then(() => Promise.all(this.takes)).then(() => undefined);
  }

  /** While the file's read has not been taken in: resolves once it has been (or was given up). */
  pending(path: string): Promise<void> | undefined {
    return this.batchOf.get(path)?.taken;
  }

  /**
   * Stops reading: batches not answered yet are given up (their texts load when asked for, as any miss). Does not
   * wait for what taking answers in started: the index may cancel from inside the queue such an update waits in.
   */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await Promise.all(this.workers.map(worker => worker.terminate()));
    await this.answered;
  }

  private settle(batch: Batch): void {
    for (const job of batch.jobs) this.batchOf.delete(job.path);
    batch.markTaken();
  }

  private giveUpRest(): void {
    for (const batch of this.batches) this.settle(batch);
  }

  private async run(worker: IndexWorker): Promise<void> {
    const lanes = Array.from({ length: BATCHES_PER_THREAD }, async () => {
      while (!this.cancelled && this.next < this.batches.length) {
        const batch = this.batches[this.next++]!;
        // A thread that fails loses its batches, not the index: their texts load when asked for, and the
        // ranking state loads the texts of files it finds without chunks (RankingState.loadTexts).
        const outcomes = await worker.index(batch.jobs).catch(() => undefined);
        if (!outcomes || this.cancelled) break;
        outcomes.forEach((outcome, i) => {
          const pending = this.options.take(batch.jobs[i]!, outcome);
          if (pending) this.takes.push(pending.catch(() => undefined));
        });
        this.settle(batch);
      }
    });
    await Promise.all(lanes);
    if (!this.cancelled) await worker.retire();
  }
}
