import { EXTERNAL, UNRESOLVED, foundOr, type GoModule, type LanguageResolver } from './resolve-context';
import { joinPath } from './resolve-paths';
import { firstFileIn } from './resolve-suffix';

/**
 * `import "example.com/app/pkg/x"` under go.mod's `module example.com/app` is the folder `pkg/x` of that
 * module. A package is a folder, so it resolves to its alphabetically first non-test file.
 */
export const goResolver: LanguageResolver = {
  scopeOf: () => '', // the answer depends on go.mod files only, not on who imports
  resolve(context, _fromFile, specifier) {
    const module = context.configs.goModules.find(m => specifier === m.path || specifier.startsWith(`${m.path}/`));
    if (!module) return EXTERNAL;
    const folder = joinPath(module.dir, specifier.slice(module.path.length));
    const found = folder === undefined ? undefined : firstFileIn(context.files, folder, '.go', path => !path.endsWith('_test.go'));
    return foundOr(found, UNRESOLVED);
  },
};

/** The `module` line of a go.mod file. */
export function parseGoModule(dir: string, goMod: string): GoModule | undefined {
  const match = /^\s*module\s+"?([^\s"]+)"?/m.exec(goMod);
  return match ? { dir, path: match[1]! } : undefined;
}

