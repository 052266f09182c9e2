// The functions and methods that produce or consume a type: those whose signature returns it (a way to
// build the value the cursor's hole expects) or takes it (what can be done with it). Found in the ranking
// state's maintained tables (the files referring to the name, each file's signature types), so a request
// never walks the workspace; the signature's text decides which side of the parameter list the name is on.
import { textIn } from '../facts/text-positions';
import type { IndexView } from '../index/view';
import type { Definition } from '../types';
import { folderDistance } from './folder-distance';
import type { RankingState } from './ranking-state';

/** `returns`: the type is written after the parameter list; `takes`: only inside it. */
export type TypeUse = 'returns' | 'takes';

export interface TypeUser {
  readonly path: string;
  readonly definition: Definition;
  readonly use: TypeUse;
}

/**
 * The callables of candidate files whose signatures name `typeName`, producers first, then by how near
 * their file is to `nearPath` (shared folders), then by path and line; at most `limit`.
 */
export function typeUsers(state: RankingState, index: IndexView, typeName: string, nearPath: string, isCandidate: (path: string) => boolean, limit: number): TypeUser[] {
  const found: { readonly path: string; readonly definition: Definition; readonly text: string | undefined }[] = [];
  const files = new Set([...state.referencersOf(typeName), ...state.definers(typeName)]);
  for (const path of files) {
    if (!isCandidate(path)) continue;
    const callables = state.features(path)?.signatureTypes.get(typeName);
    if (!callables) continue;
    const text = index.text(path);
    for (const definition of callables) found.push({ path, definition, text });
  }
  // Once per file, not per comparison.
  const distances = new Map([...new Set(found.map(user => user.path))].map(path => [path, folderDistance(path, nearPath)]));
  const distance = (path: string) => distances.get(path)!;
  found.sort((a, b) => distance(a.path) - distance(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.definition.range.start.line - b.definition.range.start.line);
  // Reading a signature's side is the costly part: in nearness order, it stops once `limit` producers are
  // found, since no consumer and no farther producer can outrank them.
  const pattern = typeNamePattern(typeName);
  const producers: TypeUser[] = [];
  const consumers: TypeUser[] = [];
  for (const { path, definition, text } of found) {
    if (producers.length === limit) break;
    // A text evicted from memory leaves the side unknown: the weaker claim, `takes`, rather than a read.
    const use = text === undefined ? 'takes' : useIn(text, definition, pattern);
    (use === 'returns' ? producers : consumers).push({ path, definition, use });
  }
  return [...producers, ...consumers].slice(0, limit);
}

/** Matches `typeName` as a whole identifier (TypeScript and Python identifiers may hold `$`), for useIn. */
export function typeNamePattern(typeName: string): RegExp {
  return new RegExp(`(?<![\\w$])${typeName.replace(/\$/g, '\\$')}(?![\\w$])`);
}

/** Whether the signature names the type (typeNamePattern) after its parameter list closes (a return type) or only inside it. */
export function useIn(text: string, definition: Definition, pattern: RegExp): TypeUse {
  const signature = textIn(text, definition.signatureRange);
  const open = signature.indexOf('(', Math.max(0, signature.indexOf(definition.name)));
  if (open < 0) return 'takes';
  let depth = 0;
  for (let i = open; i < signature.length; i++) {
    if (signature[i] === '(') depth++;
    else if (signature[i] === ')' && --depth === 0) {
      return pattern.test(signature.slice(i + 1)) ? 'returns' : 'takes';
    }
  }
  return 'takes';
}
