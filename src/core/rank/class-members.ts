// A class with its bases, and the members they offer at `x.|`: for the class-hole signal, the class the text
// names (`self.|`, `Cls(…).|`); for the class-fields signal, the types of the enclosing class's fields; for the
// facts signal, the type a language server names (signals/facts.ts).
import { rangeContains } from '../cursor/scopes';
import { MEMBER_KINDS } from '../index/class-heritage';
import { linesAt } from '../index/text-lines';
import type { SymbolLocation } from '../index/view';
import type { Definition } from '../types';
import { baseClassesOf } from './class-bases';
import type { Evidence, SignalContext } from './evidence';
import { memberLikelihood, MemberUses } from './member-uses';

/** A class, or a base of the class `baseOf` names. */
export type ClassOrBase = SymbolLocation & { readonly baseOf?: string };

export const CONSTRUCTOR_NAMES: readonly string[] = ['__init__', 'constructor'];

/** Whether `x.|` of a `type` can name `member`, declared among its definitions, and `member` starts with `typed`. */
export function isMemberOf(type: Definition, member: Definition, typed: string): boolean {
  const named = member.container === type.name && MEMBER_KINDS.has(member.kind) && !CONSTRUCTOR_NAMES.includes(member.name) && member.name.startsWith(typed);
  return named && rangeContains(type.range, member.range.start);
}

/**
 * How likely each member is the one `x.|` names, as a namespace's exports at `ns.|` (namespace-hole.ts): how
 * many workspace files reference the name, and one more share per `receiver.name` (or `this.receiver.name`)
 * this file writes, for any of `receivers`.
 */
export function memberLikelihoods(context: SignalContext, members: readonly SymbolLocation[], receivers: readonly string[]): number[] {
  const counts = receivers.map(receiver => MemberUses.of(context).counts(receiver, true));
  const usedHere = (name: string) => counts.reduce((sum, count) => sum + (count.get(name) ?? 0), 0);
  return members.map(({ definition: d }) => memberLikelihood(context, d.name, usedHere(d.name), MEMBER_SHARES.perUseInFile));
}

/** `named`, then its bases, level by level up to `levels`, each once. */
export function classAndBases(context: SignalContext, named: SymbolLocation, levels: number): ClassOrBase[] {
  const found: ClassOrBase[] = [named];
  const seen = new Set<Definition>([named.definition]);
  let level: readonly SymbolLocation[] = [named];
  for (let depth = 1; depth <= levels && level.length > 0; depth++) {
    level = level.flatMap(({ path, definition }) => baseClassesOf(context, path, definition)).filter(base => !seen.has(base.definition) && seen.add(base.definition));
    found.push(...level.map(base => ({ ...base, baseOf: named.definition.name })));
  }
  return found;
}

/**
 * The members the classes declare whose names start with `typed`, sharing `weight` by how likely each is
 * (memberLikelihoods). Members in files that are no
 * candidates (the current file's class at `self.|`) take their share and give no evidence: the current file
 * shows them already. Shown as signatures: at a large class's hole its members' headers are what a small
 * budget can hold. The attributes the constructors set (Python's `self.x = …` in `__init__`) are members
 * too, and their shares go to the constructor whose lines show them (spans.ts, declarationFor). A receiver other
 * than the class itself (`this.field.|`) reaches its `public` members only.
 */
export function memberHoleEvidence(context: SignalContext, classes: readonly ClassOrBase[], typed: string, receiver: string | undefined, weight: number, reasonOf: (member: Definition) => string, reach: 'all' | 'public' = 'all'): Evidence[] {
  const declared: SymbolLocation[] = [];
  const types = new Set<Definition>();
  for (const { path, definition: type } of classes) {
    if (types.has(type)) continue;
    types.add(type);
    for (const member of membersOf(context, path)) if (isMemberOf(type, member, typed)) declared.push({ path, definition: member });
  }
  const members = reach === 'public' ? publicOnly(context, declared) : declared;
  if (!members.some(({ path }) => context.isCandidate(path))) return [];
  const likelihood = memberLikelihoods(context, members, receiver === undefined ? [] : [receiver]);
  const total = likelihood.reduce((sum, x) => sum + x, 0);
  return members.flatMap(({ path, definition }, i): Evidence[] => (context.isCandidate(path) ? [{
    path,
    score: (weight * likelihood[i]!) / total,
    reason: reasonOf(definition),
    definition,
    headerOnly: isDeclaration(context, path, definition),
  }] : []));
}

/** What may be a member in a file: its definitions, the attributes set in bodies included; the request's buffer's for the current file. */
function membersOf(context: SignalContext, path: string): readonly Definition[] {
  return (path === context.cursor.file ? context.cursor.localDefinitions : context.index.file(path)?.definitions) ?? [];
}

/** A declaration outside bodies shows by its signature; an attribute a body sets only by that body's lines. */
function isDeclaration(context: SignalContext, path: string, definition: Definition): boolean {
  const { line, character } = definition.range.start;
  return context.workspace.features(path)?.byName.find(definition.name, d => d.range.start.line === line && d.range.start.character === character) !== undefined;
}

/** One more share per use in this file, as namespace-hole's (weights.namespaceHole): set by that analogy, not fitted. */
export const MEMBER_SHARES = { perUseInFile: 1 } as const;

/**
 * Without the members that only the class itself reaches: TypeScript's `private`, `protected` (written
 * before the name, after any decorator lines) and `#name`.
 */
export function publicOnly(context: SignalContext, members: readonly SymbolLocation[]): SymbolLocation[] {
  const lines = new Map<string, Map<number, string>>();
  const headerOf = ({ path, definition }: SymbolLocation): string => {
    if (!lines.has(path)) {
      const text = context.index.text(path);
      const wanted = members.filter(m => m.path === path).flatMap(({ definition: d }) => lineNumbers(d.range.start.line, d.signatureRange.end.line));
      lines.set(path, text === undefined ? new Map() : linesAt(text, wanted));
    }
    const header = lineNumbers(definition.range.start.line, definition.signatureRange.end.line).map(line => lines.get(path)!.get(line) ?? '').join('\n');
    const name = new RegExp(`(?<![\\w$#])${definition.name.replace(/\$/g, '\\$')}(?![\\w$])`).exec(header);
    return name ? header.slice(0, name.index) : header;
  };
  return members.filter(member => !member.definition.name.startsWith('#') && !NON_PUBLIC.test(headerOf(member)));
}

function lineNumbers(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const NON_PUBLIC = /(?:^|\s)(?:private|protected)\s/;
