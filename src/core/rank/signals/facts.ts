import { rangeContains } from '../../cursor/scopes';
import type { CursorFact, CursorFactKind } from '../../facts';
import type { Definition } from '../../types';
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
      const byName = context.workspace.features(path)?.byName;
      const definition = declarationOf(byName?.get(fact.name) ?? [], fact);
      evidence.push({ path, score, reason: fact.reason, ...(definition ? { definition } : {}) });
      const container = definition && byName && smallContainerOf(byName, definition);
      const share = MEMBER_CONTAINER.share / answers.get(fact.reason)!;
      if (container) evidence.push({ path, score: score * share, reason: `declares the member \`${fact.name}\` (${fact.reason})`, definition: container });
      const constructor = fact.kind !== 'definition' && definition?.kind === 'class' && byName ? constructorOf(byName, definition) : undefined;
      if (constructor) evidence.push({ path, score: score * CONSTRUCTOR_SHARE, reason: `constructs \`${definition!.name}\` (${fact.reason})`, definition: constructor });
    }
    evidence.push(...typeUserEvidence(context), ...receiverTypeEvidence(context));
    return evidence;
  },
};

/**
 * A member the server resolved (`issue.expected` → `expected` of `$ZodIssueInvalidType`) says which type
 * the receiver has, which a name alone cannot: its other members are what the next uses of that receiver
 * reach for, so a small enough container is shown whole (a large one offers its header, spans.ts). Chosen
 * on the tuning set (zod).
 */
export const MEMBER_CONTAINER = { share: 0.5, maxLines: 40 } as const;

function smallContainerOf(byName: ReadonlyMap<string, readonly Definition[]>, member: Definition): Definition | undefined {
  const container = containerOf(byName, member);
  return container && container.range.end.line - container.range.start.line < MEMBER_CONTAINER.maxLines ? container : undefined;
}

/** The class, interface or type literal declaring `member`. */
function containerOf(byName: ReadonlyMap<string, readonly Definition[]>, member: Definition): Definition | undefined {
  if (!member.container) return undefined;
  return byName.get(member.container)?.find(d => d !== member && rangeContains(d.range, member.range.start));
}

/**
 * A class a type fact names declares much of its state in its constructor: Python's `self.x = …` in
 * `__init__`, TypeScript's parameter properties and `this.x = …`. A large class offers only its header
 * at a small budget, and an outline shows the constructor's signature, not those lines (`self.` in an
 * endpoint reaches `request_validator`, set in its base class's `__init__`). Half the fact's weight, as a
 * small container gets: set from that reasoning, on the tuning set (python3-oauthlib) only.
 */
export const CONSTRUCTOR_SHARE = 0.5;

function constructorOf(byName: ReadonlyMap<string, readonly Definition[]>, type: Definition): Definition | undefined {
  const named = [...(byName.get('__init__') ?? []), ...(byName.get('constructor') ?? [])];
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
    const declared = new Map<Definition, Set<string>>();
    let lines: readonly string[] | undefined;
    for (const member of features.declarations) {
      const written = spelled.get(member.name);
      if (written === undefined || member.range.start.line !== member.range.end.line) continue;
      const container = containerOf(features.byName, member);
      lines ??= context.index.text(path)?.split('\n') ?? [];
      if (container && memberText(lines[member.range.start.line] ?? '') === written) declared.set(container, (declared.get(container) ?? new Set()).add(member.name));
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

/** The index's declaration of the fact's name around the position the server gave (files may have several of one name). */
function declarationOf(named: readonly Definition[], fact: CursorFact): Definition | undefined {
  const at = fact.location.range.start;
  return named.find(d => rangeContains(d.range, at)) ?? nearestByLine(named, at.line);
}

/** The index and the server may disagree on where a declaration starts (decorators, comments): the closest one. */
function nearestByLine(named: readonly Definition[], line: number): Definition | undefined {
  let best: Definition | undefined;
  for (const d of named) if (!best || Math.abs(d.range.start.line - line) < Math.abs(best.range.start.line - line)) best = d;
  return best;
}
