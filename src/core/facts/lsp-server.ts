// One hidden language server process, spoken to over stdio with a raw protocol connection (not
// vscode-languageclient, which registers providers in an editor). It owns what lives and dies with the
// process: the connection, the documents opened in it and their versions, the diagnostics it published.
// Restarts are the caller's business (server-slot.ts): a dead LspServer stays dead.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  protocol,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type RegistrationParams,
  type ServerCapabilities,
  type UnregistrationParams,
  type WorkDoneProgressBegin,
  type WorkDoneProgressCreateParams,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from './protocol';
import type { Position } from '../types';
import { FactsError, describeError } from './errors';
import { OWN_PROCESS_GROUP, groupEnded, killOnExit, killServer } from './process-hooks';
import type { ServerSpec } from './server-registry';
import { ReadinessWatch, logToStderr, type ReadyBy } from './server-readiness';
import { changedSpan } from '../index/changed-span';
import { positionAt } from './text-positions';

export interface RequestControl {
  /** Milliseconds the answer may take; past it the request is cancelled on the server ($/cancelRequest). */
  readonly budgetMs: number;
  readonly signal?: AbortSignal;
}

/** What we ask servers for, and the forms of answers we understand. */
const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    typeDefinition: { linkSupport: true },
    signatureHelp: {
      signatureInformation: { documentationFormat: ['plaintext'], parameterInformation: { labelOffsetSupport: true }, activeParameterSupport: true },
    },
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true }, contextSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: false },
    // We pull diagnostics where a server offers it, also when it registers the offer later: pyright does so,
    // and then checks a file only when asked, never on its own after each edit (server-registry.ts).
    diagnostic: { dynamicRegistration: true },
  },
  workspace: { configuration: true, workspaceFolders: true, symbol: {} },
};

/** Work-done progress is asked for only where it decides readiness: the other servers need not report it. */
function capabilitiesFor(spec: ServerSpec): ClientCapabilities {
  return spec.readiness === 'progress' ? { ...CAPABILITIES, window: { workDoneProgress: true } } : CAPABILITIES;
}

/** Diagnostics as last published for a document, with the version of the text they are about. */
interface Published {
  readonly version: number | undefined;
  readonly diagnostics: Diagnostic[];
}

/** The last stderr bytes kept for error messages; the rest is drained so the pipe never fills. */
const STDERR_TAIL = 2000;
/** How long a killed process may take to be reported gone. */
const KILL_WAIT_MS = 5000;

export class LspServer {
  private readonly documents = new Map<string, { version: number; text: string }>();
  private readonly published = new Map<string, Published>();
  /** Called at every publishDiagnostics: each waiter checks whether what it waits for arrived. */
  private readonly publishWaiters = new Set<() => void>();
  private readonly pending = new Set<(error: FactsError) => void>();
  /** The methods the server registered dynamically (client/registerCapability), by registration id. */
  private readonly registrations = new Map<string, string>();
  private readonly readiness: ReadinessWatch;
  private stderrTail = '';
  private exitDescription: string | undefined;
  private stopping = false;
  private readonly exited: Promise<void>;
  /** Resolves when the server's answers can be trusted (see ServerSpec.readiness). */
  readonly ready: Promise<void>;
  /** Milliseconds from spawn to `initialize` answered, and to ready. */
  initializedMs = 0;
  /** What the server said it can do, in its answer to initialize. */
  capabilities: ServerCapabilities = {};
  readyMs: number | undefined;

  private constructor(
    readonly spec: ServerSpec,
    readonly root: string,
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
    spawnedAt: number,
    log: (message: string) => void,
  ) {
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    this.readiness = new ReadinessWatch(spec, log);
    this.ready = this.readiness.ready.then(() => {
      this.readyMs = performance.now() - spawnedAt;
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      const uri = sameFormAsOurs(params.uri);
      // A server that does not say which version it speaks of is taken to speak of the latest text.
      this.published.set(uri, { version: params.version ?? this.documents.get(uri)?.version, diagnostics: params.diagnostics });
      this.readiness.diagnosticsPublished();
      for (const waiter of this.publishWaiters) waiter();
    });
    child.once('exit', (code, signal) => {
      this.readiness.exited();
      this.exitDescription = signal ? `was killed (${signal})` : `exited with code ${code}`;
      const tail = this.stderrTail.trim() ? `; its last output: ${this.stderrTail.trim().slice(-300)}` : '';
      const error = new FactsError('crashed', `${spec.name} ${this.exitDescription}${tail}`);
      for (const reject of this.pending) reject(error);
      this.pending.clear();
      connection.dispose();
    });
  }

  /** Spawns the server and initializes it for `root`. Rejects with an actionable FactsError if it cannot start. */
  static async start(spec: ServerSpec, root: string, log: (message: string) => void = logToStderr): Promise<LspServer> {
    const spawnedAt = performance.now();
    // The server's own variables (ELECTRON_RUN_AS_NODE for pyright under VS Code) on top of ours; none: ours as they are.
    const env = spec.command.env && { ...process.env, ...spec.command.env };
    // Its own process group, so that what it starts dies with it (process-hooks.ts).
    const child = spawn(spec.command.command, [...spec.command.args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'], detached: OWN_PROCESS_GROUP });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', error =>
        reject(new FactsError('no-server', `Could not start ${spec.name} (\`${spec.command.command}\`): ${error.message}. Install it, or fix its command in the language server settings.`)),
      );
    });
    // A write to a server that just died raises EPIPE on stdin: the exit handler reports it instead.
    child.stdin!.on('error', () => {});
    const connection = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout!), new protocol.StreamMessageWriter(child.stdin!));
    const server = new LspServer(spec, root, child, connection, spawnedAt, log);
    child.stderr!.on('data', (chunk: Buffer) => (server.stderrTail = (server.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL)));
    await spawned;
    killOnExit(child);
    // A server never keeps our process alive: a command line that ends without dispose() still ends, and
    // the exit hook kills the server.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    server.answerServerRequests();
    connection.listen();
    const rootUri = pathToFileURL(root).href;
    const initialized = await server.request<InitializeResult>(
      'initialize',
      { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: path.basename(root) }], capabilities: capabilitiesFor(spec), initializationOptions: spec.initializationOptions },
      { budgetMs: spec.initializeTimeoutMs },
    ).catch(async error => {
      await server.kill();
      throw new FactsError('crashed', `${spec.name} did not initialize: ${describeError(error)}`);
    });
    server.initializedMs = performance.now() - spawnedAt;
    server.capabilities = initialized.capabilities;
    server.readiness.initialized();
    await connection.sendNotification('initialized', {});
    return server;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** What decided that the answers are trusted; undefined while they are not. */
  get readyBy(): ReadyBy | undefined {
    return this.readiness.readyBy;
  }

  get alive(): boolean {
    return this.exitDescription === undefined;
  }

  /** Calls `listener` once if the process ends without `shutdown()` having been asked for. */
  onCrash(listener: () => void): void {
    this.child.once('exit', () => this.stopping || listener());
  }

  /** Sends a request; rejects with a FactsError on timeout (after cancelling it on the server), abort, error or crash. */
  request<R>(method: string, params: unknown, control: RequestControl): Promise<R> {
    if (!this.alive) return Promise.reject(new FactsError('crashed', `${this.spec.name} ${this.exitDescription}`));
    if (control.signal?.aborted) return Promise.reject(new FactsError('cancelled', `${method} was cancelled`));
    const cancellation = new protocol.CancellationTokenSource();
    return new Promise<R>((resolve, reject) => {
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        control.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(onCrash);
        cancellation.dispose();
        finish();
      };
      const onCrash = (error: FactsError) => settle(() => reject(new FactsError('crashed', `${error.message} while answering ${method}; it restarts on the next request`)));
      const onAbort = () => {
        cancellation.cancel();
        settle(() => reject(new FactsError('cancelled', `${method} was cancelled`)));
      };
      const timer = setTimeout(() => {
        cancellation.cancel();
        settle(() => reject(new FactsError('timeout', `${this.spec.name} did not answer ${method} within ${control.budgetMs} ms; the request was cancelled`)));
      }, control.budgetMs);
      control.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(onCrash);
      // A request without parameters must send none, not `null` (tsc rejects `shutdown` with params).
      const sent = params === undefined ? this.connection.sendRequest<R>(method, cancellation.token) : this.connection.sendRequest<R>(method, params, cancellation.token);
      sent.then(
        (answer: R) => settle(() => resolve(answer)),
        (error: unknown) => settle(() => reject(new FactsError('server-error', `${this.spec.name} failed on ${method}: ${describeError(error)}`))),
      );
    });
  }

  /**
   * Makes the server see `text` as the content of `uri`: didOpen the first time, then didChange (whole
   * text, next version) whenever it differs from what the server has.
   */
  async sync(uri: string, languageId: string, text: string): Promise<void> {
    if (!this.alive) throw new FactsError('crashed', `${this.spec.name} ${this.exitDescription}`);
    const open = this.documents.get(uri);
    if (!open) {
      this.documents.set(uri, { version: 1, text });
      await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      this.readiness.opened();
    } else if (open.text !== text) {
      const version = open.version + 1;
      this.documents.set(uri, { version, text });
      const change = this.acceptsRangeChanges ? rangeChange(open.text, text) : { text };
      // Not awaited: the connection writes in call order, so the requests sent after this call follow the
      // new text; awaiting the write let the other questions of a gathering, finding the text current, go
      // out first, and the one that brought the edit last, whatever order the gathering meant (pyright
      // answers in arrival order).
      this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }).catch(() => undefined);
    }
  }

  /**
   * Servers that take incremental changes get only the edited range: a shadow edit touches a line or two of
   * a file, and re-reading the whole text costs tsc most of a shadow question's time on a large file.
   */
  private get acceptsRangeChanges(): boolean {
    const sync = this.capabilities.textDocumentSync;
    return (typeof sync === 'number' ? sync : sync?.change) === protocol.TextDocumentSyncKind.Incremental;
  }

  /** Whether the server answers textDocument/diagnostic: offered in its answer to initialize, or registered since. */
  get pullsDiagnostics(): boolean {
    return Boolean(this.capabilities.diagnosticProvider) || [...this.registrations.values()].includes('textDocument/diagnostic');
  }

  /** The text the server currently has for `uri`, if it is open. */
  openText(uri: string): string | undefined {
    return this.documents.get(uri)?.text;
  }

  /** The diagnostics last published for `uri` (servers publish them for open documents). */
  diagnostics(uri: string): readonly Diagnostic[] {
    return this.published.get(uri)?.diagnostics ?? [];
  }

  /**
   * Resolves true once the server has published diagnostics for the text it now has of `uri`, that is,
   * once it has analysed that text; false after `timeoutMs`, or if the server ends first.
   */
  async analysed(uri: string, timeoutMs: number): Promise<boolean> {
    const done = () => {
      const published = this.published.get(uri)?.version;
      const current = this.documents.get(uri)?.version;
      return published !== undefined && current !== undefined && published >= current;
    };
    if (done()) return true;
    let timer: NodeJS.Timeout | undefined;
    let waiter: () => void = () => {};
    const seen = new Promise<boolean>(resolve => {
      waiter = () => done() && resolve(true);
      this.publishWaiters.add(waiter);
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([seen, this.exited.then(() => false)]);
    clearTimeout(timer);
    this.publishWaiters.delete(waiter);
    return result;
  }

  /** shutdown + exit, as the protocol asks; kills the process if it does not leave within `graceMs`. */
  async shutdown(graceMs = 1000): Promise<void> {
    this.stopping = true;
    if (!this.alive) return;
    try {
      await this.request('shutdown', undefined, { budgetMs: graceMs });
      await this.connection.sendNotification(protocol.ExitNotification.type);
    } catch {
      // A server that cannot shut down politely is killed below.
    }
    if (!(await this.exitWithin(graceMs))) await this.kill();
    // A server that left politely may have left what it started (tsserver) still running.
    killServer(this.child);
    await groupEnded(this.child, KILL_WAIT_MS);
  }

  private async kill(): Promise<void> {
    this.stopping = true;
    killServer(this.child);
    await this.exitWithin(KILL_WAIT_MS);
    await groupEnded(this.child, KILL_WAIT_MS);
  }

  /** Waits for the process to end, at most `ms`; the timer keeps our process alive meanwhile (the child does not). */
  private async exitWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const left = await Promise.race([this.exited.then(() => true), new Promise<boolean>(resolve => (timer = setTimeout(() => resolve(false), ms)))]);
    clearTimeout(timer);
    return left;
  }

  /**
   * Servers ask the client things too. Configuration gets the servers' defaults (null), the folders are
   * ours, a work-done progress token is accepted and its $/progress followed for readiness, dynamic
   * registrations are noted (pull diagnostics), a refresh of pulled diagnostics is acknowledged (we pull
   * afresh at every question anyway; pyright exits when it is refused); every other request gets the
   * connection's "method not found" answer, so no server waits on us.
   */
  private answerServerRequests(): void {
    this.connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
    this.connection.onRequest(protocol.RegistrationRequest.type, ({ registrations }: RegistrationParams) => {
      for (const { id, method } of registrations) {
        this.registrations.set(id, method);
        this.readiness.registered(method);
      }
    });
    this.connection.onRequest(protocol.UnregistrationRequest.type, ({ unregisterations }: UnregistrationParams) => {
      for (const { id } of unregisterations) this.registrations.delete(id);
    });
    this.connection.onRequest(protocol.DiagnosticRefreshRequest.type, () => undefined);
    this.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(this.root).href, name: path.basename(this.root) }]);
    this.connection.onRequest(protocol.WorkDoneProgressCreateRequest.type, ({ token }: WorkDoneProgressCreateParams) => {
      this.readiness.announced(token);
      const following = this.connection.onProgress(protocol.WorkDoneProgress.type, token, (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
        this.readiness.progress(token, value);
        if (value.kind === 'end') following.dispose();
      });
    });
  }
}

/**
 * A server's file URI in the form we send (pathToFileURL's): servers may escape what Node leaves as it is
 * (pyright writes `@` as `%40`), and a document is looked up by its URI.
 */
function sameFormAsOurs(uri: string): string {
  return uri.startsWith('file:') ? pathToFileURL(fileURLToPath(uri)).href : uri;
}

/** The one range of `before` that `after` replaces (between their common start and common end), as a change event. */
export function rangeChange(before: string, after: string): { range: { start: Position; end: Position }; text: string } {
  const span = changedSpan(before, after);
  let start = span.start;
  let end = before.length - span.oldEnd;
  // Never split a surrogate pair: positions count UTF-16 code units, but a pair is one character to a server.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - end - 1))) end--;
  return { range: { start: positionAt(before, start), end: positionAt(before, before.length - end) }, text: after.slice(start, after.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
