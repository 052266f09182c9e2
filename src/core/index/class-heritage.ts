// What a class declaration says of its members and its bases, read from the index's declarations and the
// header's text: shared by the ranking (class-hole, class-fields, duck typing, the facts signal) and the
// facts stage (a member's declaration found in its receiver's class instead of asked of a server).
import type { Definition } from '../types';

/** What a header's names may be, to be followed: classes, and the interfaces a class implements or an interface extends. */
export const TYPE_KINDS: ReadonlySet<Definition['kind']> = new Set(['class', 'interface']);

/** What `x.|` can name; the constructor is no member one calls by name. */
export const MEMBER_KINDS: ReadonlySet<Definition['kind']> = new Set(['method', 'property']);

/**
 * Levels of bases whose members a class offers at `x.|`, for every signal that offers them (class-hole,
 * class-fields, duck typing, a type a language server names) and for a member's declaration in the facts
 * stage: the bases usually sit in other files.
 */
export const BASE_LEVELS = 3;

/** Words of a heritage clause that are not type names. */
const HERITAGE_KEYWORDS: ReadonlySet<string> = new Set(['extends', 'implements', 'metaclass', 'object']);

/** Type names in a class's header after its name: `extends A<B> implements C`, Python's `(Base, Mixin)`; not keyword arguments (`metaclass=M`). */
export function heritageNames(header: string, className: string): string[] {
  const afterName = header.slice(header.indexOf(className) + className.length).split('{')[0]!;
  const names = afterName.match(/[A-Za-z_$][\w$]*(?![\w$])(?!\s*=)/g) ?? [];
  return [...new Set(names.filter(n => !HERITAGE_KEYWORDS.has(n)))];
}
