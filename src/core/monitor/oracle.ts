// The oracle: what the language server says about a speculative text, the shadow document (document prefix
// + completion so far + suffix). The costly part of a shadow question is the server's: every new text is a
// new program to build and check. So TypeScript and JavaScript member questions go in batches: the questions
// asked while the previous batch ran share one shadow edit, the latest text, and are asked at once (tsc's
// member list at `x.` does not depend on what is written after the dot; pyright's does, so Python questions
// go one by one, see nextBatch). The oracle never gives up on a question by itself: the monitor
// decides how long to wait, and `signal` cancels what is still open once the completion no longer needs it.
import { FactsError, type DiagnosticFact, type LanguageFacts, type PositionFacts } from '../facts';
import { positionAt } from '../facts/text-positions';
import type { LanguageId, Position } from '../types';

/** The document the completion is written into. */
export interface MonitoredDocument {
  /** Workspace-relative. */
  readonly path: string;
  /** The buffer before and after the cursor. */
  readonly prefix: string;
  readonly suffix: string;
}

/** An answer, or why there is none; `ms` counts from the question to the answer. */
export type OracleAnswer<T> = { readonly value: T; readonly ms: number } | { readonly why: string; readonly ms: number; readonly serverMissing: boolean };

/** A member question waiting for its batch. */
interface MemberQuestion {
  /** The completion up to the member's name (it ends with the dot). */
  readonly textBeforeName: string;
  /** The completion as far as it was written when the question was asked. */
  readonly written: string;
  readonly askedAt: number;
  readonly answer: (answer: OracleAnswer<readonly string[]>) => void;
}

const NAME = /^#?[A-Za-z_$][\w$]*$/;

export class Oracle {
  private readonly waiting: MemberQuestion[] = [];
  /** A batch is being answered: new questions wait for the next one. */
  private answering = false;
  /** Why no server can answer, once a batch found out: the later questions get that answer at once. */
  private missingServer: string | undefined;

  constructor(
    private readonly facts: LanguageFacts,
    private readonly document: MonitoredDocument & { readonly language: LanguageId },
    /** Cancels every open question, on the server too. */
    private readonly signal: AbortSignal,
    /** The longest a server request may run before it is cancelled anyway. */
    private readonly patienceMs: number,
  ) {}

  /**
   * The members the server offers after the dot that ends `textBeforeName` (the completion up to the
   * member's name). Empty means the server knows no members there (an `any`, an error type): no opinion.
   */
  allowedMembers(textBeforeName: string, written: string): Promise<OracleAnswer<readonly string[]>> {
    return new Promise(answer => {
      this.waiting.push({ textBeforeName, written, askedAt: performance.now(), answer });
      if (this.answering) return;
      this.answering = true;
      // One turn of the event loop first: the questions of one burst of the stream (a network read often
      // holds several tokens) then share the first batch instead of waiting for a second one.
      setImmediate(() => void this.answerWaiting());
    });
  }

  /**
   * The server's diagnostics of the document with `completion` inserted at the cursor, within `budgetMs`.
   * Asked of the finished completion, after the member questions are dropped: `signal` is its own.
   */
  async diagnostics(completion: string, budgetMs: number, signal: AbortSignal): Promise<OracleAnswer<readonly DiagnosticFact[]>> {
    const started = performance.now();
    const abort = new AbortController();
    const cancel = () => abort.abort();
    signal.addEventListener('abort', cancel, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>(resolve => (timer = setTimeout(() => resolve('expired'), budgetMs)));
    try {
      const answer = this.facts.withShadowText(this.realDocument, this.document.prefix + completion + this.document.suffix, shadow => shadow.diagnostics({ budgetMs, signal: abort.signal }));
      // The server may still be busy past the budget; its answer is then dropped (and its request cancelled).
      answer.catch(() => undefined);
      const outcome = await Promise.race([answer, expired]);
      if (outcome === 'expired') return { why: `no answer within the ${budgetMs} ms budget`, ms: performance.now() - started, serverMissing: false };
      return { value: outcome, ms: performance.now() - started };
    } catch (error) {
      return failure(error, started);
    } finally {
      clearTimeout(timer);
      abort.abort();
      signal.removeEventListener('abort', cancel);
    }
  }

  private get realDocument() {
    return { path: this.document.path, text: this.document.prefix + this.document.suffix };
  }

  /** Answers the waiting questions, batch after batch, until none waits. */
  private async answerWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const { shadow, batch } = this.nextBatch();
        this.waiting.splice(0, this.waiting.length, ...this.waiting.filter(question => !batch.includes(question)));
        await this.answerBatch(shadow, batch);
      }
    } finally {
      this.answering = false;
    }
  }

  /**
   * TypeScript and JavaScript: the latest text answers every question whose text it continues (those asked
   * in the same stream); tsc finds the member access at a position in any text. Python: the oldest question
   * alone, on a shadow that ends at its own dot, as the buffer does when a user types the dot. pyright finds
   * the access only in a text it can read around the position: on `len(a.b) + c.` it offers every name in
   * scope at `a.`, and so it does at `self.` in `(\n self.x` (the closing brackets still to come).
   */
  private nextBatch(): { shadow: string; batch: MemberQuestion[] } {
    if (this.document.language === 'python') {
      const oldest = this.waiting[0]!;
      return { shadow: oldest.textBeforeName, batch: [oldest] };
    }
    const shadow = this.waiting.at(-1)!.written;
    return { shadow, batch: this.waiting.filter(question => shadow.startsWith(question.textBeforeName)) };
  }

  private async answerBatch(shadowCompletion: string, batch: readonly MemberQuestion[]): Promise<void> {
    if (this.signal.aborted || this.missingServer !== undefined) {
      const why = this.missingServer ?? 'the completion no longer needs it';
      for (const question of batch) question.answer({ why, ms: performance.now() - question.askedAt, serverMissing: this.missingServer !== undefined });
      return;
    }
    const { prefix, suffix } = this.document;
    try {
      await this.facts.withShadowText(this.realDocument, prefix + shadowCompletion + suffix, shadow =>
        Promise.all(batch.map(question => this.answerOne(shadow, endOf(prefix + question.textBeforeName), question))),
      );
    } catch (error) {
      // The shadow edit itself failed (no server, a crash): every question of the batch has that answer.
      if (isServerMissing(error)) this.missingServer = describe(error);
      for (const question of batch) question.answer(failure(error, question.askedAt));
    }
  }

  private async answerOne(shadow: PositionFacts, position: Position, question: MemberQuestion): Promise<void> {
    try {
      const items = await shadow.completions(position, { budgetMs: this.patienceMs, signal: this.signal });
      // Optional members may be labelled `name?`; quoted labels (`"content-type"`) are not dotted names.
      const members = [...new Set(items.map(item => item.label.replace(/\?$/, '')).filter(label => NAME.test(label)))];
      // A Python class (or module) with `__getattr__` answers any name: the list is no limit, so no opinion.
      // Nor is a list holding keywords: no member is named `if` or `None` (`a.if` is no access), so the server
      // read no member access at the dot and offered the names in scope (pyright does at `a.` in `f(a.` when
      // the next line goes on with a name: it reads `a.name` across the break inside the open call).
      const noLimit = members.includes('__getattr__') || items.some(item => item.kind === 'keyword');
      question.answer({ value: noLimit ? [] : members, ms: performance.now() - question.askedAt });
    } catch (error) {
      question.answer(failure(error, question.askedAt));
    }
  }
}

function failure(error: unknown, since: number): OracleAnswer<never> {
  return { why: describe(error), ms: performance.now() - since, serverMissing: isServerMissing(error) };
}

/** No server will answer in this completion: none could start, the workspace is untrusted, or the facts are gone. */
function isServerMissing(error: unknown): boolean {
  return error instanceof FactsError && ['no-server', 'untrusted', 'disposed'].includes(error.code);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The position just after `text`, which starts at the document's start. */
export function endOf(text: string): Position {
  return positionAt(text, text.length);
}
