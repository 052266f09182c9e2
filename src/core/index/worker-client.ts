import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads';
import type { FileSymbols, LanguageId } from '../types';
import { unpackReferences } from './packed-references';
import type { FileJob, FileOutcome, WireSymbols, WorkerRequest, WorkerResponse, WorkerStats } from './worker-protocol';

/** What the index keeps of one file's symbols, rebuilt from their wire form. */
export function symbolsFromWire(wire: WireSymbols): FileSymbols {
  return { ...wire, references: unpackReferences(wire.references) };
}

type Pending = { resolve: (response: WorkerResponse) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** The main thread's handle on the index worker: request/response by id. */
export class IndexWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  /** Requests not answered yet, for `retire` to wait on. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor() {
    this.worker = startWorker('index-worker', path.join(__dirname, 'worker.ts'));
    this.worker.on('message', (response: WorkerResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      if (response.type === 'error') pending.reject(new Error(response.message));
      else pending.resolve(response);
    });
    const fail = (error: Error) => {
      this.failure ??= error; // the first reason says most: shut down or retired, before the exit it caused
      for (const pending of this.pending.values()) pending.reject(this.failure);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', code => fail(new Error(`the index worker stopped (exit code ${code})`)));
    this.worker.unref();
  }

  private request(body: RequestBody): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answer = new Promise<WorkerResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    }).finally(() => {
      this.inFlight.delete(answer);
      if (this.pending.size === 0) this.worker.unref();
    });
    this.inFlight.add(answer);
    return answer;
  }

  async index(jobs: readonly FileJob[]): Promise<readonly FileOutcome[]> {
    const response = await this.request({ type: 'index', jobs });
    return response.type === 'index' ? response.outcomes : [];
  }

  async parse(language: LanguageId, text: string, buffer?: string): Promise<FileSymbols> {
    const response = await this.request({ type: 'parse', language, text, buffer });
    if (response.type !== 'parse') throw new Error('index worker: unexpected answer to parse');
    return symbolsFromWire(response.symbols);
  }

  async stats(): Promise<WorkerStats> {
    const response = await this.request({ type: 'stats' });
    if (response.type !== 'stats') throw new Error('index worker: unexpected answer to stats');
    return response.stats;
  }

  /** Refuses new requests, then ends the thread once it has answered those it was asked before. */
  async retire(): Promise<void> {
    this.failure ??= new Error('the index worker was retired');
    await Promise.allSettled([...this.inFlight]);
    await this.terminate();
  }

  /** Ends the thread, which gives its WebAssembly memory back. */
  async terminate(): Promise<void> {
    this.failure ??= new Error('the index worker was shut down');
    await this.worker.terminate();
  }
}
