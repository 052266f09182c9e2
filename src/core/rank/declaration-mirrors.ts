import type { SymbolTable } from '../index/view';
import type { FileFeatures } from './file-features';

/** `.d.ts`, `.d.mts`, `.d.cts`: declaration files, hand-written or emitted by a build. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
/** `.js`, `.cjs`, `.mjs`: hand-written, or compiled from TypeScript (npm packages ship both). */
const JAVASCRIPT_FILE = /\.[cm]?js$/;
/** What JavaScript is compiled from: TypeScript sources, not their declaration files. */
const TYPESCRIPT_SOURCE = /\.(?:[cm]?ts|tsx)$/;

/** Share of a declaration file's top-level names that sources must also declare for it to be a mirror. */
const DEFAULT_MIRROR_SHARE = 0.8;

export function isDeclarationFile(path: string): boolean {
  return DECLARATION_FILE.test(path);
}

/** Files a build emits from sources: declaration files and JavaScript. Only these can be mirrors. */
export function mayBeMirror(path: string): boolean {
  return isDeclarationFile(path) || JAVASCRIPT_FILE.test(path);
}

/**
 * The names a possible mirror's status rests on, besides which other files define them: a file never counts as
 * a source of itself, so its status changes with its own text only where these do.
 */
export function topLevelNames(features: FileFeatures): Set<string> {
  return new Set(features.declarations.filter(d => !d.container).map(d => d.name));
}

/** Whether `definer` counts as a source of the possible mirror `path`: any non-declaration file for a `.d.ts`, TypeScript for JavaScript. */
function isSourceFor(path: string, definer: string): boolean {
  if (isDeclarationFile(definer)) return false;
  return isDeclarationFile(path) || TYPESCRIPT_SOURCE.test(definer);
}

/** Whether `definer` counts as a source of every possible mirror: a TypeScript source does, for declaration files and JavaScript alike. */
export function isSourceForAny(definer: string): boolean {
  return !isDeclarationFile(definer) && TYPESCRIPT_SOURCE.test(definer);
}

/**
 * Whether a declaration or JavaScript file repeats what the workspace's sources declare (a package's emitted
 * `.d.ts` or compiled `.js`/`.cjs`/`.mjs` next to or mirroring its `src/`): showing it spends the budget twice
 * on the same code, so it is no candidate while its sources are indexed. A hand-written declaration file
 * (ambient modules, globals) or JavaScript file declares names no source declares and stays.
 * It depends on which files define its top-level names: the ranking state asks again when they change.
 */
export function isMirror(path: string, features: FileFeatures, symbols: SymbolTable, minShare: number = DEFAULT_MIRROR_SHARE): boolean {
  if (!mayBeMirror(path)) return false;
  const names = topLevelNames(features);
  if (names.size === 0) return false;
  let inSources = 0;
  for (const name of names) {
    if (symbols.definitionsOf(name).some(l => isSourceFor(path, l.path))) inSources++;
  }
  return inSources / names.size >= minShare;
}
