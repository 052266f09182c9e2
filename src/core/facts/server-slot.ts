// One language server per language and workspace, started on first use and restarted after a crash,
// with a growing pause between restarts so that a server that dies at once does not spin. A request in
// flight when the server dies fails with the server's own FactsError; the next request starts a new one.
import { FactsError } from './errors';
import { ReadWriteGate } from './gate';
import { LspServer } from './lsp-server';
import type { ServerSpec } from './server-registry';
import type { ReadyBy } from './server-readiness';

export interface RestartBackoff {
  /** Pause before the first restart; it doubles with each crash in a row. */
  readonly initialMs: number;
  readonly maxMs: number;
  /** A server that lived this long resets the count of crashes in a row. */
  readonly stableMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialMs: 250, maxMs: 30_000, stableMs: 60_000 };

export interface ServerStatus {
  readonly name: string;
  readonly state: 'not started' | 'starting' | 'running' | 'waiting to restart' | 'disposed';
  readonly pid?: number;
  /** Milliseconds from spawn to initialize answered, and to ready (pyright: pull diagnostics registered). */
  readonly initializedMs?: number;
  readonly readyMs?: number;
  /** What decided that its answers are trusted ('timeout': it never sent the sign waited for, see the log). */
  readonly readyBy?: ReadyBy;
  readonly crashes: number;
  readonly lastError?: string;
}

export class ServerSlot {
  /** Shadow edits take it alone; every other question shares it. */
  readonly gate = new ReadWriteGate();
  private starting: Promise<LspServer> | undefined;
  private running: LspServer | undefined;
  private crashesInARow = 0;
  private crashes = 0;
  private retryAt = 0;
  private pauseMs = 0;
  private lastError: FactsError | undefined;
  private disposed = false;

  constructor(
    readonly spec: ServerSpec,
    private readonly root: string,
    private readonly backoff: RestartBackoff = DEFAULT_RESTART_BACKOFF,
    private readonly log?: (message: string) => void,
  ) {}

  /** The running server, started (or restarted, once the pause is over) when there is none. */
  server(): Promise<LspServer> {
    if (this.disposed) return Promise.reject(new FactsError('disposed', `${this.spec.name} was shut down`));
    if (this.running?.alive) return Promise.resolve(this.running);
    if (this.starting) return this.starting;
    if (Date.now() < this.retryAt && this.lastError) {
      return Promise.reject(new FactsError(this.lastError.code, `${this.lastError.message} (it is started again ${this.pauseMs} ms after that)`));
    }
    this.starting = this.start();
    return this.starting;
  }

  private async start(): Promise<LspServer> {
    try {
      const server = await LspServer.start(this.spec, this.root, this.log);
      const startedAt = Date.now();
      server.onCrash(() => this.crashed(new FactsError('crashed', `${this.spec.name} stopped unexpectedly`), Date.now() - startedAt));
      if (this.disposed) {
        await server.shutdown();
        throw new FactsError('disposed', `${this.spec.name} was shut down`);
      }
      this.running = server;
      return server;
    } catch (error) {
      const failure = error instanceof FactsError ? error : new FactsError('crashed', `${this.spec.name} failed to start: ${String(error)}`);
      this.crashed(failure, 0);
      throw failure;
    } finally {
      this.starting = undefined;
    }
  }

  private crashed(error: FactsError, livedMs: number): void {
    this.running = undefined;
    this.crashes++;
    this.crashesInARow = livedMs >= this.backoff.stableMs ? 1 : this.crashesInARow + 1;
    this.pauseMs = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (this.crashesInARow - 1));
    this.retryAt = Date.now() + this.pauseMs;
    this.lastError = error;
  }

  status(): ServerStatus {
    const server = this.running;
    const state: ServerStatus['state'] = this.disposed
      ? 'disposed'
      : this.starting
        ? 'starting'
        : server?.alive
          ? 'running'
          : this.crashes > 0
            ? 'waiting to restart'
            : 'not started';
    return {
      name: this.spec.name,
      state,
      ...(server?.pid !== undefined ? { pid: server.pid } : {}),
      ...(server ? { initializedMs: server.initializedMs } : {}),
      ...(server?.readyMs !== undefined ? { readyMs: server.readyMs } : {}),
      ...(server?.readyBy !== undefined ? { readyBy: server.readyBy } : {}),
      crashes: this.crashes,
      ...(this.lastError ? { lastError: this.lastError.message } : {}),
    };
  }

  /** Shuts the server down (shutdown/exit, then kill) and refuses further starts. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const server = this.running ?? (await this.starting?.catch(() => undefined));
    this.running = undefined;
    await server?.shutdown();
  }
}
