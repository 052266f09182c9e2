// The editor side of the engine thread: implements EngineApi by sending calls to engine-worker.ts. The
// extension host's main thread, shared by every extension the user has, only posts messages and receives
// answers; indexing, import resolution, ranking and packing run in the engine thread.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { EngineOptions } from '../engine';
import { startWorker } from '../threads';
import type { BuildControl, ContextResult, IndexProgress, IndexSummary } from '../types';
import { waitAtMost } from '../wait-at-most';
import type { EngineApi, EngineRequest, EngineStats, MonitoredCompletion, MonitoredRequest, MonitorWarmUp, WarmUpRequest } from './api';
import { abortError } from './build-budget';
import { callMessage, checkVersion, fromWireError, PROTOCOL_VERSION, type CallName, type EngineCalls, type EngineMessage, type EngineWorkerData } from './protocol';
import { createCancelFlag, setCancelled } from './shared-cancel';

export interface EngineThreadHooks {
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Cancels the opening: the thread is ended and `open` rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** The thread stopped on its own (a crash, out of memory) after it opened; reopen to go on. */
  readonly onCrash?: (error: Error) => void;
}

/** How long `dispose` lets the engine end its workers and write its cache before ending the thread anyway. */
const DISPOSE_GRACE_MS = 5000;

type Pending = { readonly resolve: (value: unknown) => void; readonly reject: (error: Error) => void };

export class EngineThread implements EngineApi {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private disposed = false;

  private constructor(
    private readonly worker: Worker,
    readonly root: string,
    readonly summary: IndexSummary,
  ) {}

  /** Starts the engine thread and resolves once it has indexed the workspace. */
  static open(options: EngineOptions, hooks: EngineThreadHooks = {}): Promise<EngineThread> {
    if (hooks.signal?.aborted) return Promise.reject(abortError('Indexing was cancelled.'));
    const { onProgress: _functionsDoNotCrossThreads, ...data } = options;
    const workerData: EngineWorkerData = { version: PROTOCOL_VERSION, options: data };
    const worker = startWorker('engine-worker', path.join(__dirname, 'engine-worker.ts'), { workerData });
    return new Promise<EngineThread>((resolve, reject) => {
      let thread: EngineThread | undefined;
      const fail = (error: Error) => {
        if (thread) thread.fail(error);
        else {
          hooks.signal?.removeEventListener('abort', abort);
          void worker.terminate();
          reject(error);
        }
      };
      const abort = () => fail(abortError('Indexing was cancelled.'));
      hooks.signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (raw: EngineMessage) => {
        let message: EngineMessage;
        try {
          message = checkVersion(raw, 'engine thread');
        } catch (error) {
          fail(error as Error);
          return;
        }
        switch (message.kind) {
          case 'progress':
            hooks.onProgress?.(message.progress);
            return;
          case 'ready':
            hooks.signal?.removeEventListener('abort', abort);
            thread = new EngineThread(worker, path.resolve(options.root), message.summary);
            worker.unref();
            resolve(thread);
            return;
          case 'failed':
            fail(fromWireError(message.error));
            return;
          default:
            thread?.settle(message);
        }
      });
      worker.on('error', error => {
        const crash = new Error(`The Codebase Context engine thread crashed: ${error.message}. Run "Codebase Context: Reindex Workspace" to restart it.`);
        fail(crash);
        if (thread && !thread.disposed) hooks.onCrash?.(crash);
      });
      worker.on('exit', code => {
        if (thread?.disposed) return;
        const crash = new Error(`The Codebase Context engine thread stopped (exit code ${code}). Run "Codebase Context: Reindex Workspace" to restart it.`);
        const wasOpen = thread !== undefined && thread.failure === undefined;
        fail(crash);
        if (wasOpen) hooks.onCrash?.(crash);
      });
    });
  }

  buildContext(request: EngineRequest, control: BuildControl = {}): Promise<ContextResult> {
    return this.build('buildContext', request, control);
  }

  prepareContext(request: EngineRequest, control: BuildControl = {}): Promise<boolean> {
    return this.build('prepareContext', request, control);
  }

  completeMonitored(request: MonitoredRequest, control: { readonly signal?: AbortSignal } = {}): Promise<MonitoredCompletion> {
    const { signal } = control;
    if (signal?.aborted) return Promise.reject(abortError('Completion cancelled before it started.'));
    const cancel = createCancelFlag();
    // The engine thread sees the flag within a few milliseconds and aborts the HTTP request and the server queries.
    return this.call('completeMonitored', { request, cancel }, signal && { signal, onAbort: () => setCancelled(cancel) });
  }

  warmUpMonitor(document: MonitorWarmUp): Promise<void> {
    return this.call('warmUpMonitor', { document });
  }

  updateFile(path: string, text?: string): Promise<void> {
    return this.call('updateFile', { path, text });
  }

  removeFile(path: string): Promise<void> {
    return this.call('removeFile', { path });
  }

  renameFile(from: string, to: string): Promise<void> {
    return this.call('renameFile', { from, to });
  }

  text(path: string): Promise<string | undefined> {
    return this.call('text', { path });
  }

  warmUp(options: WarmUpRequest = {}): Promise<void> {
    return this.call('warmUp', { tokenizer: options.tokenizer, rehearse: options.rehearse });
  }

  stats(): Promise<EngineStats> {
    return this.call('stats', {});
  }

  /** Lets the engine end its index workers and write its cache, then ends the thread. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    const graceful = this.failure ? Promise.resolve() : this.call('dispose', {}).catch(() => undefined);
    this.disposed = true;
    await waitAtMost(graceful, DISPOSE_GRACE_MS);
    this.fail(new Error('The Codebase Context engine was disposed.'));
    await this.worker.terminate();
  }

  private build<K extends 'buildContext' | 'prepareContext'>(call: K, request: EngineRequest, { signal, deadlineMs }: BuildControl): Promise<EngineCalls[K]['result']> {
    if (signal?.aborted) return Promise.reject(abortError('Context build cancelled before it started.'));
    const cancel = createCancelFlag();
    const startedAt = performance.timeOrigin + performance.now();
    return this.call(call, { request, deadlineMs, startedAt, cancel }, signal && {
      signal,
      // The flag stops the engine thread's synchronous work at its next check; the caller is answered now.
      onAbort: () => setCancelled(cancel),
    });
  }

  private call<K extends CallName>(call: K, params: EngineCalls[K]['params'], abort?: { signal: AbortSignal; onAbort: () => void }): Promise<EngineCalls[K]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.disposed && call !== 'dispose') return Promise.reject(new Error('The Codebase Context engine was disposed.'));
    const id = this.nextId++;
    return new Promise<EngineCalls[K]['result']>((resolve, reject) => {
      const cancelled = () => {
        abort?.onAbort();
        this.pending.delete(id);
        this.idleUnref();
        reject(abortError(call === 'buildContext' || call === 'prepareContext' ? 'Context build cancelled.' : `The engine call ${call} was cancelled.`));
      };
      const settled = <T>(then: (value: T) => void) => (value: T) => {
        abort?.signal.removeEventListener('abort', cancelled);
        then(value);
      };
      this.pending.set(id, { resolve: settled(resolve as (value: unknown) => void), reject: settled(reject) });
      abort?.signal.addEventListener('abort', cancelled, { once: true });
      this.worker.ref();
      this.worker.postMessage(callMessage(id, call, params));
    });
  }

  private settle(message: Extract<EngineMessage, { kind: 'result' | 'error' }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // cancelled meanwhile: the caller was answered already
    this.pending.delete(message.id);
    this.idleUnref();
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(fromWireError(message.error));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** An idle engine thread does not keep the process alive (a script that forgets dispose still ends). */
  private idleUnref(): void {
    if (this.pending.size === 0) this.worker.unref();
  }
}
