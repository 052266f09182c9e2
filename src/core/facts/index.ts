// The facts stage: what language servers know at the cursor. Between cursor/ and rank/: it takes the
// cursor's identifiers, asks a LanguageFacts (headless servers here, the editor's providers in
// src/vscode/), and hands ranking plain data (GatheredFacts) gathered within a time budget.
export type {
  CompletionFact,
  CursorFact,
  CursorFactKind,
  DiagnosticFact,
  DocumentRef,
  ExpectedType,
  FactLocation,
  FactsRequestOptions,
  GatheredFacts,
  HoleKind,
  HoverFact,
  LanguageFacts,
  ParameterFact,
  PositionFacts,
  SignatureFact,
  SymbolFact,
} from './types';
export { FactsError, type FactsErrorCode } from './errors';
export { gatherFacts, DEFAULT_FACTS_BUDGET_MS, DEFAULT_MAX_IDENTIFIERS, DEFAULT_TYPE_DEPTH, type FactsQuery, type IdentifierNearCursor } from './gather';
export type { EnclosingScope } from './expected-type';
export { redactFacts } from './redact';
/** From the protocol's shapes to the facts: the editor's providers answer in the same shapes (VS Code's kinds are 0-based). */
export { toCompletions, toDiagnostics, toHover, toLocations, toSignature, toSymbolLocations, toSymbols } from './convert';
export { HeadlessLanguageFacts, DEFAULT_REQUEST_BUDGET_MS, type HeadlessFactsOptions } from './headless-facts';
export type { ConfiguredServer, ServerRegistryOptions } from './server-registry';
export { parseLanguageServers, parseLanguageServersText, type LanguageServersConfig } from './server-config';
export { serverFor, type ServerSpec } from './server-registry';
export type { RestartBackoff, ServerStatus } from './server-slot';
