// One gathering of facts under one time budget. Every step is named; a step that fails says why, and a
// step still running when the budget ends is reported as missing for that reason. Its questions carry the
// remaining time as their own budget and are cancelled on the servers at the end.
import { setMaxListeners } from 'node:events';
import type { SymbolLocation } from '../index/view';
import type { Definition, Position } from '../types';
import { answerCacheOf, rememberingQuestions, type FactsQuestions } from './answer-cache';
import { FactsError, describeError } from './errors';
import type { DocumentRef, FactLocation, FactsRequestOptions, LanguageFacts } from './types';

export interface MissingFact {
  /** What was asked: "definition of `openAccount`". */
  readonly what: string;
  /** Why it is missing: the server's error, "no answer within the 100 ms budget" … */
  readonly why: string;
}

/** What a session reads of the workspace besides the servers' answers: the engine hands its index's. */
export interface SessionWorkspace {
  readonly readText: (path: string) => Promise<string | undefined>;
  /** The declarations indexed in a file, from the same text `readText` gives; absent where there is no index. */
  readonly declarationsIn?: (path: string) => readonly Definition[] | undefined;
  /** Every declaration of a name across the indexed workspace (SymbolTable.definitionsOf); absent where there is no index. */
  readonly declarationsNamed?: (name: string) => readonly SymbolLocation[];
}

export class FactsSession {
  readonly missing: MissingFact[] = [];
  private readonly pending = new Set<string>();
  private readonly abort = new AbortController();
  private readonly deadline: number;
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private closed = false;
  /** The provider's questions, each asked once and not at all while a remembered answer holds (answer-cache.ts). */
  readonly facts: FactsQuestions;

  constructor(
    provider: LanguageFacts,
    /** The current document, with the buffer's text. */
    readonly doc: DocumentRef & { readonly text: string },
    readonly budgetMs: number,
    private readonly workspace: SessionWorkspace,
    signal?: AbortSignal,
  ) {
    this.deadline = performance.now() + budgetMs;
    this.facts = rememberingQuestions(provider, answerCacheOf(provider), path => this.text(path), doc.path);
    // Every question of the session listens to this one signal.
    setMaxListeners(0, this.abort.signal);
    signal?.addEventListener('abort', () => this.abort.abort(), { once: true });
  }

  /** Options for a question: the time left, and cancellation at the end. */
  get request(): FactsRequestOptions {
    return { budgetMs: Math.max(1, Math.round(this.deadline - performance.now())), signal: this.abort.signal };
  }

  get over(): boolean {
    return this.closed || performance.now() >= this.deadline;
  }

  private get budgetMessage(): string {
    return `no answer within the ${this.budgetMs} ms budget`;
  }

  /** Runs a named step; its failure is recorded, and it yields undefined. */
  async step<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    if (this.over) {
      this.missing.push({ what, why: `not asked: the ${this.budgetMs} ms budget was spent` });
      return undefined;
    }
    this.pending.add(what);
    try {
      return await work();
    } catch (error) {
      // Without a server every step fails alike: that is one missing thing, not one per step.
      const wholesale = error instanceof FactsError && ['no-server', 'untrusted', 'disposed'].includes(error.code);
      // A question's own deadline is the session's: say so in the session's words.
      const why = error instanceof FactsError && error.code === 'timeout' ? this.budgetMessage : describeError(error);
      if (!this.closed) this.missing.push({ what: wholesale ? 'language facts' : what, why });
      return undefined;
    } finally {
      this.pending.delete(what);
    }
  }

  /** The text of a workspace file (the current buffer for the current file), read once. */
  text(path: string): Promise<string | undefined> {
    if (path === this.doc.path) return Promise.resolve(this.doc.text);
    let text = this.texts.get(path);
    if (!text) {
      text = this.workspace.readText(path).catch(() => undefined);
      this.texts.set(path, text);
    }
    return text;
  }

  /**
   * The declarations indexed in a workspace file other than the current one (whose buffer is not what was
   * indexed), or undefined.
   */
  declarationsIn(path: string): readonly Definition[] | undefined {
    return path === this.doc.path ? undefined : this.workspace.declarationsIn?.(path);
  }

  /** The index's declarations named `name` across the workspace, or undefined where there is no index. */
  declarationsNamed(name: string): readonly SymbolLocation[] | undefined {
    return this.workspace.declarationsNamed?.(name);
  }

  definitionAt(path: string, position: Position): Promise<readonly FactLocation[]> {
    return this.facts.definition(this.refTo(path), position, this.request);
  }

  refTo(path: string): DocumentRef {
    return path === this.doc.path ? this.doc : { path };
  }

  /** Ends the session: steps still running are reported as missing, and their questions cancelled. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const what of this.pending) this.missing.push({ what, why: this.budgetMessage });
    this.abort.abort();
  }
}
