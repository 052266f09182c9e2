// The typed-hole context of one cursor, within a time budget: the declarations of the identifiers used
// near the cursor, the types of the local bindings among them, and the expected type of the hole with the
// declarations of the types it names, followed a small depth. Whatever is gathered when the budget ends is
// returned, with what is missing and why. Never throws: facts are an extra to the tree-sitter context.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SymbolLocation } from '../index/view';
import { languageForPath } from '../languages';
import type { Definition, DefinitionKind, Position } from '../types';
import { waitAtMost } from '../wait-at-most';
import { bindingScope, type BindingScope } from './binding-scope';
import { describeError } from './errors';
import { expectedTypeFacts, type EnclosingScope, type ExpectedTypeSink } from './expected-type';
import { bindingType } from './hover-types';
import { indexedMember, ownClassAt } from './indexed-members';
import { isReservedWord } from './reserved-words';
import { FactsSession } from './session';
import { findOnLine } from './text-positions';
import { followTypes, indexedSymbols, nameAt, sameLocation } from './type-definitions';
import { isStandardName, namedTypes } from './type-names';
import type { CursorFact, FactLocation, GatheredFacts, HoverFact, LanguageFacts } from './types';

export const DEFAULT_FACTS_BUDGET_MS = 100;
export const DEFAULT_MAX_IDENTIFIERS = 12;
/** Expected type → the types it names (1) → the types those name (2). */
export const DEFAULT_TYPE_DEPTH = 2;

/** An identifier near the cursor. The cursor stage's NearbyIdentifier has this shape (its column is looked up on the line). */
export interface IdentifierNearCursor {
  readonly name: string;
  readonly line: number;
  readonly character?: number;
  /** Lines from the cursor; computed from `line` when absent. */
  readonly distance?: number;
  /** `member` for the `b` of `a.b`; with `receiver`, the `a`. */
  readonly kind?: string;
  readonly receiver?: string;
  /** For the `b` of `a.b.c`: the member used on it (`c`), which makes `b` a link of a chain. */
  readonly memberAfter?: string;
}

export interface FactsQuery {
  /** Workspace-relative path of the current file. */
  readonly file: string;
  /** The current buffer. */
  readonly text: string;
  readonly position: Position;
  /** Nearest first is best; e.g. CursorFacts.identifiers. */
  readonly identifiers?: readonly IdentifierNearCursor[];
  /**
   * Names the cursor stage found bound by an import (CursorFacts.importedNamesNearCursor): declared in
   * other files, never local bindings. When given, the type of every other name that is not a member is
   * asked at once, beside its definition, instead of a round trip later when the definition says it is
   * declared in the current file; the answers of names declared elsewhere go unused.
   */
  readonly importedNames?: readonly string[];
  /** CursorFacts.enclosingScopes: where the enclosing function is, without asking the server. */
  readonly enclosingScopes?: readonly EnclosingScope[];
  /**
   * CursorFacts.localDefinitions: the current file's declarations. A binding declared inside one that does
   * not enclose the cursor (a parameter of the previous statement's callback) is not in scope at the cursor:
   * its type is not asked (binding-scope.ts). Without them every binding's type is asked.
   */
  readonly localDefinitions?: readonly Definition[];
  readonly budgetMs?: number;
  readonly signal?: AbortSignal;
  readonly maxIdentifiers?: number;
  readonly typeDepth?: number;
  /**
   * Texts of other workspace files, to find where type names are written. The engine passes its index's
   * texts so the completion path does not read the disk; the default reads the file.
   */
  readonly readText?: (workspacePath: string) => Promise<string | undefined>;
  /** The workspace root, for the default `readText`. */
  readonly root?: string;
  /**
   * The declarations the index knows in a workspace file (IndexedFile.definitions), read with the texts of
   * `readText`: the whole declaration around a name that came without one (a workspace symbol) is read
   * there instead of asked of the server, a round trip earlier. Without it, the server is asked.
   */
  readonly declarationsIn?: (workspacePath: string) => readonly Definition[] | undefined;
  /**
   * Every declaration of a name the index knows across the workspace (SymbolTable.definitionsOf): a type
   * name not written where its type is (an inferred type) is looked up there instead of by a workspace
   * symbol request, which holds a server that answers one question at a time (pyright). Without it, the
   * server is asked.
   */
  readonly declarationsNamed?: (name: string) => readonly SymbolLocation[];
}

export async function gatherFacts(facts: LanguageFacts | undefined, query: FactsQuery): Promise<GatheredFacts> {
  const started = performance.now();
  if (!facts) {
    return { facts: [], missing: [{ what: 'language facts', why: 'No language server is in use: facts are off, so the context comes from tree-sitter alone.' }], complete: false, elapsedMs: 0 };
  }
  const budgetMs = query.budgetMs ?? DEFAULT_FACTS_BUDGET_MS;
  const readText = query.readText ?? ((file: string) => fs.readFile(path.resolve(query.root ?? '.', file), 'utf8'));
  const session = new FactsSession(facts, { path: query.file, text: query.text }, budgetMs, { readText, declarationsIn: query.declarationsIn, declarationsNamed: query.declarationsNamed }, query.signal);
  const found: CursorFact[] = [];
  const expected: ExpectedTypeSink = { facts: found };
  // The order the first questions go out in is the order pyright answers them, one at a time. After an
  // edit it evaluates types anew for the first question that needs one (161 ms median on jedi: more than
  // the budget), and every question behind it waits. So the definitions of the names that are not members
  // go first: they need only the edited file's parse and binding, and more of them come within the budget
  // (facts-bench-python.md, 2026-12-02 15:00). The hole's type next: one question worth more than any one
  // identifier's definition. Then the near bindings' definitions (nearBindings): a guess at what the code
  // will use, behind what the hole and the text ask. tsc --lsp has all of a gathering's first questions at
  // once either way.
  const scope = bindingScope(query.localDefinitions, query.position);
  const chosen = chooseIdentifiers(query, query.text, scope);
  askPlainDefinitions(session, chosen, name => !chosen.near.has(name));
  const expecting = expectedTypeFacts(session, query.position, query.typeDepth ?? DEFAULT_TYPE_DEPTH, expected, query.enclosingScopes);
  askPlainDefinitions(session, chosen, name => chosen.near.has(name));
  const work = Promise.all([expecting, identifierFacts(session, query, chosen, scope, found)]).catch(error => session.missing.push({ what: 'language facts', why: describeError(error) }));
  await waitAtMost(work, budgetMs);
  session.close();
  const missing = dedupe(session.missing);
  // Declarations outside the workspace (the standard library, installed packages) cannot be packed as
  // context; the expected type's text still names them.
  const inWorkspace = found.filter(fact => fact.location.inWorkspace);
  const { expectedType } = expected;
  return { facts: inWorkspace, ...(expectedType ? { expectedType } : {}), missing, complete: missing.length === 0, elapsedMs: performance.now() - started };
}

/** The identifiers worth a question, and the names used before a `.` among them. */
interface ChosenIdentifiers {
  /** Every identifier near the cursor that is worth a question. */
  readonly identifiers: readonly IdentifierNearCursor[];
  /** One per name, in the order asked, at most `maxIdentifiers`, each where it stands in the buffer. */
  readonly chosen: readonly { readonly id: IdentifierNearCursor; readonly at: Position }[];
  /** The names before a `.` and the near bindings, asked as receivers. */
  readonly receivers: ReadonlySet<string>;
  /** The near bindings among them (nearBindings). */
  readonly near: ReadonlySet<string>;
}

/**
 * The identifiers to ask about, in the order of what only a server can tell: first the objects before a
 * `.` (their type says which members exist, which tree-sitter can only guess by name) and the current file's
 * names on the lines next to the cursor (nearBindings), then the members,
 * then the rest, nearest first each. Names of the standard library are not asked (their declarations are
 * never in the workspace), nor one-letter names unless a `.` follows them, nor the language's reserved words
 * other than as members (`x.delete`): a keyword names no binding. A name is asked where it is used in the
 * cursor's own code if it is, else where it is nearest: the `inst` of the cursor's callback, not the
 * previous statement's.
 */
function chooseIdentifiers(query: FactsQuery, text: string, scope: BindingScope | undefined): ChosenIdentifiers {
  const receivers = new Set((query.identifiers ?? []).flatMap(id => (id.receiver ? [id.receiver] : [])));
  // One-letter names are type parameters (`A`, `K`) and throwaway locals: worth a question only before a `.`.
  const language = languageForPath(query.file);
  const identifiers = (query.identifiers ?? []).filter(
    id => !isStandardName(id.name) && (id.name.length > 1 || receivers.has(id.name)) && (id.kind === 'member' || !isReservedWord(id.name, language)),
  );
  const distance = (id: IdentifierNearCursor) => id.distance ?? Math.abs(id.line - query.position.line);
  const near = new Set(nearBindings(query, identifiers, distance).filter(name => !receivers.has(name)));
  for (const name of near) receivers.add(name);
  const tier = (id: IdentifierNearCursor) => (receivers.has(id.name) ? 0 : id.kind === 'member' ? 1 : 2);
  // Each identifier is found on its line once: the scope test and the questions read the same position.
  const positions = new Map<IdentifierNearCursor, Position | undefined>();
  const positionOf = (id: IdentifierNearCursor): Position | undefined => {
    if (!positions.has(id)) positions.set(id, findOnLine(text, id.line, id.name, id.character));
    return positions.get(id);
  };
  const outside = (id: IdentifierNearCursor): boolean => {
    if (!scope) return false;
    const at = positionOf(id);
    return at !== undefined && scope.outside(at, id.name);
  };
  const byName = new Map<string, IdentifierNearCursor>();
  for (const id of [...identifiers].sort((a, b) => tier(a) - tier(b) || distance(a) - distance(b))) {
    const kept = byName.get(id.name);
    if (!kept || (outside(kept) && !outside(id))) byName.set(id.name, id);
  }
  // The near bindings are asked beside the `maxIdentifiers` others, not in place of any.
  const chosen = [...byName.values()].slice(0, (query.maxIdentifiers ?? DEFAULT_MAX_IDENTIFIERS) + near.size).flatMap(id => {
    const at = positionOf(id);
    return at ? [{ id, at }] : [];
  });
  return { identifiers, chosen, receivers, near };
}

/**
 * The lines next to the cursor bind what the code being written likeliest uses next, as the object before
 * its `.`: `filter_ = ParserTreeFilter(…)` four lines above a line not yet begun that calls `filter_.get(…)`.
 * Asked as the receivers the text shows are (their types first, their types' members offered), not behind
 * every member and receiver up to 30 lines away: at python3-jedi's masked lines twelve such names took every
 * question and the binding the next line used was never asked (facts-bench-python.md, 2026-12-04 20:30).
 * The current file's names only, as the cursor stage tells them (not imported; none where it does not
 * tell): an import's declaration is resolved by the definitions signal already. Within NEAR_BINDINGS.lines
 * of the cursor: the statement before or after it, chosen on those positions. Asked beside the
 * `maxIdentifiers` other names, not in place of any: in their place they took python3-oauthlib's
 * `signature.verify_hmac_sha512` and `verify_plaintext`, used 6-9 lines below, whose definitions kept
 * their module's snippets above a larger outline. Their definitions go out after the hole's first question,
 * not before it with the other names': there, at the editor's 100 ms budget, they held up the hole's type
 * (python3-jedi's arguments.py:249 hole, `calling_name.goto`, kept in 2 of main's 4 runs, in each of the 7
 * with them after it; facts-bench-python.md, 2026-12-04 22:45). Their types stay in the first tier, nearest
 * first, each asked after its definition (the facts need both): put behind the receivers the text shows (up
 * to 19 lines away), or before their definitions, `values`, one line above jedi's names.py:206, was cut off
 * in every run.
 */
export const NEAR_BINDINGS = { lines: 4 } as const;

function nearBindings(query: FactsQuery, identifiers: readonly IdentifierNearCursor[], distance: (id: IdentifierNearCursor) => number): string[] {
  // Without the cursor stage's imported names, a name's definition says first whether it is local.
  if (!query.importedNames) return [];
  const imported = new Set(query.importedNames);
  return identifiers.filter(id => id.kind !== 'member' && distance(id) <= NEAR_BINDINGS.lines && !imported.has(id.name)).map(id => id.name);
}

/**
 * Sends the definition questions of the chosen names that are not members and that `which` takes, before
 * identifierFacts' questions (a member's definition needs its receiver's type). identifierFacts asks them
 * again in its own order and gets these answers: a gathering asks each question once (answer-cache.ts);
 * its steps say what is missing.
 */
function askPlainDefinitions(session: FactsSession, { chosen }: ChosenIdentifiers, which: (name: string) => boolean): void {
  for (const { id, at } of chosen) if (id.kind !== 'member' && which(id.name)) session.definitionAt(session.doc.path, at).catch(() => undefined);
}

/** Declarations of the identifiers near the cursor; for local bindings in scope at the cursor, their types instead. */
async function identifierFacts(session: FactsSession, query: FactsQuery, { identifiers, chosen, receivers }: ChosenIdentifiers, scope: BindingScope | undefined, sink: CursorFact[]): Promise<void> {
  const imported = query.importedNames && new Set(query.importedNames);
  // Likely a binding of the current file (a local, a parameter, a declaration of this file): a name used
  // near the cursor other than as a member, and not imported, as far as the cursor stage can tell. (A name
  // also used as a member is asked where it first occurs on its line, often its declaration: `const
  // expected = issue.expected`.)
  const plain = new Set(identifiers.filter(id => id.kind !== 'member').map(id => id.name));
  const likelyLocal = (id: IdentifierNearCursor) => imported !== undefined && plain.has(id.name) && !imported.has(id.name);
  // Looked up before any question goes out, so the questions keep their order.
  const indexed = await ownMembers(session, query, chosen);
  await Promise.all(
    chosen.map(async ({ id, at }) => {
      const where = usedWhere(id.line - query.position.line);
      // A receiver's type, and a likely binding's, is asked at once, beside its definition: the receiver's is
      // what the member category needs, and waiting for the definition first costs a round trip a busy
      // server may not leave in the budget. Not a name used only in code that does not enclose the cursor and
      // not declared where the cursor sees it: its definition says first whether its binding is in scope.
      const types = (receivers.has(id.name) || likelyLocal(id)) && (scope?.inScope(at, id.name) ?? true) ? typeOf(session, id.name, at) : undefined;
      const link = id.kind === 'member' && id.memberAfter ? chainLinkFacts(session, id, at, where, query.typeDepth ?? DEFAULT_TYPE_DEPTH) : undefined;
      const definitions = indexed.get(id) ?? (await session.step(`definition of \`${id.name}\``, () => session.definitionAt(session.doc.path, at))) ?? [];
      const elsewhere = definitions.filter(location => location.path !== session.doc.path);
      for (const location of elsewhere) sink.push({ kind: 'definition', name: id.name, location, depth: 0, reason: `defines \`${id.name}\`, used ${where}` });
      // A binding declared in code that does not enclose the cursor is not the cursor's: its type is not asked.
      const local = definitions.find(location => location.path === session.doc.path && (scope?.binds(location.range.start, id.name) ?? true));
      if (local) await bindingFacts(session, id.name, local, at, where, receivers.has(id.name), types ?? typeOf(session, id.name, at), sink);
      else if (types && receivers.has(id.name) && elsewhere.length > 0) await importedReceiverFacts(session, id.name, where, types, sink);
      sink.push(...((await link) ?? []).filter(fact => !definitions.some(location => sameLocation(location, fact.location))));
    }),
  );
}

/**
 * The declarations of the members of `self` and `this` among the chosen that the index tells, in the class
 * around each or its bases (indexed-members.ts): no definition request for those. pyright answers one
 * question at a time, and a member's definition waits there for the re-evaluation of the edited file's
 * types. Another receiver's class is known only from its type's answer, and the definition asked after it
 * would go out behind every other question.
 */
async function ownMembers(session: FactsSession, query: FactsQuery, chosen: ChosenIdentifiers['chosen']): Promise<Map<IdentifierNearCursor, readonly FactLocation[]>> {
  const found = await Promise.all(
    chosen.map(async ({ id, at }) => {
      const type = id.kind === 'member' && id.receiver ? ownClassAt(id.receiver, at, session.doc.path, query.localDefinitions) : undefined;
      return { id, locations: type && (await indexedMember(session, query.localDefinitions, type, id.name)) };
    }),
  );
  return new Map(found.flatMap(({ id, locations }) => (locations ? [[id, locations] as const] : [])));
}

/**
 * The type of a member that is the object of the next `.` (`this.options.retry`, `inst._zod.check`): its
 * declaration holds the members used after it, which neither the receiver's type nor the member's own
 * line shows. Asked beside the member's definition.
 */
async function chainLinkFacts(session: FactsSession, id: IdentifierNearCursor, at: Position, where: string, typeDepth: number): Promise<CursorFact[]> {
  const locations = (await session.step(`type definition of \`${id.name}\``, () => session.facts.typeDefinition(session.doc, at, session.request))) ?? [];
  const of = id.receiver ? `${id.receiver}.${id.name}` : id.name;
  const types = await Promise.all(
    locations.map(async location => {
      const typeName = await nameAt(session, location);
      return { kind: 'type-definition' as const, name: typeName, location, depth: 1, typeOf: of, reason: `type \`${typeName}\` of \`${of}\`, used ${where}` };
    }),
  );
  // The next member is often declared in what that type extends (`$ZodCustomInternals extends $ZodCheckInternals`).
  return [...types, ...(await followTypes(session, types, typeDepth, types.map(fact => fact.location)))];
}

function typeOf(session: FactsSession, name: string, at: Position): Promise<HoverFact | undefined> {
  return session.step(`type of \`${name}\``, () => session.facts.hover(session.doc, at, session.request));
}

/**
 * A binding of the current file used near the cursor: its type, and the declarations of that type (which
 * say, for a `receiver`, whose members the code around calls: CursorFact.typeOf). Those
 * are read from the index where the hover's type names them, and typeDefinition is asked only where it cannot
 * tell. Asked beside the hover, typeDefinition lands on another of tsc 7's checkers, empty after the edit,
 * which computes the same type again: 13-42 ms each in zod (facts-latency.md, 2026-12-02 18:50).
 */
async function bindingFacts(session: FactsSession, name: string, binding: FactLocation, at: Position, where: string, receiver: boolean, hover: Promise<HoverFact | undefined>, sink: CursorFact[]): Promise<void> {
  const answer = await hover;
  // A hover that gives no binding's type is a function's or a class's: its definition is what it names.
  const typeText = answer && bindingType(answer.text, name);
  if (answer && !typeText) return;
  if (typeText) sink.push({ kind: 'binding-type', name, location: binding, typeText, depth: 0, reason: `\`${name}: ${typeText}\`, used ${where}` });
  const indexed = typeText === undefined ? undefined : await indexedTypes(session, typeText);
  const asked = indexed ? [] : ((await session.step(`type definition of \`${name}\``, () => session.facts.typeDefinition(session.doc, at, session.request))) ?? []);
  const types = indexed ?? (await Promise.all(asked.map(async location => ({ name: await nameAt(session, location), location }))));
  for (const { name: typeName, location } of types) {
    if (location.path === session.doc.path && location.range.start.line === binding.range.start.line) continue;
    sink.push({ kind: 'type-definition', name: typeName, location, depth: 1, ...(receiver ? { typeOf: name } : {}), reason: `type \`${typeName}\` of \`${name}\`, used ${where}` });
  }
}

/**
 * A receiver declared in another file (mobx's imported `globalState`): its declaration is a definition fact
 * already, but what the code around the cursor calls on it are its type's members, which that declaration
 * only names. The type's declarations where the index tells them without a question; none otherwise.
 */
async function importedReceiverFacts(session: FactsSession, name: string, where: string, hover: Promise<HoverFact | undefined>, sink: CursorFact[]): Promise<void> {
  const answer = await hover;
  const typeText = answer && bindingType(answer.text, name);
  const types = typeText === undefined ? undefined : await indexedTypes(session, typeText);
  for (const { name: typeName, location } of types ?? []) sink.push({ kind: 'type-definition', name: typeName, location, depth: 1, typeOf: name, reason: `type \`${typeName}\` of \`${name}\`, used ${where}` });
}

/**
 * The declarations of a type as the index knows them, where its text says which they are without a
 * question: the names of its outer level (`errors.$ZodIssue<T>`, `A | B`), each declared once in the
 * workspace. A name the index does not know is declared outside the workspace (`Logger`, the standard
 * library's `Set<T>`), whose declarations cannot be packed. Undefined where the server must tell: an object
 * or function type, a name the index declares more than once.
 */
async function indexedTypes(session: FactsSession, typeText: string): Promise<{ name: string; location: FactLocation }[] | undefined> {
  if (namedTypes(typeText).length === 0) return [];
  const outer = outerLevel(typeText);
  if (outer === undefined || /[{(]|=>/.test(outer)) return undefined;
  const names = namedTypes(outer);
  if (names.some(named => !/^[$_]*[A-Z]/.test(named.name))) return undefined;
  const found = await Promise.all(names.map(async ({ name }) => ({ name, locations: await indexedSymbols(session, name, TYPE_DECLARATIONS) })));
  // Without an index (undefined) nothing is known.
  if (found.some(({ locations }) => locations === undefined || locations.length > 1)) return undefined;
  return found.flatMap(({ name, locations }) => locations!.map(location => ({ name, location })));
}

/** A type's declaration: not the value of the same name beside it (zod's `export const ZodPipe` beside `export interface ZodPipe`). */
const TYPE_DECLARATIONS: ReadonlySet<DefinitionKind> = new Set<DefinitionKind>(['class', 'interface', 'type', 'enum']);

/** The type text without what its brackets hold (`A<B> | C[]` → `A | C`), or undefined if they do not pair up. */
function outerLevel(typeText: string): string | undefined {
  const closing: Record<string, string> = { '<': '>', '[': ']' };
  const open: string[] = [];
  let out = '';
  for (let i = 0; i < typeText.length; i++) {
    const char = typeText[i]!;
    // The `>` of a function type's `=>` closes nothing.
    if (char === '>' && typeText[i - 1] === '=') out += open.length === 0 ? char : '';
    else if (char in closing) open.push(closing[char]!);
    else if (open.length > 0 && char === open.at(-1)) open.pop();
    else if (open.length === 0 && (char === '>' || char === ']')) return undefined;
    else if (open.length === 0) out += char;
  }
  return open.length === 0 ? out : undefined;
}

function usedWhere(lineDelta: number): string {
  if (lineDelta === 0) return 'on the cursor line';
  const lines = Math.abs(lineDelta) === 1 ? 'line' : 'lines';
  return lineDelta < 0 ? `${-lineDelta} ${lines} above the cursor` : `${lineDelta} ${lines} below the cursor`;
}

function dedupe(missing: readonly { what: string; why: string }[]): { what: string; why: string }[] {
  const seen = new Set<string>();
  return missing.filter(item => {
    const key = `${item.what}\n${item.why}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
