// The expected type of the hole at the cursor, and the declarations of the types it names. The hole's
// shape comes from the text (holes.ts); its type from the server: signature help for an argument, the
// hover of the object before `.`, of the key, of the assigned name, or of the enclosing function.
import { rangeContains } from '../cursor';
import type { Position, Range } from '../types';
import { holeShapes, type HoleShape } from './holes';
import { bindingType, containerOf, returnType } from './hover-types';
import type { FactsSession } from './session';
import { findOnLine, offsetAt } from './text-positions';
import { nameAt, resolveNames, sameLocation } from './type-definitions';
import { namedTypes } from './type-names';
import type { CursorFact, ExpectedType, FactLocation } from './types';

export interface ExpectedTypeFacts {
  readonly expectedType: ExpectedType;
  /** Declarations of the types it names, depth 1. */
  readonly facts: readonly CursorFact[];
}

/** A declaration around the cursor, as the cursor stage gives them (CursorFacts.enclosingScopes). */
export interface EnclosingScope {
  readonly name: string;
  readonly kind: string;
  readonly range: Range;
}

/**
 * Tries the hole's shapes innermost first; the first that yields a type wins. `scopes`, when the caller
 * has them, spare asking the server for the current file's symbols.
 */
export async function expectedTypeFacts(session: FactsSession, position: Position, scopes?: readonly EnclosingScope[]): Promise<ExpectedTypeFacts | undefined> {
  for (const shape of holeShapes(session.doc.text, offsetAt(session.doc.text, position))) {
    if (session.over) return undefined;
    const found = await typeOfHole(session, shape, position, scopes);
    if (found) return { expectedType: found.expectedType, facts: await declarationsOf(session, found) };
  }
  return undefined;
}

interface HoleType {
  readonly expectedType: ExpectedType;
  /** What the server's typeDefinition said, where it can be asked (a binding's type). */
  readonly typeLocations: readonly FactLocation[];
  /** Where the type is written, to look its names up there. */
  readonly writtenIn: { readonly path: string; readonly near: Position };
}

async function typeOfHole(session: FactsSession, shape: HoleShape, cursor: Position, scopes: readonly EnclosingScope[] | undefined): Promise<HoleType | undefined> {
  const doc = session.doc;
  const here = { path: doc.path, near: shape.anchor ?? cursor };
  if (shape.kind === 'argument') {
    const signature = await session.step('signature help at the cursor', () => session.facts.signatureHelp(doc, cursor, session.request));
    const parameter = signature?.activeParameter;
    if (!parameter?.type) return undefined;
    const callee = shape.anchorName!;
    const declaration = await session.step(`definition of \`${callee}\``, () => session.definitionAt(doc.path, shape.anchor!));
    const at = declaration?.[0];
    return {
      expectedType: { hole: 'argument', typeText: parameter.type, of: `parameter \`${parameter.name}\` of \`${callee}\`` },
      typeLocations: [],
      writtenIn: at?.inWorkspace ? { path: at.path, near: at.range.start } : here,
    };
  }
  if (shape.kind === 'return') return returnTypeOfEnclosing(session, cursor, scopes);
  const name = shape.anchorName!;
  const [hover, typeLocations] = await Promise.all([
    session.step(`type of \`${name}\``, () => session.facts.hover(doc, shape.anchor!, session.request)),
    session.step(`type definition of \`${name}\``, () => session.facts.typeDefinition(doc, shape.anchor!, session.request)),
  ]);
  const typeText = hover && bindingType(hover.text, name);
  if (!typeText) return undefined;
  const of =
    shape.kind === 'member'
      ? `\`${name}\`, the object before the cursor's \`.\``
      : shape.kind === 'property'
        ? `property \`${name}\`${containerOf(hover.text, name) ? ` of \`${containerOf(hover.text, name)}\`` : ''}`
        : `\`${name}\`, assigned at the cursor`;
  return { expectedType: { hole: shape.kind, typeText, of }, typeLocations: typeLocations ?? [], writtenIn: here };
}

async function returnTypeOfEnclosing(session: FactsSession, cursor: Position, scopes: readonly EnclosingScope[] | undefined): Promise<HoleType | undefined> {
  const doc = session.doc;
  const enclosing = await enclosingFunction(session, cursor, scopes);
  if (!enclosing) return undefined;
  const hover = await session.step(`signature of \`${enclosing.name}\``, () => session.facts.hover(doc, enclosing.at, session.request));
  const typeText = hover && returnType(hover.text);
  if (!typeText) return undefined;
  return {
    expectedType: { hole: 'return', typeText, of: `the return of \`${enclosing.name}\`` },
    typeLocations: [],
    writtenIn: { path: doc.path, near: enclosing.at },
  };
}

const FUNCTION_KINDS = new Set(['function', 'method', 'constructor']);

/** The innermost function around the cursor and where its name is: from the caller's scopes, else the server's symbols. */
async function enclosingFunction(session: FactsSession, cursor: Position, scopes: readonly EnclosingScope[] | undefined): Promise<{ name: string; at: Position } | undefined> {
  if (scopes) {
    const scope = scopes.filter(s => FUNCTION_KINDS.has(s.kind) && rangeContains(s.range, cursor)).at(-1);
    const at = scope && findOnLine(session.doc.text, scope.range.start.line, scope.name);
    return scope && at ? { name: scope.name, at } : undefined;
  }
  const symbols = await session.step('symbols of the current file', () => session.facts.documentSymbols(session.doc, session.request));
  const symbol = (symbols ?? []).filter(s => FUNCTION_KINDS.has(s.kind) && rangeContains(s.range, cursor)).at(-1);
  return symbol && { name: symbol.name, at: symbol.selectionRange.start };
}

/**
 * The declarations of the types named in the expected type: typeDefinition's, then each name looked up.
 * Not the names in a receiver's spelled-out type (`{ readonly inst?: $ZodType | $ZodCheck; … }` at
 * `issue.|`): those are its members' types, not the type whose members the hole picks from; the ranking
 * finds that one by the members (rank/signals/facts.ts), and the questions would only take the budget.
 */
async function declarationsOf(session: FactsSession, hole: HoleType): Promise<CursorFact[]> {
  const { expectedType } = hole;
  const reason = `expected type \`${expectedType.typeText}\` of ${expectedType.of}`;
  const spelledReceiver = expectedType.hole === 'member' && expectedType.typeText.trimStart().startsWith('{');
  const names = spelledReceiver ? [] : namedTypes(expectedType.typeText).map(n => n.name);
  const named = await resolveNames(session, hole.writtenIn.path, hole.writtenIn.near, names);
  const fromServer = await Promise.all(hole.typeLocations.map(async location => ({ name: await nameAt(session, location), location })));
  const facts: CursorFact[] = [];
  for (const { name, location } of [...fromServer, ...named]) {
    if (facts.some(fact => sameLocation(fact.location, location))) continue;
    facts.push({ kind: 'expected-type', name, location, typeText: expectedType.typeText, depth: 1, reason });
  }
  return facts;
}
