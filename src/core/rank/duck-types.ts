// The classes a receiver no text names a type for is likely an instance of, by duck typing: `def f(node): …
// node.get_code() … node.parent` is a class that offers `get_code` and `parent`, declared in it or its bases.
// Read from the symbol table's declarations by name (a member's container is its class), a few names per
// request, never the workspace.
import { rangeContains } from '../cursor';
import type { SymbolLocation } from '../index/view';
import { BASE_LEVELS, MEMBER_KINDS, TYPE_KINDS } from '../index/class-heritage';
import { classAndBases, type ClassOrBase } from './class-members';
import type { SignalContext } from './evidence';
import { MemberUses } from './member-uses';

export interface DuckTypes {
  /** The classes offering the most of the members the file uses on the receiver. */
  readonly locations: readonly SymbolLocation[];
  /** The share of the receiver's used members they offer: their members share the class hole's weight times this. */
  readonly certainty: number;
}

/**
 * More classes than this offering as many of the used members say too little about which one the receiver is,
 * and sharing the weight among all their members costs a few ms more of ranking (python3-jedi's
 * `node_context.|`: 15 classes, 217 members; no gold more with 16 than with 4 on the tuning set).
 */
export const MAX_DUCK_TYPES = 4;
/**
 * More classes than this declaring one of the used members: walking up to all their bases costs more than it
 * tells (zod's locales write `issue.code`, `issue.origin`, … which 241-274 of its interfaces declare: 50 ms
 * at a busy machine; python3-jedi's untyped receivers meet at most 43).
 */
export const MAX_DECLARING_CLASSES = 48;
/**
 * The classes offering (declaring, or inheriting from up to {@link BASE_LEVELS} levels of bases) the most of
 * the members this file writes after `receiver` (`receiver.m`, also as `self.receiver.m`): found from the
 * classes that declare one of them, walking up to their bases. A class that is a base of another such class
 * counts once, through it. Undefined when the file uses no member, no class declares one, more than
 * {@link MAX_DECLARING_CLASSES} do, or more than {@link MAX_DUCK_TYPES} classes tie.
 */
export function duckTypes(context: SignalContext, receiver: string): DuckTypes | undefined {
  const used = [...MemberUses.of(context).counts(receiver, true).keys()];
  // Class (by where it is declared) -> the used names it declares.
  const declares = new Map<string, Set<string>>();
  const declaring: SymbolLocation[] = [];
  for (const name of used) {
    for (const member of context.index.symbols.definitionsOf(name)) {
      const type = declaringClass(context, member);
      if (!type) continue;
      const key = keyOf(type);
      let names = declares.get(key);
      if (!names) {
        declares.set(key, (names = new Set()));
        declaring.push(type);
      }
      names.add(name);
    }
  }
  if (declaring.length > MAX_DECLARING_CLASSES) return undefined;
  let most = 0;
  let best: ClassOrBase[][] = [];
  for (const type of declaring) {
    const lineage = classAndBases(context, type, BASE_LEVELS);
    const offered = new Set(lineage.flatMap(base => [...(declares.get(keyOf(base)) ?? [])]));
    if (offered.size > most) [most, best] = [offered.size, []];
    if (offered.size === most) best.push(lineage);
  }
  // A base whose subclass offers as much adds nothing of its own: its members come with the subclass.
  const inherited = new Set(best.flatMap(lineage => lineage.slice(1).map(keyOf)));
  const roots = best.filter(lineage => !inherited.has(keyOf(lineage[0]!)));
  if (most === 0 || roots.length > MAX_DUCK_TYPES) return undefined;
  return { locations: roots.map(lineage => lineage[0]!), certainty: most / used.length };
}

/** The class whose body declares `member`: its container, declared in the same file around it. */
function declaringClass(context: SignalContext, { path, definition: member }: SymbolLocation): SymbolLocation | undefined {
  if (member.container === undefined || !MEMBER_KINDS.has(member.kind)) return undefined;
  return context.index.symbols.definitionsOf(member.container)
    .find(type => type.path === path && TYPE_KINDS.has(type.definition.kind) && rangeContains(type.definition.range, member.range.start));
}

/** A class's identity across the symbol table's and the bases' lookups: its file and where it starts. */
function keyOf({ path, definition }: SymbolLocation): string {
  return `${path}:${definition.range.start.line}:${definition.range.start.character}`;
}
