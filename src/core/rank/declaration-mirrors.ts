import type { SymbolTable } from '../index/view';
import type { FileFeatures } from './file-features';

/** `.d.ts`, `.d.mts`, `.d.cts`: declaration files, hand-written or emitted by a build. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Share of a declaration file's top-level names that sources must also declare for it to be a mirror. */
const DEFAULT_MIRROR_SHARE = 0.8;

export function isDeclarationFile(path: string): boolean {
  return DECLARATION_FILE.test(path);
}

/**
 * Whether a declaration file repeats what the workspace's sources declare (a package's emitted `.d.ts` next
 * to its `src/`): showing it spends the budget twice on the same signatures, so it is no candidate. A
 * hand-written declaration file (ambient modules, globals) declares names no source declares and stays.
 * It depends on which files define its top-level names: the ranking state asks again when they change.
 */
export function isMirror(path: string, features: FileFeatures, symbols: SymbolTable, minShare: number = DEFAULT_MIRROR_SHARE): boolean {
  if (!isDeclarationFile(path)) return false;
  const names = new Set(features.declarations.filter(d => !d.container).map(d => d.name));
  if (names.size === 0) return false;
  let inSources = 0;
  for (const name of names) {
    if (symbols.definitionsOf(name).some(l => !isDeclarationFile(l.path))) inSources++;
  }
  return inSources / names.size >= minShare;
}
