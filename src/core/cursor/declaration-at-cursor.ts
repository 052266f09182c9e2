import type { CursorFacts, DefinitionKind, LanguageId, ScopeInfo } from '../types';
import { comparePositions } from './scopes';

/** Languages whose blocks end where the indentation does, not at a closing token. */
const INDENTED_BLOCKS: ReadonlySet<LanguageId> = new Set<LanguageId>(['python']);

/** Kinds whose block a blank line right after their last line may still belong to. */
const BLOCK_KINDS: ReadonlySet<string> = new Set(['function', 'method', 'class']);

/** A top-level ECMAScript declaration's first line: `export const name`, `function name`, `class Name`. */
const ECMA_HEADER = /^(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:async\s+)?(?:(const|let|var|class)\s+|(function)\b\s*\*?\s*)([A-Za-z_$][\w$]*)/;
const ECMA_KINDS: Readonly<Record<string, DefinitionKind>> = { const: 'variable', let: 'variable', var: 'variable', function: 'function', class: 'class' };

/** Languages whose declaration headers the text fallback reads, and the kind each keyword declares. */
const HEADERS: Partial<Record<LanguageId, { readonly pattern: RegExp; readonly kinds: Readonly<Record<string, DefinitionKind>> }>> = {
  typescript: { pattern: ECMA_HEADER, kinds: ECMA_KINDS },
  tsx: { pattern: ECMA_HEADER, kinds: ECMA_KINDS },
  javascript: { pattern: ECMA_HEADER, kinds: ECMA_KINDS },
};

const LEADING_SPACE = /^\s*/;

/**
 * The declaration whose code the cursor is writing: the innermost one the parse says encloses it, else
 * the one its statement continues when the parse cannot say (below).
 */
export function declarationAtCursor(cursor: CursorFacts): ScopeInfo | undefined {
  const enclosing = innermost(cursor.enclosingScopes);
  return indentedBlockAbove(cursor, enclosing) ?? enclosing ?? unparsedHeaderAbove(cursor);
}

/**
 * The last of the scopes (outermost first); among several with its very range, the first declared: names
 * a broken statement yields together (`const reduce: {…} = dual<…` parsed as `reduce`, `B`, `zero`, `f`
 * over one range) belong to its first, the statement's own name.
 */
function innermost(scopes: readonly ScopeInfo[]): ScopeInfo | undefined {
  const last = scopes.at(-1);
  return last && scopes.find(s => comparePositions(s.range.start, last.range.start) === 0 && comparePositions(s.range.end, last.range.end) === 0);
}

/**
 * In a language whose blocks end by indentation, a blank cursor line right after a function's or class's
 * last line is still in that block (Enter after `return x` keeps the indentation; the parse cannot tell
 * yet): the innermost such block ending on the line above, when nothing encloses the cursor more closely.
 */
function indentedBlockAbove(cursor: CursorFacts, enclosing: ScopeInfo | undefined): ScopeInfo | undefined {
  if (!INDENTED_BLOCKS.has(cursor.language) || (cursor.lines[cursor.position.line] ?? '').trim() !== '') return undefined;
  const lineAbove = cursor.position.line - 1;
  const block = cursor.localDefinitions
    .filter(d => BLOCK_KINDS.has(d.kind) && d.range.end.line === lineAbove && (!enclosing || d.range.start.line > enclosing.range.start.line))
    .sort((a, b) => b.range.start.line - a.range.start.line)[0];
  return block && { name: block.name, kind: block.kind, range: block.range };
}

/**
 * A declaration whose header is still open at the cursor (`export const map: {` and its overloads, the
 * cursor on the line that closes them) makes tree-sitter wrap it, and often the rest of the file, in an
 * ERROR node that yields no definition; a file with a parse error elsewhere has no last good parse to
 * stand in. Then its first line is read from the text: the nearest line above, without a blank line
 * between, indented no deeper than the cursor's statement, when it opens a declaration the parse did not
 * find (one it found is complete, and the cursor starts a new statement after it).
 */
function unparsedHeaderAbove(cursor: CursorFacts): ScopeInfo | undefined {
  const header = HEADERS[cursor.language];
  if (!header) return undefined;
  const indentation = LEADING_SPACE.exec(cursor.linePrefix)![0].length;
  for (let line = cursor.position.line - 1; line >= 0; line--) {
    const text = cursor.lines[line].replace(/\r$/, '');
    if (text.trim() === '') return undefined;
    const own = LEADING_SPACE.exec(text)![0].length;
    if (own > indentation) continue;
    const match = header.pattern.exec(text.slice(own));
    if (!match || cursor.localDefinitions.some(d => d.range.start.line === line)) return undefined;
    return { name: match[3], kind: header.kinds[match[1] ?? match[2]], range: { start: { line, character: own }, end: cursor.position } };
  }
  return undefined;
}
