import { EXTERNAL, UNRESOLVED, foundOr, type LanguageResolver, type ResolveContext } from './resolve-context';
import { baseOf, dirOf, foldersUp, joinPath } from './resolve-paths';

/** Files whose module's children live beside them rather than in a folder named after them. */
const FOLDER_MODULE_FILES: ReadonlySet<string> = new Set(['mod.rs', 'lib.rs', 'main.rs']);
const CRATE_ROOT_FILES = ['lib.rs', 'main.rs'] as const;

/**
 * `crate::a::b`, `self::a`, `super::a` and `mod a;` paths to `a.rs` or `a/mod.rs`. The path may end in
 * items (`crate::models::User`), so the longest prefix that is a module file wins. Other first segments
 * are child modules when such a file exists, else crates (std, dependencies).
 */
export const rustResolver: LanguageResolver = {
  scopeOf: moduleFolderOf,
  resolve(context, fromFile, specifier) {
    const [head, ...rest] = specifier.split('::').filter(Boolean);
    const moduleFolder = moduleFolderOf(fromFile);
    let base: string | undefined;
    let segments = rest;
    if (head === 'crate') base = crateFolder(context, moduleFolder);
    else if (head === 'self') base = moduleFolder;
    else if (head === 'super') {
      base = dirOf(moduleFolder);
      while (segments[0] === 'super' && base !== '') {
        base = dirOf(base);
        segments = segments.slice(1);
      }
    } else if (head !== undefined) {
      return foundOr(moduleFile(context, moduleFolder, [head, ...rest], 'submodules-only'), EXTERNAL);
    }
    if (base === undefined) return UNRESOLVED;
    return foundOr(moduleFile(context, base, segments), UNRESOLVED);
  },
};

/** The folder holding a file's child modules: `src/a.rs` -> `src/a`, `src/a/mod.rs` -> `src/a`. */
function moduleFolderOf(file: string): string {
  const name = baseOf(file);
  return FOLDER_MODULE_FILES.has(name) ? dirOf(file) : joinPath(dirOf(file), name.replace(/\.rs$/, ''))!;
}

function crateFolder(context: ResolveContext, moduleFolder: string): string | undefined {
  for (const folder of foldersUp(moduleFolder)) {
    if (CRATE_ROOT_FILES.some(root => context.files.has(joinPath(folder, root)!))) return folder;
  }
  return undefined;
}

/**
 * The deepest module along `segments` below `base`; with no segment left, the module of `base` itself,
 * unless only submodules count (a bare first segment that is no submodule names a crate).
 */
function moduleFile(context: ResolveContext, base: string, segments: readonly string[], scope: 'submodules-only' | 'or-itself' = 'or-itself'): string | undefined {
  for (let length = segments.length; length >= 1; length--) {
    const path = joinPath(base, segments.slice(0, length).join('/'))!;
    const found = context.files.firstExisting([`${path}.rs`, `${path}/mod.rs`]);
    if (found) return found;
  }
  if (scope === 'submodules-only') return undefined;
  const ownFiles = [...CRATE_ROOT_FILES.map(root => joinPath(base, root)!), ...(base === '' ? [] : [`${base}.rs`]), joinPath(base, 'mod.rs')!];
  return context.files.firstExisting(ownFiles);
}
