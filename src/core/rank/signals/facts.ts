import { receiverBefore, typedMember } from '../../cursor';
import { rangeContains } from '../../cursor/scopes';
import type { CursorFact, CursorFactKind } from '../../facts';
import { holeShapes } from '../../facts/holes';
import { offsetAt } from '../../facts/text-positions';
import { BASE_LEVELS, TYPE_KINDS } from '../../index/class-heritage';
import { linesAt } from '../../index/text-lines';
import type { SymbolLocation } from '../../index/view';
import type { Definition, Position } from '../../types';
import { classAndBases, CONSTRUCTOR_NAMES, isMemberOf, memberLikelihoods, publicOnly, type ClassOrBase } from '../class-members';
import { CursorScope } from '../cursor-scope';
import type { DeclarationsByName } from '../declarations-by-name';
import type { Evidence, Signal, SignalContext } from '../evidence';
import { typeUsers } from '../type-users';
import type { RankWeights } from '../weights';

/**
 * What the language server knows at the cursor (facts/, gathered by the engine before ranking): the
 * declarations of the identifiers used there, the types of the bindings, and the declarations of the
 * types the hole expects. A server resolves what tree-sitter can only guess by name, so each fact is
 * evidence for the one declaration it points at, with the fact's own reason.
 */
export const factsSignal: Signal = {
  name: 'facts',
  collect(context) {
    const evidence: Evidence[] = [];
    const facts = context.facts?.facts ?? [];
    // A member of a union resolves to each member's declaration: one of them is meant.
    const answers = new Map<string, number>();
    for (const fact of facts) answers.set(fact.reason, (answers.get(fact.reason) ?? 0) + 1);
    for (const fact of facts) {
      const path = fact.location.path;
      const score = factScore(fact, context.weights.facts);
      if (!fact.location.inWorkspace || !context.isCandidate(path) || !(score > 0)) continue;
      const features = context.workspace.features(path);
      const byName = features?.byName;
      const definition = declarationOf(byName?.get(fact.name) ?? [], fact, features?.declarations ?? []);
      if (definition && resolvedByImport(context, fact, path, definition)) continue;
      const parameter = definition !== undefined && isParameterOf(fact, definition);
      evidence.push({ path, score: definition ? score : fileScoreOf(score, context.weights.facts), reason: fact.reason, ...(definition ? { definition } : {}), ...(parameter ? { headerOnly: true } : {}) });
      const container = definition && !parameter && byName && smallContainerOf(byName, definition);
      const share = MEMBER_CONTAINER.share / answers.get(fact.reason)!;
      if (container) evidence.push({ path, score: score * share, reason: `declares the member \`${fact.name}\` (${fact.reason})`, definition: container });
    }
    // Both read the classes a type fact names and their bases: resolved once per fact.
    const lineage = new Map(facts.filter(fact => fact.kind !== 'definition').map(fact => [fact, classOfFactAndBases(context, fact)] as const));
    evidence.push(...constructorEvidence(context, [...lineage, ...calledClassLineage(context, facts)]), ...receiverMemberEvidence(context, lineage), ...typeUserEvidence(context), ...receiverTypeEvidence(context));
    const fileShare = context.weights.facts.fileShare;
    return evidence.map(e => (e.definition ? { ...e, fileShare } : e));
  },
};

/**
 * A definition fact for a name this file imports, at the declaration the import leads to (through re-exports),
 * says nothing the definitions signal has not resolved exactly already (signals/definitions.ts, resolvedImport),
 * with a weight that decays with the distance of the name's uses. Counted again, at the fact's flat weight as if
 * on the cursor line, it made a declaration imported and used once the best-scored of its file: oauthlib's
 * `parse_authorization_code_response`, called one line above, took the 2K budget that held the outline of the
 * base class the next line calls into (facts-bench-python.md, 2026-12-03 11:45). Such a fact is left out. A
 * module imported whole keeps its fact (the import names no declaration in it): left out too, it lost python3-jedi
 * an 8K gold its outline carried, and zod three `member` gold at 2K (facts-bench-python.md, 2026-12-03 14:10).
 */
function resolvedByImport(context: SignalContext, fact: CursorFact, path: string, definition: Definition): boolean {
  if (fact.kind !== 'definition') return false;
  const scope = CursorScope.of(context);
  const binding = scope.bindings.get(fact.name);
  return binding !== undefined && scope.resolveImported(binding, binding.importedName).some(location => location.path === path && location.definition === definition);
}

/**
 * Whether the fact points at a parameter of `callable` (callableAround): a name in its signature other than its
 * own. The function's header shows the parameter; its body says no more of it, and the class around a
 * constructor is no container of a parameter. Shown whole, the body of the function called one line above
 * (python3-oauthlib's `parse_authorization_code_response`, for `state=`) took the 2K budget that the outline of
 * the base class the next line calls into needed, and the class around `ParserTreeFilter.__init__` (python3-
 * jedi's `parent_context=`) that of the base declaring the member the next line calls (facts-bench-python.md,
 * 2026-12-04 18:10).
 */
function isParameterOf(fact: CursorFact, callable: Definition): boolean {
  return callable.name !== fact.name && rangeContains(callable.signatureRange, fact.location.range.start);
}

/**
 * What a fact that resolves to no declaration of its file gives the file: the file share (fileShare), as a fact
 * naming a declaration there gives it. A type fact points inside a declaration that is not the type's own (a
 * type parameter: `TRecord` of tRPC's `RouterDef`; a type the server spells out: zod's JSON schema object type);
 * a definition, at a module imported whole (`from jedi import debug`, whose definition is the module's file at
 * 0:0; a TypeScript namespace import). Neither says more of the rest of its file than a fact naming a
 * declaration there does. Whole, such facts raised their files above what the line needed at 2K (tRPC's
 * router.ts, zod's schemas.ts and json-schema.ts; python3-oauthlib's errors.py above `RequestValidator`,
 * python3-jedi's debug.py). A module's whole weight once was what put python3-jedi's iterable.py outline
 * first at 8K, for the constructor of the class called at the cursor, which that class's definition fact now
 * offers itself (calledClassLineage; facts-bench-python.md, 2026-12-04 16:05 and 18:10).
 */
function fileScoreOf(score: number, w: RankWeights['facts']): number {
  return score * w.fileShare;
}

/**
 * A member the server resolved (`issue.expected` → `expected` of `$ZodIssueInvalidType`) says which type
 * the receiver has, which a name alone cannot: its other members are what the next uses of that receiver
 * reach for, so a small enough container is shown whole (a large one offers its header, spans.ts). Chosen
 * on the tuning set (zod).
 */
export const MEMBER_CONTAINER = { share: 0.5, maxLines: 40 } as const;

function smallContainerOf(byName: DeclarationsByName, member: Definition): Definition | undefined {
  const container = containerOf(byName, member);
  return container && container.range.end.line - container.range.start.line < MEMBER_CONTAINER.maxLines ? container : undefined;
}

/** The class, interface or type literal declaring `member`. */
function containerOf(byName: DeclarationsByName, member: Definition): Definition | undefined {
  if (!member.container) return undefined;
  return byName.find(member.container, d => d !== member && rangeContains(d.range, member.range.start));
}

/**
 * A class a type fact names declares much of its state in its constructor: Python's `self.x = …` in
 * `__init__`, TypeScript's parameter properties and `this.x = …`. A large class offers only its header
 * at a small budget, and an outline shows the constructor's signature, not those lines (`self.` in an
 * endpoint reaches `request_validator`, set in its base class's `__init__`). Half the fact's weight, as a
 * small container gets: set from that reasoning, on the tuning set (python3-oauthlib) only.
 */
export const CONSTRUCTOR_SHARE = 0.5;

/** A type fact's class and that class's bases (classAndBases), per fact other than a definition. */
type Lineage = ReadonlyMap<CursorFact, readonly ClassOrBase[]>;

function constructorEvidence(context: SignalContext, lineage: Iterable<readonly [CursorFact, readonly ClassOrBase[]]>): Evidence[] {
  const evidence: Evidence[] = [];
  for (const [fact, classes] of lineage) {
    const score = factScore(fact, context.weights.facts) * CONSTRUCTOR_SHARE;
    if (!(score > 0)) continue;
    for (const { path, definition: type, baseOf } of classes) {
      const byName = context.isCandidate(path) ? context.workspace.features(path)?.byName : undefined;
      const constructor = byName && constructorOf(byName, type);
      const via = baseOf ? `, a base of \`${baseOf}\`` : '';
      if (constructor) evidence.push({ path, score, reason: `constructs \`${type.name}\`${via} (${fact.reason})`, definition: constructor });
    }
  }
  return evidence;
}

/**
 * Inside a call's parentheses (`iterable.GeneratorComprehension(…, |`) the arguments written are the callee's
 * parameters; where the callee is a class (a definition fact for the callee's name that the index declares as a
 * class), they are its constructor's, declared in its `__init__` or `constructor` or, where it has none of its
 * own, a base's (python3-jedi's `GeneratorComprehension` takes `_BaseComprehension.__init__`'s). A class's
 * outline shows no parameters of a base's constructor, and a large module's outline may not fit (facts-bench-
 * python.md, 2026-12-04 18:10): the constructors are offered as for a class a type fact names.
 */
function calledClassLineage(context: SignalContext, facts: readonly CursorFact[]): [CursorFact, ClassOrBase[]][] {
  const callee = calleeAtCursor(context);
  if (callee === undefined) return [];
  return facts.filter(fact => fact.kind === 'definition' && fact.name === callee).map(fact => [fact, classOfFactAndBases(context, fact)]);
}

/** The name called by the innermost call whose parentheses the cursor is in (holes.ts, the `argument` hole). */
function calleeAtCursor({ text, cursor }: SignalContext): string | undefined {
  return holeShapes(text, offsetAt(text, cursor.position)).find(shape => shape.kind === 'argument')?.anchorName;
}

/**
 * The class or interface a type fact names, then its bases, level by level up to BASE_LEVELS (class-members.ts),
 * each once; `baseOf` names the class the fact named. The bases' constructors count as much as the class's own:
 * `self.|` reaches an attribute set in any ancestor's `__init__` alike, and the class the server names is often
 * the one being written, in the current file (pyright's `Self@AuthorizationEndpoint`), whose own constructor is
 * no candidate. The bases are read from the index (class-bases.ts), so they count even when the server's walk
 * into the types the class names did not finish within the budget.
 */
function classOfFactAndBases(context: SignalContext, fact: CursorFact): ClassOrBase[] {
  const named = fact.location.inWorkspace ? classAt(context, fact) : undefined;
  return named ? classAndBases(context, { path: fact.location.path, definition: named }, BASE_LEVELS) : [];
}

/**
 * At `x.|` where the server names x's type (`WorkspaceService` of `workspaceService`), the next token is one
 * of that type's members, or its bases': but a large class shows only its header at a small budget, and its
 * outline rarely fits. Its members become candidates, shown as signatures, sharing the expected type's weight
 * by how likely each is, as a namespace's exports do at `ns.|` (namespace-hole.ts): how many workspace files
 * reference the name and how often this file writes `x.name` (or `this.x.name`). Members whose name does not
 * start with what is typed after the `.` are left out. The whole expected-type weight and one more share per
 * use in this file (class-members.ts, MEMBER_SHARES): set by that analogy, not fitted; on the
 * tuning set at holes (60 positions, side by side with main) 2K member with facts @theia/workspace 0.53 ->
 * 0.83 (`this.workspaceService.|`, a class of 800 lines), rxjs 0.92 -> 1.00, mobx one gold won and one lost.
 */
export const RECEIVER_MEMBERS = { share: 1 } as const;

function receiverMemberEvidence(context: SignalContext, lineage: Lineage): Evidence[] {
  const expected = context.facts?.expectedType;
  if (expected?.hole === 'member') return expectedMemberEvidence(context, lineage, expected.of);
  return expected ? [] : nearbyReceiverEvidence(context, lineage);
}

function expectedMemberEvidence(context: SignalContext, lineage: Lineage, of: string): Evidence[] {
  const prefix = context.cursor.linePrefix;
  const typed = typedMember(prefix);
  const receiver = receiverBefore(prefix, prefix.length - typed.length);
  const types = new Set<Definition>();
  const members: SymbolLocation[] = [];
  for (const [fact, classes] of lineage) if (fact.kind === 'expected-type') members.push(...membersOf(context, classes, types, typed));
  const weight = context.weights.facts.expectedType * RECEIVER_MEMBERS.share;
  return shareByLikelihood(context, members, receiver === undefined ? [] : [receiver], weight, `the type of ${of}`);
}

/**
 * Where the server names no hole (a line not yet begun), the line's receiver is unknown, but the code around
 * it calls members of the bindings it uses: `this.workspaceService.roots` two lines below says the blank
 * line may well call another member of `WorkspaceService`, whose outline a small budget cannot hold. Each
 * binding's (or chain link's) type offers its members' signatures, and its bases', as at `x.|`, sharing
 * twice that type fact's own weight by the same likelihood; a receiver other than `this` reaches only public
 * members. Each type once, with the uses in this file of every binding near the cursor it is the type of.
 * The share was compared on the tuning set only (`--mask line`, 60 positions, 2K/8K, against 9989c64): 1
 * gained the same at 2K but lost zod's `zodSchema._zod.parent` at 8K (the members took the 24 spans of
 * its file), 4 lost eight gold at 2K that 2 keeps (zod's `issue.origin` four times, two each on rxjs and mobx).
 * Only the `perType` likeliest members of each type are offered, each with its share of the whole: with every
 * member offered, python3-oauthlib's line at grant_types/base.py:251 lost `request` at 2K, the member headers
 * of `RequestValidator` making its class's 556-token outline worth more than errors.py's `OAuth2Error`. 16
 * against 8 (tuning set, 60 positions, 2K): at lines rxjs's `subscriber.closed` won (subscribeToArray.ts:7), the
 * five other TypeScript corpora and python3-oauthlib identical gold by gold; at holes all six identical. As many
 * as the class-fields signal offers a field's type.
 */
export const NEARBY_RECEIVER_MEMBERS = { share: 2, perType: 16 } as const;

function nearbyReceiverEvidence(context: SignalContext, lineage: Lineage): Evidence[] {
  const byType = new Map<Definition, { fact: CursorFact; receivers: Set<string>; members: SymbolLocation[] }>();
  const offered = new Set<Definition>();
  for (const [fact, classes] of lineage) {
    if (fact.typeOf === undefined || classes.length === 0) continue;
    const receiver = fact.typeOf.slice(fact.typeOf.lastIndexOf('.') + 1);
    const known = byType.get(classes[0]!.definition);
    if (known) known.receivers.add(receiver);
    else {
      const members = membersOf(context, classes, offered, '');
      byType.set(classes[0]!.definition, { fact, receivers: new Set([receiver]), members: OWN_OBJECTS.has(fact.typeOf) ? members : publicOnly(context, members) });
    }
  }
  return [...byType.values()].flatMap(({ fact, receivers, members }) =>
    shareByLikelihood(context, members, [...receivers], factScore(fact, context.weights.facts) * NEARBY_RECEIVER_MEMBERS.share, `the type of \`${fact.typeOf}\` used near the cursor`)
      .sort((a, b) => b.score - a.score)
      .slice(0, NEARBY_RECEIVER_MEMBERS.perType),
  );
}

/** The receivers that reach their class's private and protected members. */
const OWN_OBJECTS: ReadonlySet<string> = new Set(['this', 'self']);

/** The members of `classes` that `x.|` can name and that start with `typed`, each type once across calls (`offered`). */
function membersOf(context: SignalContext, classes: readonly ClassOrBase[], offered: Set<Definition>, typed: string): SymbolLocation[] {
  const members: SymbolLocation[] = [];
  for (const { path, definition: type } of classes) {
    if (offered.has(type) || !context.isCandidate(path)) continue;
    offered.add(type);
    for (const member of context.workspace.features(path)?.declarations ?? []) if (isMemberOf(type, member, typed)) members.push({ path, definition: member });
  }
  return members;
}

/** `weight` shared by the members by how likely each is (memberLikelihoods) after one of `receivers`. Their headers only. */
function shareByLikelihood(context: SignalContext, members: readonly SymbolLocation[], receivers: readonly string[], weight: number, about: string): Evidence[] {
  if (members.length === 0) return [];
  const likelihood = memberLikelihoods(context, members, receivers);
  const total = likelihood.reduce((sum, x) => sum + x, 0);
  return members.map(({ path, definition }, i): Evidence => ({
    path,
    score: (weight * likelihood[i]!) / total,
    reason: `a member of \`${definition.container}\`, ${about}`,
    definition,
    headerOnly: true,
  }));
}

/** The class or interface a type fact points at: in the current file from the request's own declarations, elsewhere from the index. */
function classAt(context: SignalContext, fact: CursorFact): Definition | undefined {
  const named = fact.location.path === context.cursor.file
    ? context.cursor.localDefinitions.filter(d => d.name === fact.name)
    : context.workspace.features(fact.location.path)?.byName.get(fact.name) ?? [];
  const definition = declarationOf(named, fact);
  return definition && TYPE_KINDS.has(definition.kind) ? definition : undefined;
}


function constructorOf(byName: DeclarationsByName, type: Definition): Definition | undefined {
  const named = CONSTRUCTOR_NAMES.flatMap(name => byName.get(name) ?? []);
  return named.find(d => d.container === type.name && rangeContains(type.range, d.range.start));
}

/**
 * At `x.|` the members of x's type are what the model must pick from. A named type's declaration is an
 * expected-type fact already; but where the server spells the type out instead of naming it (a union
 * member narrowed by a `switch`, a mapped or intersected type: `{ readonly code: "invalid_key"; readonly
 * origin: …; … }`), it names nothing to look up. The declarations those members come from are then found
 * among the files the facts point at (the server's type definitions, the declarations used nearby): those
 * declaring members exactly as spelled (`code: "invalid_key"`, which the union's other members and their
 * base declare otherwise), each with the share of the expected type's weight that it declares (a wrapper
 * that adds `input` and `inst` to the narrowed member gets its part, the member its own).
 */
export const RECEIVER_TYPE = { minMembers: 2 } as const;

function receiverTypeEvidence(context: SignalContext): Evidence[] {
  const expected = context.facts?.expectedType;
  if (expected?.hole !== 'member') return [];
  const spelled = spelledMembers(expected.typeText);
  if (spelled.size < RECEIVER_TYPE.minMembers) return [];
  const matches: { path: string; container: Definition; names: readonly string[] }[] = [];
  for (const path of new Set(context.facts!.facts.map(fact => fact.location.path))) {
    const features = context.isCandidate(path) ? context.workspace.features(path) : undefined;
    if (!features) continue;
    const named = features.declarations.filter(member => spelled.has(member.name) && member.range.start.line === member.range.end.line);
    const text = named.length > 0 ? context.index.text(path) : undefined;
    if (text === undefined) continue;
    const lines = linesAt(text, named.map(member => member.range.start.line));
    const declared = new Map<Definition, Set<string>>();
    for (const member of named) {
      const container = containerOf(features.byName, member);
      if (container && memberText(lines.get(member.range.start.line) ?? '') === spelled.get(member.name)) declared.set(container, (declared.get(container) ?? new Set()).add(member.name));
    }
    for (const [container, names] of declared) if (names.size >= RECEIVER_TYPE.minMembers) matches.push({ path, container, names: [...names] });
  }
  const total = matches.reduce((sum, match) => sum + match.names.length, 0);
  return matches.map(({ path, container, names }) => ({
    path,
    score: (context.weights.facts.expectedType * names.length) / total,
    reason: `declares ${names.map(name => `\`${name}\``).join(', ')} of the type of ${expected.of}`,
    definition: container,
  }));
}

/** The members a spelled-out object type lists (`readonly origin?: "map" | "set"`, `check(payload): void`), by name, as written; none for a named type. */
function spelledMembers(typeText: string): Map<string, string> {
  const members = new Map<string, string>();
  for (const match of typeText.matchAll(/(?:^|[{;])\s*((?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[:(][^;\n]*)/gm)) members.set(match[2]!, memberText(match[1]!));
  return members;
}

/** A member's text compared across declaration and hover: spaces collapsed, no trailing `;` or `,`. */
function memberText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\s*[;,]$/, '');
}

/**
 * The functions and methods that return or take a type the hole expects, scored as a share of the
 * expected type's own weight: a producer builds the value the hole needs (a quarter: one call away from
 * it), a consumer says what is done with it (half that). Set from that reasoning, not fitted: the line-masked
 * positions of the tuning set (zod) never have an expected type, so the benchmark cannot tell values apart.
 */
export const TYPE_USERS = { returnsShare: 0.25, takesShare: 0.125, perType: 4 } as const;

/**
 * Their headers (not their bodies), with the expected type in the reason: "returns `RequestOptions`, the
 * expected type of …". Not at a member hole: its type is the receiver's, and what makes or takes a
 * receiver does not say which of its members comes next.
 */
function typeUserEvidence(context: SignalContext): Evidence[] {
  const expected = context.facts?.expectedType;
  if (!expected || expected.hole === 'member') return [];
  const evidence: Evidence[] = [];
  const types = new Set(context.facts!.facts.filter(fact => fact.kind === 'expected-type').map(fact => fact.name));
  for (const typeName of types) {
    const about = expected.typeText === typeName ? `the expected type of ${expected.of}` : `named in the expected type \`${expected.typeText}\` of ${expected.of}`;
    for (const user of typeUsers(context.workspace, context.index, typeName, context.cursor.file, context.isCandidate, TYPE_USERS.perType)) {
      const share = user.use === 'returns' ? TYPE_USERS.returnsShare : TYPE_USERS.takesShare;
      const score = context.weights.facts.expectedType * share * context.workspace.specificity(typeName);
      evidence.push({ path: user.path, score, reason: `${user.use} \`${typeName}\`, ${about}`, definition: user.definition, headerOnly: true });
    }
  }
  return evidence;
}

function factScore(fact: CursorFact, w: RankWeights['facts']): number {
  const byKind: Record<CursorFactKind, number> = { 'expected-type': w.expectedType, 'binding-type': w.bindingType, 'type-definition': w.typeDefinition, definition: w.definition };
  return byKind[fact.kind] * w.depthFactor ** fact.depth;
}

/**
 * The index's declaration of the fact's name around the position the server gave (files may have several of
 * one name); else the function the position is in (callableAround); else the nearest of that name.
 */
function declarationOf(named: readonly Definition[], fact: CursorFact, declarations: readonly Definition[] = []): Definition | undefined {
  const at = fact.location.range.start;
  return named.find(d => rangeContains(d.range, at)) ?? callableAround(declarations, at) ?? nearestByLine(named, at.line);
}

/**
 * A fact at a name the index declares nothing of there is a parameter or an assignment in a body. A keyword
 * argument's definition is the parameter (`ParserTreeFilter(parent_context=…)` → `parent_context` in
 * `ParserTreeFilter.__init__`'s signature): the function declares it, and its header is what shows it. An
 * assignment in a body is Python's `self.request_validator = …` in `__init__`, which the server gives as the
 * attribute's declaration (a class attribute of the same name further up is not what it points at): the
 * function around it shows that line (an outline shows its header only). The innermost function either way.
 * A parameter once counted for no declaration, its whole weight going to the file (python3-jedi's
 * references.py:90, facts-bench-python.md, 2026-12-04 18:10).
 */
function callableAround(declarations: readonly Definition[], at: Position): Definition | undefined {
  let best: Definition | undefined;
  for (const d of declarations) {
    if ((d.kind === 'function' || d.kind === 'method') && rangeContains(d.range, at) && (!best || rangeContains(best.range, d.range.start))) best = d;
  }
  return best;
}

/** The index and the server may disagree on where a declaration starts (decorators, comments): the closest one. */
function nearestByLine(named: readonly Definition[], line: number): Definition | undefined {
  let best: Definition | undefined;
  for (const d of named) if (!best || Math.abs(d.range.start.line - line) < Math.abs(best.range.start.line - line)) best = d;
  return best;
}
