import type { CursorFacts, FileSymbols, LanguageId, Position } from '../types';
import { importedNamesNear } from './imported-names';
import { definitionsForCursor } from './last-good-definitions';
import { DEFAULT_CURSOR_WINDOW, nearbyIdentifiers, type CursorWindow } from './nearby';
import { enclosingScopes } from './scopes';

export { DEFAULT_CURSOR_WINDOW, type CursorWindow } from './nearby';
export { declarationAtCursor } from './declaration-at-cursor';
export { localBinding } from './imported-names';
export { receiverBefore, typedMember } from './receivers';
export { comparePositions, innermostEnclosing, rangeContains } from './scopes';

export interface CursorInput {
  /** Workspace-relative path of the current file. */
  file: string;
  language: LanguageId;
  /** The current buffer, which may differ from the indexed text. */
  text: string;
  position: Position;
  /** The tree-sitter extraction of `text`. */
  symbols: FileSymbols;
  /** Where `symbols.imports` resolve inside the workspace, aligned with them. */
  resolvedImports: readonly (string | undefined)[];
  /**
   * The last extraction of this file whose parse had no errors, if the caller keeps one: when the statement
   * being typed breaks the parse of its enclosing declarations, their scopes and names come from it.
   */
  previousSymbols?: FileSymbols;
  window?: { linesBefore: number; linesAfter: number };
}

/** What the cursor needs: where it is, what is typed around it, and which names it touches. Pure and fast. */
export function analyzeCursor(input: CursorInput): CursorFacts {
  const { file, language, text, position, symbols, resolvedImports } = input;
  const window: CursorWindow = input.window ?? DEFAULT_CURSOR_WINDOW;
  const lines = text.split('\n');
  const cursorLine = (lines[position.line] ?? '').replace(/\r$/, '');
  const identifiers = nearbyIdentifiers(symbols, lines, position, window, language);
  const definitions = definitionsForCursor(symbols, input.previousSymbols, position);
  return {
    file,
    language,
    position,
    enclosingScopes: enclosingScopes(definitions, position),
    linePrefix: cursorLine.slice(0, position.character),
    lines,
    identifiers,
    importedNamesNearCursor: importedNamesNear(language, symbols.imports, resolvedImports, identifiers),
    imports: symbols.imports,
    resolvedImports,
    localDefinitions: definitions,
  };
}
