import type { FileQuery } from './resolve-file-set';
import { baseOf } from './resolve-paths';

/**
 * Matching by path suffix, for languages whose imports name a path relative to some source root we do
 * not know (Java packages, PHP namespaces, C include paths). When several match, the one sharing the
 * longest leading folder path with the importing file wins (same module, same source set), then path order.
 */
export function closestTo(fromFile: string, paths: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestShared = -1;
  for (const path of paths) {
    const shared = sharedLeadingSegments(fromFile, path);
    if (shared > bestShared || (shared === bestShared && best !== undefined && path < best)) {
      best = path;
      bestShared = shared;
    }
  }
  return best;
}

/** Workspace files whose path is `suffix` or ends with `/suffix`, sorted. */
export function filesEndingWith(files: FileQuery, suffix: string): string[] {
  return files.withBaseName(baseOf(suffix)).filter(path => endsWithSegments(path, suffix));
}

/** Workspace folders whose path is `suffix` or ends with `/suffix`, sorted. */
export function foldersEndingWith(files: FileQuery, suffix: string): string[] {
  return files.foldersNamed(baseOf(suffix)).filter(path => endsWithSegments(path, suffix));
}

/** The alphabetically first file of `dir` with extension `ext` that `accept` admits: a package's stand-in file. */
export function firstFileIn(files: FileQuery, dir: string, ext: string, accept: (path: string) => boolean = () => true): string | undefined {
  return files.filesIn(dir).find(path => path.endsWith(ext) && accept(path));
}

function endsWithSegments(path: string, suffix: string): boolean {
  return path === suffix || path.endsWith(`/${suffix}`);
}

function sharedLeadingSegments(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let n = 0;
  while (n < left.length - 1 && n < right.length - 1 && left[n] === right[n]) n++;
  return n;
}
