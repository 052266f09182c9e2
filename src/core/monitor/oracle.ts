// The oracle: what the language server says about a speculative text, the shadow document (document prefix
// + completion so far + suffix). Each question has its own time budget: past it, or without a server, the
// answer is "no opinion, and why", and the completion goes on as the model writes it.
import { FactsError, type DiagnosticFact, type LanguageFacts } from '../facts';
import type { Position } from '../types';

/** The document the completion is written into. */
export interface MonitoredDocument {
  /** Workspace-relative. */
  readonly path: string;
  /** The buffer before and after the cursor. */
  readonly prefix: string;
  readonly suffix: string;
}

/** An answer, or why there is none. */
export type OracleAnswer<T> = { readonly value: T; readonly ms: number } | { readonly why: string; readonly ms: number; readonly serverMissing: boolean };

const NAME = /^#?[A-Za-z_$][\w$]*$/;

export class Oracle {
  constructor(
    private readonly facts: LanguageFacts,
    private readonly document: MonitoredDocument,
    private readonly budgetMs: number,
  ) {}

  /**
   * The members the server offers after the dot that ends `textBeforeName` (completion text up to the
   * member's name). Empty means the server knows no members there (an `any`, an error type): no opinion.
   */
  allowedMembers(textBeforeName: string, signal: AbortSignal): Promise<OracleAnswer<readonly string[]>> {
    const before = this.document.prefix + textBeforeName;
    return this.ask(before + this.document.suffix, signal, async (shadow, options) => {
      const items = await shadow.completions(endOf(before), options);
      // Optional members may be labelled `name?`; quoted labels (`"content-type"`) are not dotted names.
      return [...new Set(items.map(item => item.label.replace(/\?$/, '')).filter(label => NAME.test(label)))];
    });
  }

  /** The server's diagnostics of the document with `completion` inserted at the cursor. */
  diagnostics(completion: string, signal: AbortSignal): Promise<OracleAnswer<readonly DiagnosticFact[]>> {
    return this.ask(this.document.prefix + completion + this.document.suffix, signal, (shadow, options) => shadow.diagnostics(options));
  }

  /** One shadow question within the budget, counted from now (waiting for the server's turn included). */
  private async ask<T>(shadowText: string, signal: AbortSignal, query: (shadow: Parameters<Parameters<LanguageFacts['withShadowText']>[2]>[0], options: { budgetMs: number; signal: AbortSignal }) => Promise<T>): Promise<OracleAnswer<T>> {
    const started = performance.now();
    const abort = new AbortController();
    const cancel = () => abort.abort();
    signal.addEventListener('abort', cancel, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>(resolve => (timer = setTimeout(() => resolve('expired'), this.budgetMs)));
    const doc = { path: this.document.path, text: this.document.prefix + this.document.suffix };
    try {
      const answer = this.facts.withShadowText(doc, shadowText, shadow => query(shadow, { budgetMs: this.budgetMs, signal: abort.signal }));
      // The server may still be busy past the budget; its answer is then dropped (and its request cancelled).
      answer.catch(() => undefined);
      const outcome = await Promise.race([answer, expired]);
      const ms = performance.now() - started;
      if (outcome === 'expired') return { why: `no answer within the ${this.budgetMs} ms budget`, ms, serverMissing: false };
      return { value: outcome, ms };
    } catch (error) {
      const missing = error instanceof FactsError && ['no-server', 'untrusted', 'disposed'].includes(error.code);
      return { why: error instanceof Error ? error.message : String(error), ms: performance.now() - started, serverMissing: missing };
    } finally {
      clearTimeout(timer);
      abort.abort();
      signal.removeEventListener('abort', cancel);
    }
  }
}

/** The position just after `text`, which starts at the document's start. */
export function endOf(text: string): Position {
  const lineStart = text.lastIndexOf('\n') + 1;
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, character: text.length - lineStart };
}
