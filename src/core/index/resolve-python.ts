import { EXTERNAL, UNRESOLVED, foundOr, workspaceFile, type LanguageResolver, type ResolveContext } from './resolve-context';
import { dirOf, foldersUp, isWithin, joinPath } from './resolve-paths';

/** Folders that hold top-level packages by convention, besides the workspace root and project folders. */
const PYTHON_SOURCE_FOLDERS = ['src', 'lib'] as const;

/** Files that make a folder a Python project root. pyproject.toml and setup.cfg are read at creation; setup.py is a source file. */
export const PYTHON_PROJECT_FILES = ['pyproject.toml', 'setup.cfg'] as const;
const SETUP_SCRIPT = 'setup.py';

export const pythonResolver: LanguageResolver = {
  scopeOf: dirOf,
  resolve(context, fromFile, specifier) {
    const dir = dirOf(fromFile);
    const dots = /^\.*/.exec(specifier)![0].length;
    const modulePath = specifier.slice(dots).split('.').filter(Boolean);
    if (dots > 0) {
      let base: string | undefined = dir;
      for (let up = 1; up < dots && base !== undefined; up++) base = base === '' ? undefined : dirOf(base);
      if (base === undefined) return UNRESOLVED;
      return foundOr(moduleFile(context, base, modulePath), UNRESOLVED);
    }
    const roots = searchRoots(context, dir);
    for (const root of roots) {
      const found = moduleFile(context, root, modulePath);
      if (found) return workspaceFile(found);
    }
    // The first segment names something of ours (a package folder or module) but the rest is missing.
    const head = modulePath[0];
    const ours = head !== undefined && roots.some(root => {
      const path = joinPath(root, head)!;
      return context.files.hasFolder(path) || context.files.has(`${path}.py`) || context.files.has(`${path}.pyi`);
    });
    return ours ? UNRESOLVED : EXTERNAL;
  },
};

/**
 * `a.b` under `base`: module `a/b.py`, package `a/b/__init__.py`, stub `a/b.pyi`. With no segments
 * (`from . import x`) the package itself. Namespace packages (no __init__) are traversed like any folder.
 */
function moduleFile(context: ResolveContext, base: string, modulePath: readonly string[]): string | undefined {
  const path = modulePath.length === 0 ? base : joinPath(base, modulePath.join('/'));
  if (path === undefined) return undefined;
  const inFolder = (name: string) => (path === '' ? name : `${path}/${name}`);
  const candidates = modulePath.length === 0 ? [inFolder('__init__.py'), inFolder('__init__.pyi')] : [`${path}.py`, inFolder('__init__.py'), `${path}.pyi`, inFolder('__init__.pyi')];
  return context.files.firstExisting(candidates);
}

/**
 * Where absolute imports are searched: project roots that contain the importing file, nearest first,
 * then the remaining roots in path order. A root is the workspace root, its `src/` and `lib/`, and any
 * folder with pyproject.toml, setup.cfg or setup.py.
 */
function searchRoots(context: ResolveContext, dir: string): string[] {
  const projectDirs = [
    ...context.configs.pythonProjectDirs,
    ...context.files.withBaseName(SETUP_SCRIPT).map(dirOf),
  ];
  const roots = new Set<string>();
  for (const project of ['', ...projectDirs]) {
    roots.add(project);
    for (const sub of PYTHON_SOURCE_FOLDERS) roots.add(joinPath(project, sub)!);
  }
  const containing = [...foldersUp(dir)].filter(folder => roots.has(folder));
  const others = [...roots].filter(root => !isWithin(dir, root)).sort();
  return [...containing, ...others];
}
