import { EXTERNAL, UNRESOLVED, workspaceFile, type ImportResolution, type LanguageResolver } from './resolve-context';
import { dirOf, joinPath } from './resolve-paths';
import { closestTo, filesEndingWith } from './resolve-suffix';

/** Where a path-style import is looked for, in order. */
type Place = 'importer-folder' | 'workspace-root' | 'search-folders';

interface SearchPlan {
  readonly path: string;
  readonly places: readonly Place[];
  /** What it means when no place has the file: a system header or gem is external, a missing relative file is not. */
  readonly onMiss: ImportResolution;
}

/**
 * Languages that import a file by path: relative to the importing file, the workspace root, or
 * conventional search folders (C's `include/`, Ruby's `lib/`) matched by suffix since their place is unknown.
 */
interface SearchPathStyle {
  /** Extensions tried when the specifier has none (Ruby's `require 'x'`). */
  readonly impliedExtensions: readonly string[];
  readonly searchFolders: readonly string[];
  /** A plan for the specifier, or a verdict when it cannot be followed (`$DIR/x.sh`). */
  readonly plan: (specifier: string) => SearchPlan | ImportResolution;
}

function searchPathResolver(style: SearchPathStyle): LanguageResolver {
  return {
    scopeOf: dirOf,
    resolve(context, fromFile, specifier) {
      const plan = style.plan(specifier);
      if ('kind' in plan) return plan;
      const { files } = context;
      const names = style.impliedExtensions.length === 0 || /\.\w+$/.test(plan.path) ? [plan.path] : style.impliedExtensions.map(ext => plan.path + ext);
      for (const place of plan.places) {
        let found: string | undefined;
        if (place === 'search-folders') {
          const suffixes = style.searchFolders.flatMap(folder => names.map(name => joinPath(folder, name)).filter(p => p !== undefined));
          for (const suffix of suffixes) found ??= closestTo(fromFile, filesEndingWith(files, suffix));
        } else {
          const base = place === 'importer-folder' ? dirOf(fromFile) : '';
          found = files.firstExisting(names.map(name => joinPath(base, name)).filter(p => p !== undefined));
        }
        if (found) return workspaceFile(found);
      }
      return plan.onMiss;
    },
  };
}

const isRelative = (s: string) => s.startsWith('./') || s.startsWith('../');
const cannotFollow = (s: string) => s.includes('$') || s.startsWith('/') || s.startsWith('~');

/** `#include "x.h"`: the includer's folder, then include roots. `#include <x.h>`: include roots, else a system header. */
export const includeResolver = searchPathResolver({
  impliedExtensions: [],
  searchFolders: ['include'],
  plan: specifier =>
    specifier.startsWith('<')
      ? { path: specifier.replace(/^<|>$/g, ''), places: ['search-folders'], onMiss: EXTERNAL }
      : { path: specifier, places: ['importer-folder', 'search-folders'], onMiss: UNRESOLVED },
});

/** `require_relative 'x'` arrives as `./x`; `require 'x'` searches `lib/` folders and the root, else it is a gem. */
export const rubyResolver = searchPathResolver({
  impliedExtensions: ['.rb'],
  searchFolders: ['lib'],
  plan: specifier =>
    isRelative(specifier)
      ? { path: specifier, places: ['importer-folder'], onMiss: UNRESOLVED }
      : { path: specifier, places: ['search-folders', 'workspace-root'], onMiss: EXTERNAL },
});

/** `source ./x.sh` and PHP's `require 'x.php'`: relative to the script, then to the workspace root it is usually run from. */
export const scriptPathResolver = searchPathResolver({
  impliedExtensions: [],
  searchFolders: [],
  plan: specifier => (cannotFollow(specifier) ? UNRESOLVED : { path: specifier, places: ['importer-folder', 'workspace-root'], onMiss: UNRESOLVED }),
});
