// The language facts of one context build, gathered between the cursor and the ranking: the ones the
// caller sent (the editor asks its own language servers), else the engine's own provider's within the
// facts budget and what is left of the build's deadline. Redacted either way. Facts feed our ranking only.
import { gatherFacts, redactFacts, type GatheredFacts, type LanguageFacts } from '../facts';
import type { SymbolLocation } from '../index/view';
import type { CursorFacts, Definition, Manifest, StrategyName } from '../types';
import type { EngineRequest } from './api';
import type { BuildBudget } from './build-budget';

interface RequestFactsInput {
  readonly request: EngineRequest;
  readonly strategy: StrategyName;
  readonly provider: LanguageFacts | undefined;
  readonly budgetMs: number;
  readonly cursor: CursorFacts;
  readonly text: string;
  /** Other files' texts, from the index: the completion path never reads the disk. */
  readonly readText: (path: string) => Promise<string | undefined>;
  /** Other files' declarations, from the index, for the texts `readText` gives. */
  readonly declarationsIn: (path: string) => readonly Definition[] | undefined;
  /** Every declaration of a name, from the index. */
  readonly declarationsNamed: (name: string) => readonly SymbolLocation[];
  readonly budget: BuildBudget;
}

/** Undefined when no facts were asked for: no provider, none sent, or a strategy that does not read them. */
export async function requestFacts(input: RequestFactsInput): Promise<GatheredFacts | undefined> {
  if (input.strategy !== 'ours') return undefined;
  if (input.request.facts) return redactFacts(input.request.facts);
  if (!input.provider) return undefined;
  const remaining = input.budget.remainingMs();
  if (remaining === 0) return { facts: [], missing: [{ what: 'language facts', why: 'the build was past its deadline before the language server could be asked' }], complete: false, elapsedMs: 0 };
  const { cursor } = input;
  const gathered = await gatherFacts(input.provider, {
    file: cursor.file,
    text: input.text,
    position: input.request.position,
    identifiers: cursor.identifiers,
    importedNames: cursor.importedNamesNearCursor.map(use => use.localName),
    enclosingScopes: cursor.enclosingScopes,
    localDefinitions: cursor.localDefinitions,
    budgetMs: Math.min(input.budgetMs, remaining ?? Infinity),
    signal: input.budget.signal,
    readText: input.readText,
    declarationsIn: input.declarationsIn,
    declarationsNamed: input.declarationsNamed,
  });
  return redactFacts(gathered);
}

/** What the manifest says of the facts: how many ranking got, the hole's expected type, what was missing and why. */
export function factsSummary(gathered: GatheredFacts): NonNullable<Manifest['facts']> {
  const expected = gathered.expectedType;
  return {
    used: gathered.facts.length,
    complete: gathered.complete,
    ...(expected ? { expectedType: `\`${expected.typeText}\` of ${expected.of}` } : {}),
    missing: gathered.missing,
  };
}
