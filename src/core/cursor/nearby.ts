import { referencesWhere } from '../index/indexed-entry';
import type { FileSymbols, LanguageId, NearbyIdentifier, Position, ReferenceKind } from '../types';
import { codeColumns } from './code-columns';
import { rangeContains } from './scopes';
import { MEMBER_OPERATOR, memberAfter, receiverBefore } from './receivers';

export interface CursorWindow {
  readonly linesBefore: number;
  readonly linesAfter: number;
}

/** Enough to see the statement, the enclosing block's recent lines and the code right after the cursor. */
export const DEFAULT_CURSOR_WINDOW: CursorWindow = { linesBefore: 30, linesAfter: 10 };

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/**
 * Identifiers near the cursor: the parser's references inside the window, plus the identifiers of the
 * cursor line itself found lexically, because the statement being typed is usually incomplete and the
 * parser often wraps it in an ERROR node that yields no tags; words in its strings and comments are not
 * identifiers. Sorted nearest first, then by position.
 */
export function nearbyIdentifiers(symbols: FileSymbols, lines: readonly string[], position: Position, window: CursorWindow, language: LanguageId): NearbyIdentifier[] {
  const { imports } = symbols;
  const first = position.line - window.linesBefore;
  const last = position.line + window.linesAfter;
  const seen = new Set<string>();
  const result: NearbyIdentifier[] = [];
  const add = (name: string, parsedKind: ReferenceKind, at: Position): void => {
    const key = `${at.line}:${at.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    const line = lines[at.line] ?? '';
    // Grammars tag `a.f()` as a call of `f`; what matters for lookup is that `f` is a member of `a`.
    const kind = parsedKind === 'member' || isMemberAccess(line, at.character) ? 'member' : parsedKind;
    const side = at.line < position.line || (at.line === position.line && at.character < position.character) ? 'prefix' : 'suffix';
    const receiver = kind === 'member' ? receiverBefore(line, at.character) : undefined;
    const next = kind === 'member' ? memberAfter(lines, at.line, at.character + name.length) : undefined;
    result.push({ name, kind, line: at.line, distance: Math.abs(at.line - position.line), side, ...(receiver ? { receiver } : {}), ...(next ? { memberAfter: next } : {}) });
  };
  // Names in import statements are declarations of the import, not uses near the cursor.
  const inImport = (at: Position): boolean => imports.some(i => rangeContains(i.range, at));
  // Only the window's references are built: the buffer's entry keeps the rest packed (a large file has thousands).
  for (const reference of referencesWhere(symbols, (_kind, line) => line >= first && line <= last)) {
    if (!inImport(reference.range.start)) add(reference.name, reference.kind, reference.range.start);
  }
  const cursorLine = lines[position.line] ?? '';
  const isCode = codeColumns(cursorLine, language);
  for (const match of cursorLine.matchAll(IDENTIFIER)) {
    const character = match.index;
    if (!isCode(character) || isInsideWord(cursorLine, character) || inImport({ line: position.line, character })) continue;
    add(match[0], lexicalKind(cursorLine, character, match[0].length), { line: position.line, character });
  }
  // Stable sort: within a line the order stays the order found (parser references, then lexical ones).
  return result.sort((a, b) => a.distance - b.distance || a.line - b.line);
}

/** `1e5` or `0x1F` match the identifier pattern from their middle; so does a word glued to a digit. */
function isInsideWord(line: string, character: number): boolean {
  return character > 0 && /[\w$]/.test(line[character - 1]);
}

function isMemberAccess(line: string, character: number): boolean {
  return MEMBER_OPERATOR.test(line.slice(0, character));
}

/** The kind of an identifier the parser did not tag; member accesses are recognised by `add`. */
function lexicalKind(line: string, character: number, length: number): ReferenceKind {
  if (/^\s*\(/.test(line.slice(character + length))) return 'call';
  return /^[A-Z]/.test(line[character]) ? 'type' : 'identifier';
}
