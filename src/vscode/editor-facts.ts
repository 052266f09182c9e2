// LanguageFacts from the editor's own language servers, through VS Code's provider commands: the servers
// the user already runs answer for the real documents, so no second TypeScript server starts. The engine
// thread cannot call VS Code, so context-service gathers the facts here, on the extension host, within
// their budget, and sends them with the request as data.
import * as vscode from 'vscode';
import {
  FactsError,
  gatherFacts,
  toCompletions,
  toDiagnostics,
  toHover,
  toLocations,
  toSignature,
  toSymbolLocations,
  toSymbols,
  type CompletionFact,
  type DiagnosticFact,
  type DocumentRef,
  type FactLocation,
  type FactsRequestOptions,
  type GatheredFacts,
  type HoverFact,
  type IdentifierNearCursor,
  type LanguageFacts,
  type SignatureFact,
  type SymbolFact,
} from '../core/facts';
import { languageForVscodeId, languageInfo } from '../core/languages';
import type { Position } from '../core/types';
import { workspaceUri } from './paths';

/** A single question's budget when the caller gives none: the editor's providers may be busy. */
const DEFAULT_QUESTION_BUDGET_MS = 1000;

export class EditorLanguageFacts implements LanguageFacts {
  constructor(private readonly folder: vscode.WorkspaceFolder) {}

  /** The workspace folder: facts' paths are relative to it, and other files' texts are read there. */
  get root(): string {
    return this.folder.uri.fsPath;
  }

  async definition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    return toLocations(this.root, asLspLocations(await this.ask<LocationAnswer>(options, 'vscode.executeDefinitionProvider', this.uriOf(doc), at(position))));
  }

  async typeDefinition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    return toLocations(this.root, asLspLocations(await this.ask<LocationAnswer>(options, 'vscode.executeTypeDefinitionProvider', this.uriOf(doc), at(position))));
  }

  async hover(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<HoverFact | undefined> {
    const hovers = (await this.ask<vscode.Hover[] | undefined>(options, 'vscode.executeHoverProvider', this.uriOf(doc), at(position))) ?? [];
    // Several providers may answer; their parts are one hover. MarkdownString is LSP's markdown MarkupContent.
    const contents = hovers.flatMap(hover => hover.contents.map(part => (part instanceof vscode.MarkdownString ? { kind: 'markdown', value: part.value } : part)));
    return toHover(contents.length > 0 ? ({ contents } as never) : undefined);
  }

  async signatureHelp(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<SignatureFact | undefined> {
    // VS Code's SignatureHelp has the protocol's shape (labels, offsets, active indexes).
    return toSignature((await this.ask<vscode.SignatureHelp | undefined>(options, 'vscode.executeSignatureHelpProvider', this.uriOf(doc), at(position))) as never);
  }

  async completions(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly CompletionFact[]> {
    const list = await this.ask<vscode.CompletionList | undefined>(options, 'vscode.executeCompletionItemProvider', this.uriOf(doc), at(position));
    const items = (list?.items ?? []).map(item => ({
      label: typeof item.label === 'string' ? item.label : item.label.label,
      ...(item.kind === undefined ? {} : { kind: item.kind + 1 }),
      ...(item.detail ? { detail: item.detail } : {}),
    }));
    return toCompletions(items as never);
  }

  async documentSymbols(doc: DocumentRef, options?: FactsRequestOptions): Promise<readonly SymbolFact[]> {
    const symbols = (await this.ask<vscode.DocumentSymbol[] | undefined>(options, 'vscode.executeDocumentSymbolProvider', this.uriOf(doc))) ?? [];
    return toSymbols(symbols.map(asLspSymbol) as never);
  }

  async diagnostics(doc: DocumentRef): Promise<readonly DiagnosticFact[]> {
    const diagnostics = vscode.languages.getDiagnostics(this.uriOf(doc)).map(d => ({
      range: plain(d.range),
      message: d.message,
      severity: d.severity + 1,
      ...(d.source ? { source: d.source } : {}),
    }));
    return toDiagnostics(diagnostics as never);
  }

  async workspaceSymbols(_doc: DocumentRef, name: string, options?: FactsRequestOptions): Promise<readonly FactLocation[]> {
    const symbols = (await this.ask<vscode.SymbolInformation[] | undefined>(options, 'vscode.executeWorkspaceSymbolProvider', name)) ?? [];
    return toSymbolLocations(this.root, symbols.map(s => ({ name: s.name, kind: s.kind + 1, location: { uri: s.location.uri.toString(), range: plain(s.location.range) } })) as never, name);
  }

  withShadowText<T>(): Promise<T> {
    return Promise.reject(new FactsError('server-error', "The editor's language servers answer for the documents as they are: a speculative text is asked of the headless servers only."));
  }

  /** The servers are the user's: nothing to end. */
  async dispose(): Promise<void> {}

  private uriOf(doc: DocumentRef): vscode.Uri {
    return workspaceUri(this.folder, doc.path);
  }

  /** A provider command within its budget; VS Code cannot cancel one, so past the budget its answer is ignored. */
  private ask<T>(options: FactsRequestOptions | undefined, command: string, ...args: unknown[]): Promise<T> {
    const budgetMs = options?.budgetMs ?? DEFAULT_QUESTION_BUDGET_MS;
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new FactsError('cancelled', `${command} was cancelled.`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new FactsError('timeout', `${command} did not answer within ${budgetMs} ms.`))), budgetMs);
      const onAbort = () => settle(() => reject(new FactsError('cancelled', `${command} was cancelled.`)));
      const settle = (finish: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        finish();
      };
      signal?.addEventListener('abort', onAbort);
      vscode.commands.executeCommand<T>(command, ...args).then(
        answer => settle(() => resolve(answer)),
        (error: unknown) => settle(() => reject(new FactsError('server-error', `${command} failed: ${error instanceof Error ? error.message : String(error)}`))),
      );
    });
  }
}

/**
 * The editor's facts at a cursor, within `budgetMs`. Tree-sitter does not run on the extension host, so
 * the identifiers near the cursor are the words of the code on the cursor line and the lines just above
 * it, without line comments and string literals: a keyword left among them has no definition and costs
 * one quick answer.
 */
export function gatherEditorFacts(facts: EditorLanguageFacts, file: string, document: vscode.TextDocument, position: vscode.Position, budgetMs: number, signal: AbortSignal): Promise<GatheredFacts> {
  const text = document.getText();
  return gatherFacts(facts, { file, text, position: { line: position.line, character: position.character }, identifiers: wordsNear(document, position), budgetMs, signal, root: facts.root });
}

/** Lines above the cursor whose words are asked about, with the cursor line. */
const LINES_ABOVE = 3;

function wordsNear(document: vscode.TextDocument, position: vscode.Position): IdentifierNearCursor[] {
  const words: IdentifierNearCursor[] = [];
  const language = languageForVscodeId(document.languageId);
  const comment = language && languageInfo(language).lineComment;
  for (let line = position.line; line >= Math.max(0, position.line - LINES_ABOVE); line--) {
    const content = line === position.line ? document.lineAt(line).text.slice(0, position.character) : document.lineAt(line).text;
    const commentAt = comment ? content.indexOf(comment) : -1;
    // Blanked, not removed: the columns stay those of the document.
    const code = (commentAt < 0 ? content : content.slice(0, commentAt)).replace(/(["'`])(?:\\.|(?!\1).)*\1/g, literal => ' '.repeat(literal.length));
    for (const match of code.matchAll(/[A-Za-z_$][\w$]*/g)) words.push({ name: match[0], line, character: match.index, distance: position.line - line });
  }
  return words;
}

type LocationAnswer = (vscode.Location | vscode.LocationLink)[] | undefined;

/** VS Code's Location and LocationLink in the protocol's shapes (URIs as strings). */
function asLspLocations(answer: LocationAnswer): never {
  return (answer ?? []).map(item =>
    'targetUri' in item
      ? { targetUri: item.targetUri.toString(), targetRange: plain(item.targetRange), targetSelectionRange: plain(item.targetSelectionRange ?? item.targetRange) }
      : { uri: item.uri.toString(), range: plain(item.range) },
  ) as never;
}

/** VS Code's DocumentSymbol in the protocol's shape: kinds count from 1 there. */
function asLspSymbol(symbol: vscode.DocumentSymbol): unknown {
  return { name: symbol.name, kind: symbol.kind + 1, range: plain(symbol.range), selectionRange: plain(symbol.selectionRange ?? symbol.range), children: (symbol.children ?? []).map(asLspSymbol) };
}

/**
 * A VS Code Range as plain numbers: its line and character are getters on the class, which a structured
 * clone to the engine thread would drop (leaving `_line`).
 */
function plain(range: vscode.Range): { start: Position; end: Position } {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function at(position: Position): vscode.Position {
  return new vscode.Position(position.line, position.character);
}
