// What one extraction of a file found, in the form both a whole extraction and an edited buffer's partial
// one produce (extract.ts), and the FileSymbols made of it. A buffer keeps its last Extraction
// (edited-buffer.ts) so that the next keystroke extracts only the top-level declarations it touched and
// splices them in (edited-extraction.ts).
import type { Definition, FileSymbols, Position } from '../types';

export interface ExtractedDefinition {
  readonly definition: Definition;
  /** The name the file exports it under by its declaration, for a top-level definition that is. */
  readonly exportedAs: string | undefined;
}

/** A name an export list mentions (`export { a }`, `export { a as b }`'s `a`, `__all__ = ["a"]`). */
export interface ListedName {
  readonly name: string;
  readonly at: Position;
  /** Exported by the list under this name (not only marked as the local of another name). */
  readonly exported: boolean;
}

/** Each list in document order, as the query's matches give them for one region of the file. */
export interface ExtractedParts extends Pick<FileSymbols, 'references' | 'imports'> {
  readonly definitions: readonly ExtractedDefinition[];
  readonly listed: readonly ListedName[];
}

export interface Extraction extends ExtractedParts {
  readonly symbols: FileSymbols;
}

/** The file's symbols from its parts: the export lists' names first, then the declarations' own exports. */
export function assemble(parts: ExtractedParts, text: string, hasErrors: boolean): Extraction {
  const exports = new Set<string>();
  for (const listed of parts.listed) if (listed.exported) exports.add(listed.name);
  for (const { exportedAs } of parts.definitions) if (exportedAs !== undefined) exports.add(exportedAs);
  const symbols: FileSymbols = {
    definitions: parts.definitions.map(d => d.definition),
    references: parts.references,
    imports: parts.imports,
    exports: [...exports],
    lineCount: countLines(text),
    hasErrors,
  };
  return { ...parts, symbols };
}

const NEWLINE = 10;

/** Lines of text as an editor numbers them, not counting the empty line after a final newline. */
function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.charCodeAt(text.length - 1) === NEWLINE ? lines - 1 : lines;
}
