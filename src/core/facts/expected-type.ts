// The expected type of the hole at the cursor, and the declarations of the types it names. The hole's
// shape comes from the text (holes.ts); its type from the server: signature help for an argument, the
// hover of the object before `.`, of the key, of the assigned name, or of the enclosing function.
import { rangeContains } from '../cursor';
import type { Position, Range } from '../types';
import { holeShapes, type HoleShape } from './holes';
import { bindingType, containerOf, returnType } from './hover-types';
import type { FactsSession } from './session';
import { findOnLine, offsetAt } from './text-positions';
import { followTypes, nameAt, resolveNames, sameLocation } from './type-definitions';
import { namedTypes } from './type-names';
import type { CursorFact, ExpectedType, FactLocation } from './types';

/**
 * Where the hole's expected type and the declarations of the types it names (depth 1, then the types
 * those name, to the type depth) go as they are found: what the budget's end cuts off does not take
 * with it what came before.
 */
export interface ExpectedTypeSink {
  expectedType?: ExpectedType;
  readonly facts: CursorFact[];
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
export async function expectedTypeFacts(session: FactsSession, position: Position, typeDepth: number, sink: ExpectedTypeSink, scopes?: readonly EnclosingScope[]): Promise<void> {
  for (const shape of holeShapes(session.doc.text, offsetAt(session.doc.text, position))) {
    if (session.over) return;
    const found = await typeOfHole(session, shape, position, scopes);
    if (found) {
      sink.expectedType = found.expectedType;
      return declarationsOf(session, found, typeDepth, sink.facts);
    }
  }
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
    const callee = shape.anchorName!;
    // Asked beside the signature help, not after it: the callee's declaration is where the parameter's
    // type names are looked up, a round trip the budget would otherwise pay in sequence.
    const [signature, declaration] = await Promise.all([
      session.step('signature help at the cursor', () => session.facts.signatureHelp(doc, cursor, session.request)),
      session.step(`definition of \`${callee}\``, () => session.definitionAt(doc.path, shape.anchor!)),
    ]);
    const parameter = signature?.activeParameter;
    if (!parameter?.type) return undefined;
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
 * The declarations of the types named in the expected type: typeDefinition's, then each name looked up;
 * then the types those declarations name, to `typeDepth`. typeDefinition's declarations are followed while
 * the names are still being looked up: the two are a round trip each, and usually the same declarations.
 * Each is pushed to `sink` when found, the followed ones once the names' lookup has said which are depth 1.
 * Not the names in a receiver's spelled-out type (`{ readonly inst?: $ZodType | $ZodCheck; … }` at
 * `issue.|`): those are its members' types, not the type whose members the hole picks from; the ranking
 * finds that one by the members (rank/signals/facts.ts), and the questions would only take the budget.
 */
async function declarationsOf(session: FactsSession, hole: HoleType, typeDepth: number, sink: CursorFact[]): Promise<void> {
  const { expectedType } = hole;
  const reason = `expected type \`${expectedType.typeText}\` of ${expectedType.of}`;
  const spelledReceiver = expectedType.hole === 'member' && expectedType.typeText.trimStart().startsWith('{');
  const names = spelledReceiver ? [] : namedTypes(expectedType.typeText).map(n => n.name);
  const named = resolveNames(session, hole.writtenIn.path, hole.writtenIn.near, names);
  // The declarations the type names (depth 1), published when found; every declaration found at any depth,
  // so that no walk follows one twice.
  const depthOne: FactLocation[] = [];
  const walked: FactLocation[] = [];
  const isDepthOne = (location: FactLocation) => depthOne.some(known => sameLocation(known, location));
  const publishDepthOne = (found: readonly { name: string; location: FactLocation }[]): CursorFact[] => {
    const fresh: CursorFact[] = [];
    for (const { name, location } of found) {
      if (isDepthOne(location)) continue;
      depthOne.push(location);
      walked.push(location);
      fresh.push({ kind: 'expected-type', name, location, typeText: expectedType.typeText, depth: 1, reason });
    }
    sink.push(...fresh);
    return fresh;
  };
  const fromServer = publishDepthOne(await Promise.all(hole.typeLocations.map(async location => ({ name: await nameAt(session, location), location }))));
  const lookedUp = named.then(publishDepthOne);
  // A deeper declaration is published once the names' lookup has said which declarations are depth 1: one
  // it finds is depth 1 even when typeDefinition's walk reached it first.
  const publishDeeper = async (walk: Promise<CursorFact[]>) => {
    const followed = await walk;
    await lookedUp;
    sink.push(...followed.filter(fact => !isDepthOne(fact.location)));
  };
  await Promise.all([
    publishDeeper(followTypes(session, fromServer, typeDepth, walked)),
    publishDeeper(lookedUp.then(found => followTypes(session, found, typeDepth, walked))),
  ]);
}
