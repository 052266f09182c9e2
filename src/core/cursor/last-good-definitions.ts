import type { Definition, FileSymbols, Position } from '../types';
import { rangeContains } from './scopes';

/**
 * The definitions to read the cursor's surroundings from. A half-typed line (`return paths.map(path => this.`)
 * can turn the whole enclosing class into an ERROR node that yields no definitions; then the last extraction
 * of the file that had them stands in: the declarations enclosing the cursor are those it had, and the names
 * it declared are still this file's. Lines may have moved a little since; a scope is a region, not a point,
 * and typing within a line moves none.
 */
export function definitionsForCursor(symbols: FileSymbols, previous: FileSymbols | undefined, position: Position): readonly Definition[] {
  if (!previous || !symbols.hasErrors) return symbols.definitions;
  const enclosing = (definitions: readonly Definition[]) => definitions.filter(d => rangeContains(d.range, position)).length;
  if (enclosing(previous.definitions) <= enclosing(symbols.definitions)) return symbols.definitions;
  // New declarations typed since the last good parse are kept too.
  const previousNames = new Set(previous.definitions.map(d => d.name));
  return [...previous.definitions, ...symbols.definitions.filter(d => !previousNames.has(d.name))];
}
