// Trigger points: where a monitor asks the language server. For now one kind, a member access after `.`
// or `?.` in TypeScript, JavaScript and Python. Found by a small lexer, not a parser: the text is a
// completion still being written, which no parser would accept, and dots inside strings, comments and
// numbers are not member accesses.
import type { LanguageId } from '../types';

/** The languages whose member accesses the monitor checks, with their comment and string syntax. */
const LEXICON: Partial<Record<LanguageId, { readonly lineComment: string; readonly blockComment?: readonly [string, string]; readonly quotes: string }>> = {
  typescript: { lineComment: '//', blockComment: ['/*', '*/'], quotes: `'"\`` },
  tsx: { lineComment: '//', blockComment: ['/*', '*/'], quotes: `'"\`` },
  javascript: { lineComment: '//', blockComment: ['/*', '*/'], quotes: `'"\`` },
  python: { lineComment: '#', quotes: `'"` },
};

export function monitoredLanguage(language: LanguageId): boolean {
  return LEXICON[language] !== undefined;
}

/** `receiver.name` or `receiver?.name` whose name the model writes (or starts right after the cursor). */
export interface MemberAccess {
  /** Offset, in the scanned text, just after the dot: where the member's name starts. */
  readonly nameStart: number;
  /** The name as far as it is written. */
  readonly name: string;
  /** True when a character after the name ends it; false while the name may still grow. */
  readonly ended: boolean;
}

const IDENTIFIER_CHAR = /[\w$]/;
/** What may stand before a member-access dot: the end of a name, a call, an index, a non-null assertion. */
const RECEIVER_END = /[\w$)\]!]/;

/**
 * The member accesses of `text` (the current line of the document up to the cursor, then the completion)
 * whose name the completion writes: names ending after `from` (where the completion starts), or starting
 * exactly there (the user typed the dot).
 */
export function memberAccesses(text: string, from: number, language: LanguageId): MemberAccess[] {
  const lexicon = LEXICON[language];
  if (!lexicon) return [];
  const found: MemberAccess[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (text.startsWith(lexicon.lineComment, i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (lexicon.blockComment && text.startsWith(lexicon.blockComment[0], i)) {
      const end = text.indexOf(lexicon.blockComment[1], i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (lexicon.quotes.includes(char)) {
      i = stringEnd(text, i);
    } else if (char === '.' && isMemberDot(text, i)) {
      const nameStart = i + 1;
      let end = nameStart;
      while (end < text.length && (IDENTIFIER_CHAR.test(text[end]!) || (end === nameStart && text[end] === '#'))) end++;
      const name = text.slice(nameStart, end);
      // `f?.(x)` and `a?.[i]` are optional calls and indexes: a dot followed by no name is no member access.
      const noName = name === '' && end < text.length;
      if (!noName && (end > from || nameStart === from)) found.push({ nameStart, name, ended: end < text.length });
      i = end;
    } else {
      i++;
    }
  }
  return found;
}

/** A dot after a receiver (or `?.` after one), not part of a number (`1.5`) or a spread (`...x`). */
function isMemberDot(text: string, dot: number): boolean {
  const before = text[dot - 1] === '?' ? dot - 2 : dot - 1;
  if (before < 0 || !RECEIVER_END.test(text[before]!) || text[dot + 1] === '.') return false;
  let start = before;
  while (start > 0 && IDENTIFIER_CHAR.test(text[start - 1]!)) start--;
  return !/^\d+$/.test(text.slice(start, before + 1));
}

/** Where the string literal opened at `open` ends (escapes honoured; an unclosed one runs to the line's end). */
function stringEnd(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
    else if (text[i] === '\n' && quote !== '`') return i;
  }
  return text.length;
}
