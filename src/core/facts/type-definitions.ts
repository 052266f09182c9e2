// From type names to their declarations, and on through the types those declarations name, to a small
// depth: `RequestOptions` leads to `RetryPolicy`, which leads to `Backoff`. Every lookup is a definition
// request at a place where the name is written, so the server resolves it as the code means it.
import { comparePositions, rangeContains } from '../cursor';
import type { SymbolLocation } from '../index/view';
import type { DefinitionKind, Position, Range } from '../types';
import { namedTypes } from './type-names';
import type { FactsSession } from './session';
import { offsetAt, positionAt, textIn, wordOffsets } from './text-positions';
import type { CursorFact, FactLocation } from './types';

/** How many names of one declaration are followed. */
const NAMES_PER_DECLARATION = 6;
/** How far after the place a type is written its names are looked for. */
const NEAR_CHARS = 4000;

export function sameLocation(a: FactLocation, b: FactLocation): boolean {
  return a.path === b.path && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/**
 * The declarations of `names`, looked up where they are written in `path`: the first occurrence from
 * `near` on (a signature's annotation), else the first in the file (its import); a name not written there
 * (an inferred type) is looked up in the index's declarations, or, without an index, by workspace symbol.
 */
export async function resolveNames(session: FactsSession, path: string, near: Position, names: readonly string[]): Promise<{ name: string; location: FactLocation }[]> {
  const text = await session.text(path);
  const found = await Promise.all(
    names.map(name =>
      session.step(`declaration of type \`${name}\``, async () => {
        const nearOffset = text === undefined ? 0 : offsetAt(text, near);
        const offset = text === undefined ? undefined : (wordOffsets(text.slice(0, nearOffset + NEAR_CHARS), name, nearOffset)[0] ?? wordOffsets(text, name)[0]);
        const locations =
          offset !== undefined
            ? await session.definitionAt(path, positionAt(text!, offset))
            : ((await indexedSymbols(session, name)) ?? (await session.facts.workspaceSymbols(session.refTo(path), name, session.request)));
        return locations.map(location => ({ name, location }));
      }),
    ),
  );
  return found.flatMap(list => list ?? []);
}

/**
 * The declarations named `name` that the index knows, each with its whole declaration: what a workspace
 * symbol request would find, without putting it in the server's queue. pyright answers one question at a
 * time, and a workspace symbol search over its program held every question behind it for 1.5 s at load
 * 15 (facts-bench-python.md). Undefined without an index; a declaration whose name is not in its header
 * in the text the session reads is left out (the index read another text). `kinds`: only declarations of these kinds.
 */
export async function indexedSymbols(session: FactsSession, name: string, kinds?: ReadonlySet<DefinitionKind>): Promise<FactLocation[] | undefined> {
  const declarations = session.declarationsNamed(name)?.filter(({ definition }) => !kinds || kinds.has(definition.kind));
  if (!declarations) return undefined;
  const found = await Promise.all(declarations.map(declaration => indexedLocation(session, declaration)));
  return found.flatMap(location => (location ? [location] : []));
}

/**
 * Where an indexed declaration's name stands, as a definition request would answer: undefined when its name
 * is not in its header in the text the session reads (the index read another text).
 */
export async function indexedLocation(session: FactsSession, { path, definition }: SymbolLocation): Promise<FactLocation | undefined> {
  const text = await session.text(path);
  const header = text === undefined ? undefined : { from: offsetAt(text, definition.signatureRange.start), to: offsetAt(text, definition.signatureRange.end) };
  const offset = header && wordOffsets(text!.slice(0, header.to), definition.name, header.from)[0];
  if (offset === undefined) return undefined;
  const range = { start: positionAt(text!, offset), end: positionAt(text!, offset + definition.name.length) };
  // The current file's buffer is not the text the index read: its declaration is asked of the server when followed.
  return { path, inWorkspace: true, range, ...(path === session.doc.path ? {} : { declarationRange: definition.range }) };
}

/** The name written at a location (typeDefinition answers do not say it). */
export async function nameAt(session: FactsSession, location: FactLocation): Promise<string> {
  const text = location.inWorkspace ? await session.text(location.path) : undefined;
  return (text && textIn(text, location.range).trim()) || location.path;
}

/**
 * Follows type facts at `depth` into the types their declarations name, until `maxDepth`. Only
 * declarations in the workspace are read; a library's types end the walk.
 */
export async function followTypes(session: FactsSession, from: readonly CursorFact[], maxDepth: number, seen: FactLocation[]): Promise<CursorFact[]> {
  const out: CursorFact[] = [];
  let frontier = from.filter(fact => fact.location.inWorkspace);
  for (let depth = from[0]?.depth ?? 1; depth < maxDepth && frontier.length > 0 && !session.over; depth++) {
    const next = await Promise.all(frontier.map(fact => session.step(`types named by \`${fact.name}\``, () => typesNamedBy(session, fact))));
    frontier = [];
    for (const fact of next.flatMap(list => list ?? [])) {
      if (seen.some(location => sameLocation(location, fact.location))) continue;
      seen.push(fact.location);
      out.push(fact);
      if (fact.location.inWorkspace) frontier.push(fact);
    }
  }
  return out;
}

async function typesNamedBy(session: FactsSession, fact: CursorFact): Promise<CursorFact[]> {
  const text = await session.text(fact.location.path);
  const range = fact.location.declarationRange ?? indexedDeclaration(session, fact) ?? (await declarationRange(session, fact.location));
  if (!text || !range) return [];
  const declaration = textIn(text, range);
  const start = offsetAt(text, range.start);
  const names = namedTypes(declaration, true).filter(named => named.name !== fact.name).slice(0, NAMES_PER_DECLARATION);
  const found = await Promise.all(
    names.map(named =>
      session.step(`declaration of type \`${named.name}\` used by \`${fact.name}\``, () => session.definitionAt(fact.location.path, positionAt(text, start + named.offset))),
    ),
  );
  return names.flatMap((named, i) =>
    (found[i] ?? []).map(location => ({
      kind: 'type-definition' as const,
      name: named.name,
      location,
      depth: fact.depth + 1,
      reason: `type \`${named.name}\` used by \`${fact.name}\` (${fact.reason})`,
    })),
  );
}

/**
 * The innermost declaration named `fact.name` that the index knows around the fact's location: a workspace
 * symbol's whole declaration without asking the server for it, a round trip before its names are followed.
 */
function indexedDeclaration(session: FactsSession, fact: CursorFact): Range | undefined {
  const at = fact.location.range.start;
  const around = (session.declarationsIn(fact.location.path) ?? []).filter(d => d.name === fact.name && rangeContains(d.range, at));
  // Innermost: the one that starts last (declarations nest, they do not overlap).
  return around.reduce<Range | undefined>((inner, d) => (!inner || comparePositions(d.range.start, inner.start) > 0 ? d.range : inner), undefined);
}

/**
 * The whole declaration around a name that came without it (a workspace symbol), when the index does not know it: the definition request
 * at the name gives it as LocationLink.targetRange (tsc, cheap); else the document's symbols (pyright).
 */
async function declarationRange(session: FactsSession, location: FactLocation): Promise<Range | undefined> {
  const at = location.range.start;
  const itself = await session.step(`declaration at ${location.path}:${at.line + 1}`, () => session.definitionAt(location.path, at));
  const linked = itself?.find(found => found.path === location.path && found.declarationRange)?.declarationRange;
  if (linked) return linked;
  const symbols = await session.step(`symbols of ${location.path}`, () => session.facts.documentSymbols(session.refTo(location.path), session.request));
  return symbols?.find(symbol => symbol.selectionRange.start.line === at.line && symbol.selectionRange.start.character <= at.character && at.character <= symbol.selectionRange.end.character)?.range;
}
