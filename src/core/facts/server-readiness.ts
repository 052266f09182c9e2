// When a language server's answers can be trusted. Some servers answer as soon as they are initialized
// (tsc --lsp); pyright once it has registered pull diagnostics (else it would check each open file on its
// own, answering nothing meanwhile); others answer wrongly until they have loaded the project:
// typescript-language-server answers `definition` with the import line and completion with nothing until the
// work-done progress it reports while loading has ended. Readiness is always bounded: a server that never
// sends what is waited for is trusted after a timeout, and the log says so.

/**
 * `initialize`: once it answered initialize. `pull-diagnostics`: once it registered pull diagnostics
 * (client/registerCapability of textDocument/diagnostic, which pyright sends on `initialized`).
 * `first-diagnostics`: once it published diagnostics for an open document. `progress`: once every work-done
 * progress it began ($/progress begin … end) has ended.
 */
export const READINESS_KINDS = ['initialize', 'pull-diagnostics', 'first-diagnostics', 'progress'] as const;
export type Readiness = (typeof READINESS_KINDS)[number];

/** What decided that the answers are trusted, for the status and the log. */
export type ReadyBy = 'initialized' | 'pull diagnostics registered' | 'first diagnostics' | 'progress ended' | 'timeout' | 'exited';

interface ReadinessSpec {
  readonly name: string;
  readonly readiness: Readiness;
  /**
   * How long after the first document is opened the first diagnostics, or the first progress, may take;
   * `pull-diagnostics`: how long after initialize the registration may take.
   */
  readonly readyTimeoutMs: number;
  /** `progress`: how long after its first progress began every progress must have ended (DEFAULT_LOADING_TIMEOUT_MS). */
  readonly loadingTimeoutMs?: number;
}

/**
 * A server that publishes its diagnostics does so ~3 s after opening a file here (pyright; 10 s and more for
 * a large file on a busy machine); typescript-language-server begins its loading progress 0.5-4 s after the first file
 * opens, and ends it 7-15 s later (30 s on the busy 2-core machine), with no report in between.
 */
export const DEFAULT_READY_TIMEOUT_MS = 10_000;
const DEFAULT_LOADING_TIMEOUT_MS = 120_000;

/** Where readiness timeouts are told when the caller gives no log. */
export function logToStderr(message: string): void {
  process.stderr.write(`${message}\n`);
}

type ProgressValue = { readonly kind: 'begin'; readonly title?: string } | { readonly kind: 'report' } | { readonly kind: 'end' };

export class ReadinessWatch {
  readonly ready: Promise<ReadyBy>;
  private resolve!: (by: ReadyBy) => void;
  private decided: ReadyBy | undefined;
  private timer: NodeJS.Timeout | undefined;
  private documentOpened = false;
  /** Progress begun and not yet ended: token → title. */
  private readonly active = new Map<string | number, string>();
  private anyProgress = false;

  constructor(
    private readonly spec: ReadinessSpec,
    private readonly log: (message: string) => void,
  ) {
    this.ready = new Promise(resolve => (this.resolve = resolve));
  }

  get readyBy(): ReadyBy | undefined {
    return this.decided;
  }

  /** The server answered initialize. */
  initialized(): void {
    if (this.spec.readiness === 'initialize') this.decide('initialized');
    if (this.spec.readiness === 'pull-diagnostics') this.startTimer(this.spec.readyTimeoutMs);
  }

  /** The server registered a capability dynamically (client/registerCapability), for `method`. */
  registered(method: string): void {
    if (this.spec.readiness === 'pull-diagnostics' && method === 'textDocument/diagnostic') this.decide('pull diagnostics registered');
  }

  /** A document was opened in the server: the servers that wait for one start their work now. */
  opened(): void {
    if (this.documentOpened || this.decided || this.spec.readiness === 'initialize' || this.spec.readiness === 'pull-diagnostics') return;
    this.documentOpened = true;
    // A progress already under way is bounded by its own timer.
    if (!this.anyProgress) this.startTimer(this.spec.readyTimeoutMs);
  }

  diagnosticsPublished(): void {
    if (this.spec.readiness === 'first-diagnostics') this.decide('first diagnostics');
  }

  /** The server asked for a progress token (window/workDoneProgress/create): its progress is coming. */
  announced(token: string | number): void {
    this.progress(token, { kind: 'begin' });
  }

  progress(token: string | number, value: ProgressValue): void {
    if (this.spec.readiness !== 'progress' || this.decided) return;
    if (value.kind === 'begin') {
      if (!this.anyProgress) this.startTimer(this.spec.loadingTimeoutMs ?? DEFAULT_LOADING_TIMEOUT_MS);
      this.anyProgress = true;
      this.active.set(token, value.title ?? this.active.get(token) ?? 'announced');
    } else if (value.kind === 'end') {
      this.active.delete(token);
      if (this.active.size === 0) this.decide('progress ended');
    }
  }

  /** The process ended: nobody waits on a dead server (its requests fail on their own). */
  exited(): void {
    this.decide('exited');
  }

  private startTimer(ms: number): void {
    clearTimeout(this.timer);
    // The timer keeps our process alive while readiness is awaited (the server process and its pipes do not).
    this.timer = setTimeout(() => {
      this.log(`${this.spec.name} ${this.timeoutReason(ms)}; its answers are trusted from now on, and may be incomplete until it has loaded the project.`);
      this.decide('timeout');
    }, ms);
  }

  private timeoutReason(ms: number): string {
    if (this.spec.readiness === 'pull-diagnostics') return `registered no pull diagnostics within ${ms} ms of initialize`;
    if (this.spec.readiness === 'first-diagnostics') return `published no diagnostics within ${ms} ms of opening the first document`;
    if (!this.anyProgress) return `reported no work-done progress ($/progress) within ${ms} ms of opening the first document`;
    return `had not ended its progress "${[...this.active.values()].join('", "')}" ${ms} ms after it began`;
  }

  private decide(by: ReadyBy): void {
    if (this.decided) return;
    this.decided = by;
    clearTimeout(this.timer);
    this.resolve(by);
  }
}
