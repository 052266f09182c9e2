// The facts stage's vocabulary: what a language server knows about a position, in the engine's terms
// (0-based positions, workspace-relative paths). Both implementations speak it: the headless servers of
// this folder (command line, benchmarks) and the editor's own providers (src/vscode/).
import type { Position, Range } from '../types';

/** Where a server says something is. */
export interface FactLocation {
  /** Workspace-relative with forward slashes; absolute for files outside the workspace (libraries, stubs). */
  readonly path: string;
  readonly inWorkspace: boolean;
  /** The name's range. */
  readonly range: Range;
  /** The whole declaration, when the server gives it (LocationLink.targetRange). */
  readonly declarationRange?: Range;
}

export interface HoverFact {
  /** The hover's code, fences removed: `(property) Account.owner: User`. */
  readonly text: string;
  readonly range?: Range;
}

export interface ParameterFact {
  readonly index: number;
  /** The parameter as the signature writes it: `init: RequestOptions`. */
  readonly label: string;
  readonly name: string;
  /** The annotation after the name, when the label has one. */
  readonly type?: string;
}

export interface SignatureFact {
  /** `fetchJson(url: string, init: RequestOptions): Promise<JsonResponse>` (pyright omits the name). */
  readonly label: string;
  readonly parameters: readonly ParameterFact[];
  readonly activeParameter?: ParameterFact;
}

export interface CompletionFact {
  readonly label: string;
  /** The LSP CompletionItemKind's name in lower case: `method`, `property`, `variable` … */
  readonly kind?: string;
  readonly detail?: string;
}

export interface SymbolFact {
  readonly name: string;
  /** The LSP SymbolKind's name in lower case: `class`, `function`, `method` … */
  readonly kind: string;
  readonly range: Range;
  readonly selectionRange: Range;
  /** The enclosing symbol's name. Symbols come flattened, outer before inner. */
  readonly container?: string;
}

export interface DiagnosticFact {
  readonly range: Range;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly source?: string;
}

/** A document as the caller sees it. Without `text`, the server keeps what it has, or the file on disk. */
export interface DocumentRef {
  /** Workspace-relative. */
  readonly path: string;
  /** The current buffer, which may be unsaved. */
  readonly text?: string;
}

export interface FactsRequestOptions {
  /** Milliseconds the answer may take; past it the request is cancelled and rejects with a FactsError. */
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
}

/** The questions that take a position, asked of a speculative text (see LanguageFacts.withShadowText). */
export interface PositionFacts {
  definition(position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]>;
  typeDefinition(position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]>;
  hover(position: Position, options?: FactsRequestOptions): Promise<HoverFact | undefined>;
  signatureHelp(position: Position, options?: FactsRequestOptions): Promise<SignatureFact | undefined>;
  completions(position: Position, options?: FactsRequestOptions): Promise<readonly CompletionFact[]>;
  /** The speculative text's diagnostics (pulled: a server that only publishes them rejects with a FactsError). */
  diagnostics(options?: FactsRequestOptions): Promise<readonly DiagnosticFact[]>;
}

/**
 * Language facts at a position. Every method rejects with a FactsError (errors.ts) when the fact cannot be
 * had: no server, timeout, crash. gatherFacts() turns those into "missing, and why".
 */
export interface LanguageFacts {
  definition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]>;
  typeDefinition(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly FactLocation[]>;
  hover(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<HoverFact | undefined>;
  signatureHelp(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<SignatureFact | undefined>;
  completions(doc: DocumentRef, position: Position, options?: FactsRequestOptions): Promise<readonly CompletionFact[]>;
  documentSymbols(doc: DocumentRef, options?: FactsRequestOptions): Promise<readonly SymbolFact[]>;
  diagnostics(doc: DocumentRef, options?: FactsRequestOptions): Promise<readonly DiagnosticFact[]>;
  /** Declarations named exactly `name` anywhere in the workspace, from the server of `doc`'s language. */
  workspaceSymbols(doc: DocumentRef, name: string, options?: FactsRequestOptions): Promise<readonly FactLocation[]>;
  /**
   * Runs `query` while the server sees `shadowText` as `doc`'s content, then gives it the real text back.
   * Shadow edits are serialized, and no other question about that server is answered while one is applied,
   * so a speculative text never leaks into another answer. Inside `query`, ask only `shadow`: a question
   * through this object would wait for the shadow edit to end, which waits for `query`.
   */
  withShadowText<T>(doc: DocumentRef, shadowText: string, query: (shadow: PositionFacts) => Promise<T>): Promise<T>;
  dispose(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Cursor facts: what gatherFacts() hands to ranking.

/** Where the cursor's hole gets its expected type from. */
export type HoleKind = 'member' | 'property' | 'argument' | 'assignment' | 'return';

export type CursorFactKind =
  /** The declaration of an identifier used near the cursor. */
  | 'definition'
  /** A binding in scope used near the cursor (parameter, local, `this` member) and its type. */
  | 'binding-type'
  /** The declaration of a type named in the hole's expected type. */
  | 'expected-type'
  /** A type followed from another fact's type (its members' types, a binding's type). */
  | 'type-definition';

export interface CursorFact {
  readonly kind: CursorFactKind;
  /** The declared name: `RequestOptions`, `fetchJson`. */
  readonly name: string;
  readonly location: FactLocation;
  /** The type as the server wrote it, for bindings and expected types. */
  readonly typeText?: string;
  /** 0 for the cursor's own identifiers and hole, +1 for each type definition followed from there. */
  readonly depth: number;
  /**
   * For the type of a receiver used near the cursor (a binding or a chain's link a `.` follows): that
   * receiver as written (`workspaceService`, `inst._zod`). Its members are what the code around calls on it.
   */
  readonly typeOf?: string;
  /** For the inspector: "expected type `RequestOptions` of parameter `init` of `fetchJson`". */
  readonly reason: string;
}

export interface ExpectedType {
  readonly hole: HoleKind;
  readonly typeText: string;
  /** What the type is expected of: "parameter `init` of `fetchJson`". */
  readonly of: string;
}

export interface GatheredFacts {
  /** Facts whose declarations are in the workspace, in the order found. */
  readonly facts: readonly CursorFact[];
  readonly expectedType?: ExpectedType;
  /** What could not be had and why; empty when everything was answered. */
  readonly missing: readonly { readonly what: string; readonly why: string }[];
  /** False when the budget ended first or a server was missing. */
  readonly complete: boolean;
  readonly elapsedMs: number;
}
