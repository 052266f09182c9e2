import type { IndexView } from '../index/view';
import type { IndexedFile } from '../types';
import { fileFeatures } from './file-features';

/** `.d.ts`, `.d.mts`, `.d.cts`: declaration files, hand-written or emitted by a build. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Share of a declaration file's top-level names that sources must also declare for it to be a mirror. */
const DEFAULT_MIRROR_SHARE = 0.8;

function isDeclarationFile(path: string): boolean {
  return DECLARATION_FILE.test(path);
}

/**
 * Declaration files that repeat what the workspace's sources declare (a package's emitted `.d.ts` next to
 * its `src/`): showing them spends the budget twice on the same signatures, so they are no candidates.
 * A hand-written declaration file (ambient modules, globals) declares names no source declares and stays.
 */
export function declarationMirrors(index: IndexView, files: readonly IndexedFile[], minShare: number = DEFAULT_MIRROR_SHARE): Set<string> {
  const mirrors = new Set<string>();
  for (const file of files) {
    if (!isDeclarationFile(file.path)) continue;
    const names = new Set(fileFeatures(file).declarations.filter(d => !d.container).map(d => d.name));
    if (names.size === 0) continue;
    let inSources = 0;
    for (const name of names) {
      if (index.symbols.definitionsOf(name).some(l => !isDeclarationFile(l.path))) inSources++;
    }
    if (inSources / names.size >= minShare) mirrors.add(file.path);
  }
  return mirrors;
}
