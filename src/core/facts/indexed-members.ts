// A member's declaration from its receiver's class and the index, instead of a definition request: pyright
// answers one question at a time, and a member's definition waits there for its receiver's type, which after
// an edit costs the re-evaluation of the file's types (facts-bench-python.md, 2026-12-02 21:20). Where the
// index cannot tell (a base named by several classes, a member it does not declare), the server is asked.
import { innermostEnclosing, rangeContains } from '../cursor';
import { BASE_LEVELS, heritageNames, TYPE_KINDS } from '../index/class-heritage';
import { linesBetween } from '../index/text-lines';
import type { SymbolLocation } from '../index/view';
import type { Definition, Position } from '../types';
import type { FactsSession } from './session';
import { indexedLocation } from './type-definitions';
import type { FactLocation } from './types';

/** The method's own object, whose class is the one around it: no question tells more. */
const OWN_OBJECTS: ReadonlySet<string> = new Set(['self', 'this']);

/**
 * The class of `self.x` or `this.x` used at `at`: the innermost class of the current file's declarations
 * around it. Undefined for another receiver, or without declarations.
 */
export function ownClassAt(receiver: string, at: Position, path: string, localDefinitions: readonly Definition[] | undefined): SymbolLocation | undefined {
  const inner = OWN_OBJECTS.has(receiver) ? innermostEnclosing(localDefinitions ?? [], at, TYPE_KINDS) : undefined;
  return inner && { path, definition: inner };
}

/**
 * The declarations of `member` in `type` or, when it declares none, in its bases, level by level up to
 * BASE_LEVELS (the nearest level's, as an instance finds it), where the index tells. Undefined where it
 * cannot: no index, a base it cannot name alone, the member not found, a declaration not where the text is.
 */
export async function indexedMember(session: FactsSession, localDefinitions: readonly Definition[] | undefined, type: SymbolLocation, member: string): Promise<FactLocation[] | undefined> {
  const declarationsOf = (path: string) => (path === session.doc.path ? localDefinitions : session.declarationsIn(path));
  const seen = new Set<Definition>([type.definition]);
  let level: readonly SymbolLocation[] = [type];
  for (let depth = 0; depth <= BASE_LEVELS && level.length > 0; depth++) {
    const declared = level.flatMap(({ path, definition: owner }) =>
      (declarationsOf(path) ?? []).filter(d => d.name === member && d.container === owner.name && d !== owner && rangeContains(owner.range, d.range.start)).map(definition => ({ path, definition })),
    );
    if (declared.length > 0) {
      const located = await Promise.all(declared.map(declaration => indexedLocation(session, declaration)));
      return located.every(location => location !== undefined) ? (located as FactLocation[]) : undefined;
    }
    const bases = await Promise.all(level.map(owner => basesOf(session, owner)));
    if (bases.some(found => found === undefined)) return undefined;
    level = bases.flatMap(found => found!).filter(base => !seen.has(base.definition) && seen.add(base.definition));
  }
  return undefined;
}

/**
 * The classes a class's header names as its bases, each the one class of that name its file declares, else
 * the one the workspace declares; undefined when a name has several. A name the workspace does not declare
 * (`dict`, a library's class) is left out: a member declared there is not found, and the server is asked.
 */
async function basesOf(session: FactsSession, { path, definition }: SymbolLocation): Promise<SymbolLocation[] | undefined> {
  const text = await session.text(path);
  if (text === undefined) return undefined;
  const header = linesBetween(text, definition.signatureRange.start.line, definition.signatureRange.end.line);
  const bases: SymbolLocation[] = [];
  for (const name of heritageNames(header, definition.name)) {
    const classes = (session.declarationsNamed(name) ?? []).filter(({ definition: d }) => TYPE_KINDS.has(d.kind) && d.container === undefined);
    const own = classes.filter(location => location.path === path);
    const chosen = own.length > 0 ? own : classes;
    if (chosen.length > 1) return undefined;
    bases.push(...chosen);
  }
  return bases;
}
