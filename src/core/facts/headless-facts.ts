// LanguageFacts from hidden language servers: the command line's and the benchmarks' implementation.
// One server per language family and workspace, started lazily (server-slot.ts); documents are synced
// before each question with the caller's text, or the file on disk the first time.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { languageForPath, languageInfo } from '../languages';
import type { LanguageId, Position } from '../types';
import { toCompletions, toDiagnostics, toHover, toLocations, toSignature, toSymbolLocations, toSymbols, uriOf } from './convert';
import { FactsError } from './errors';
import type { LspServer } from './lsp-server';
import { serverFor, type ServerRegistryOptions, type ServerSpec } from './server-registry';
import { DEFAULT_RESTART_BACKOFF, ServerSlot, type RestartBackoff, type ServerStatus } from './server-slot';
import type {
  CompletionFact,
  DiagnosticFact,
  DocumentRef,
  FactLocation,
  FactsRequestOptions,
  HoverFact,
  LanguageFacts,
  PositionFacts,
  SignatureFact,
  SymbolFact,
} from './types';

export interface HeadlessFactsOptions extends ServerRegistryOptions {
  /** The workspace root: servers run there and paths are relative to it. */
  readonly root: string;
  /** Budget of a single question when the caller gives none. */
  readonly defaultBudgetMs?: number;
  readonly restartBackoff?: RestartBackoff;
  /** Where the servers' lifecycle is told (a readiness that timed out); standard error when absent. */
  readonly log?: (message: string) => void;
}

export const DEFAULT_REQUEST_BUDGET_MS = 2000;

/** How the document is to be synced before a question: with the real text, or already holding a shadow. */
type Sync = 'real' | 'shadow';

export class HeadlessLanguageFacts implements LanguageFacts {
  private readonly root: string;
  private readonly slots = new Map<string, ServerSlot>();
  /** The server per language, resolved once: resolving reads the disk. */
  private readonly specs = new Map<LanguageId, ServerSpec>();
  private disposed = false;

  constructor(private readonly options: HeadlessFactsOptions) {
    this.root = path.resolve(options.root);
  }

  definition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    return this.ask(doc, 'textDocument/definition', { position }, options, 'real', answer => toLocations(this.root, answer as never));
  }

  typeDefinition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    return this.ask(doc, 'textDocument/typeDefinition', { position }, options, 'real', answer => toLocations(this.root, answer as never));
  }

  hover(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<HoverFact | undefined> {
    return this.ask(doc, 'textDocument/hover', { position }, options, 'real', answer => toHover(answer as never));
  }

  signatureHelp(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<SignatureFact | undefined> {
    return this.ask(doc, 'textDocument/signatureHelp', { position }, options, 'real', answer => toSignature(answer as never));
  }

  completions(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly CompletionFact[]> {
    return this.ask(doc, 'textDocument/completion', { position }, options, 'real', answer => toCompletions(answer as never));
  }

  documentSymbols(doc: DocumentRef, options?: FactsRequestOptions): Promise<readonly SymbolFact[]> {
    return this.ask(doc, 'textDocument/documentSymbol', {}, options, 'real', answer => toSymbols(answer as never));
  }

  /**
   * Pulled (textDocument/diagnostic) from servers that offer it; else the ones the server publishes for the
   * text synced, waited for within the budget (past it, the last ones published, which may be an older text's).
   */
  async diagnostics(doc: DocumentRef, options?: FactsRequestOptions): Promise<readonly DiagnosticFact[]> {
    const slot = this.slotFor(doc.path);
    const server = await slot.server();
    if (server.pullsDiagnostics) {
      return this.ask(doc, 'textDocument/diagnostic', {}, options, 'real', answer => toDiagnostics((answer as { items?: never[] } | null)?.items ?? []));
    }
    const deadline = performance.now() + (options?.budgetMs ?? this.options.defaultBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS);
    const uri = uriOf(this.root, doc.path);
    await slot.gate.shared(async () => {
      await this.sync(server, doc, 'real');
      await server.ready;
      await server.analysed(uri, Math.max(0, deadline - performance.now()));
    });
    return toDiagnostics(server.diagnostics(uri));
  }

  async workspaceSymbols(doc: DocumentRef, name: string, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    const slot = this.slotFor(doc.path);
    const server = await slot.server();
    const budgetMs = options?.budgetMs ?? this.options.defaultBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS;
    const answer = await slot.gate.shared(() => server.request('workspace/symbol', { query: name }, { budgetMs, ...(options?.signal ? { signal: options.signal } : {}) }));
    return toSymbolLocations(this.root, answer as never, name);
  }

  async withShadowText<T>(doc: DocumentRef, shadowText: string, query: (shadow: PositionFacts) => Promise<T>): Promise<T> {
    const slot = this.slotFor(doc.path);
    const server = await slot.server();
    return slot.gate.exclusive(async () => {
      await this.sync(server, doc, 'real');
      const uri = uriOf(this.root, doc.path);
      const realText = server.openText(uri)!;
      const shadow: PositionFacts = {
        definition: (position, options) => this.ask(doc, 'textDocument/definition', { position }, options, 'shadow', answer => toLocations(this.root, answer as never)),
        typeDefinition: (position, options) => this.ask(doc, 'textDocument/typeDefinition', { position }, options, 'shadow', answer => toLocations(this.root, answer as never)),
        hover: (position, options) => this.ask(doc, 'textDocument/hover', { position }, options, 'shadow', answer => toHover(answer as never)),
        signatureHelp: (position, options) => this.ask(doc, 'textDocument/signatureHelp', { position }, options, 'shadow', answer => toSignature(answer as never)),
        completions: (position, options) => this.ask(doc, 'textDocument/completion', { position }, options, 'shadow', answer => toCompletions(answer as never)),
        diagnostics: async options => {
          // Published diagnostics may still be those of an older text: only a pulled answer is the shadow's.
          if (!server.pullsDiagnostics) throw new FactsError('server-error', `${server.spec.name} only publishes diagnostics, so it cannot check a speculative text.`);
          return this.ask(doc, 'textDocument/diagnostic', {}, options, 'shadow', answer => toDiagnostics((answer as { items?: never[] } | null)?.items ?? []));
        },
      };
      await server.sync(uri, lspLanguageId(doc.path), shadowText);
      try {
        return await query(shadow);
      } finally {
        // A server that died meanwhile is replaced by one that opens the real text anyway.
        if (server.alive) await server.sync(uri, lspLanguageId(doc.path), realText).catch(() => undefined);
      }
    });
  }

  /**
   * Starts the server for `doc`'s language and opens `doc`, so that the first real question is fast. A
   * server that analyses open documents before it answers (`first-diagnostics`) is also waited for until it
   * has analysed this text; pyright, which evaluates types lazily and checks only when asked
   * (`pull-diagnostics`), is asked to check it, so that the questions about this text find its types
   * evaluated. Both within the ready timeout.
   */
  async warmUp(doc: DocumentRef): Promise<void> {
    const slot = this.slotFor(doc.path);
    const server = await slot.server();
    await slot.gate.shared(() => this.sync(server, doc, 'real'));
    await server.ready;
    if (server.spec.readiness === 'first-diagnostics') await server.analysed(uriOf(this.root, doc.path), server.spec.readyTimeoutMs);
    if (server.spec.readiness === 'pull-diagnostics' && server.pullsDiagnostics) await this.diagnostics(doc, { budgetMs: server.spec.readyTimeoutMs }).catch(() => undefined);
  }

  /** Every server started so far: name, state, pid, start and ready times, crashes. */
  status(): ServerStatus[] {
    return [...this.slots.values()].map(slot => slot.status());
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.slots.values()].map(slot => slot.dispose()));
  }

  /** Syncs `doc`, waits until the server is ready, asks, and converts the answer. */
  private async ask<T>(doc: DocumentRef, method: string, params: object, options: FactsRequestOptions | undefined, sync: Sync, convert: (answer: unknown) => T): Promise<T> {
    const deadline = performance.now() + (options?.budgetMs ?? this.options.defaultBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS);
    const slot = this.slotFor(doc.path);
    const server = await slot.server();
    const question = async () => {
      await this.sync(server, doc, sync);
      await server.ready;
      const budgetMs = Math.max(1, Math.round(deadline - performance.now()));
      const answer = await server.request(method, { textDocument: { uri: uriOf(this.root, doc.path) }, ...params }, { budgetMs, ...(options?.signal ? { signal: options.signal } : {}) });
      return convert(answer);
    };
    // Inside withShadowText the gate is already held exclusively, for this very question.
    return sync === 'shadow' ? question() : slot.gate.shared(question);
  }

  private async sync(server: LspServer, doc: DocumentRef, sync: Sync): Promise<void> {
    if (sync === 'shadow') return;
    const uri = uriOf(this.root, doc.path);
    const text = doc.text ?? server.openText(uri) ?? (await this.readFile(doc.path));
    await server.sync(uri, lspLanguageId(doc.path), text);
  }

  private async readFile(workspacePath: string): Promise<string> {
    try {
      return await fs.readFile(path.resolve(this.root, workspacePath), 'utf8');
    } catch (error) {
      throw new FactsError('server-error', `Cannot read ${workspacePath} to show it to the language server: ${(error as Error).message}`);
    }
  }

  private slotFor(workspacePath: string): ServerSlot {
    if (this.disposed) throw new FactsError('disposed', 'The language facts were disposed');
    const language = languageForPath(workspacePath);
    if (!language) throw new FactsError('no-server', `No language is known for ${workspacePath}, so no language server can answer for it.`);
    let spec = this.specs.get(language);
    if (!spec) {
      spec = serverFor(language, this.root, this.options);
      this.specs.set(language, spec);
    }
    let slot = this.slots.get(spec.id);
    if (!slot) {
      slot = new ServerSlot(spec, this.root, this.options.restartBackoff ?? DEFAULT_RESTART_BACKOFF, this.options.log);
      this.slots.set(spec.id, slot);
    }
    return slot;
  }
}

/** The protocol's language id: VS Code's, with .jsx told apart from .js. */
function lspLanguageId(workspacePath: string): string {
  if (workspacePath.endsWith('.jsx')) return 'javascriptreact';
  return languageInfo(languageForPath(workspacePath)!).vscodeIds[0]!;
}
