import { EXTERNAL, UNRESOLVED, foundOr, workspaceFile, type LanguageResolver, type ResolveContext } from './resolve-context';
import { exportTargets } from './resolve-exports';
import type { FileQuery } from './resolve-file-set';
import type { WorkspacePackage } from './resolve-packages';
import { dirOf, joinPath } from './resolve-paths';
import { matchPathPattern, nearestMappings } from './resolve-tsconfig';

/** Extensions probed after an extensionless specifier, in TypeScript's order of preference. */
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

/**
 * Output extensions and the sources they are compiled from: TypeScript reads `./a.js` in source as
 * `./a.ts`, a package's `dist/index.d.ts` stands for `src/index.ts`, and bundlers emit `.mjs`/`.cjs`
 * from plain `.ts`. Longest suffix first.
 */
const OUTPUT_TO_SOURCE: readonly (readonly [string, readonly string[]])[] = [
  ['.d.mts', ['.mts']],
  ['.d.cts', ['.cts']],
  ['.d.ts', ['.ts', '.tsx']],
  ['.mjs', ['.mts', '.d.mts', '.ts', '.tsx']],
  ['.cjs', ['.cts', '.d.cts', '.ts', '.tsx']],
  ['.jsx', ['.tsx']],
  ['.js', ['.ts', '.tsx', '.d.ts']],
];

/** Leading folders that hold build output; their sources are conventionally under `src/`. */
const BUILD_OUTPUT_DIRS: ReadonlySet<string> = new Set(['dist', 'lib', 'build', 'out', 'esm', 'cjs']);

/** The file a folder import falls back to, with script extensions. */
const INDEX_NAME = 'index';

export function scriptResolver(importerIsJavaScript: boolean): LanguageResolver {
  return {
    scopeOf: dirOf,
    resolve: (context, fromFile, specifier) => new ScriptResolution(context, importerIsJavaScript).resolve(dirOf(fromFile), specifier),
  };
}

class ScriptResolution {
  private readonly files: FileQuery;

  constructor(
    private readonly context: ResolveContext,
    /** A JavaScript importer means `./a.js` literally; a TypeScript one means `./a.ts` first. */
    private readonly exactFirst: boolean,
  ) {
    this.files = context.files;
  }

  resolve(dir: string, specifier: string) {
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      const target = joinPath(dir, specifier);
      if (target === undefined) return UNRESOLVED;
      // `.`, `..` and `./dir/` name a folder, never a sibling file called like it.
      const folderOnly = specifier === '.' || specifier === '..' || specifier.endsWith('/');
      return foundOr(folderOnly ? this.folderEntry(target) : this.fileOrFolder(target), UNRESOLVED);
    }
    if (/^[a-zA-Z][\w+.-]*:/.test(specifier)) return EXTERNAL; // node:fs, https://…, virtual:…
    const mappings = nearestMappings(this.context.configs.projectConfigs, dir);
    const match = mappings ? matchPathPattern(mappings.paths, specifier) : undefined;
    if (match && mappings?.pathsBase !== undefined) {
      for (const target of match.pattern.targets) {
        const path = joinPath(mappings.pathsBase, target.split('*').join(match.star));
        const found = path === undefined ? undefined : this.fileOrFolder(path);
        if (found) return workspaceFile(found);
      }
    }
    if (mappings?.baseUrl !== undefined) {
      const path = joinPath(mappings.baseUrl, specifier);
      const found = path === undefined ? undefined : this.fileOrFolder(path);
      if (found) return workspaceFile(found);
    }
    const { name, subpath } = splitPackageSpecifier(specifier);
    const pkg = this.context.configs.packages.named(name);
    if (pkg) return foundOr(this.packageFile(pkg, subpath), UNRESOLVED);
    // A mapping written for this very specifier (not a catch-all `*`) says it belongs to the workspace.
    return match && match.pattern.prefix + match.pattern.suffix !== '' ? UNRESOLVED : EXTERNAL;
  }

  /** A package's file for `subpath` (`.` or `./sub`): its exports map first, then its entry fields or the plain path. */
  private packageFile(pkg: WorkspacePackage, subpath: string): string | undefined {
    const targets = pkg.exports === undefined ? undefined : exportTargets(pkg.exports, subpath);
    for (const target of targets ?? []) {
      const found = this.builtOrSource(pkg.dir, target);
      if (found) return found;
    }
    // Without a usable exports entry, resolve as TypeScript's `node10` mode does: fields, then the path.
    const legacy = subpath === '.' ? [...pkg.entries, `./${INDEX_NAME}`] : [subpath];
    for (const target of legacy) {
      const found = this.builtOrSource(pkg.dir, target);
      if (found) return found;
    }
    return undefined;
  }

  /** A folder imported as a module: its package.json entry fields, then its index file. */
  private folderEntry(dir: string): string | undefined {
    const pkg = this.context.configs.packages.at(dir);
    for (const entry of pkg?.entries ?? []) {
      const found = this.builtOrSource(dir, entry);
      if (found) return found;
    }
    return this.file(joinPath(dir, INDEX_NAME)!);
  }

  /**
   * A package target that may name build output absent from the workspace (`./dist/index.js`): the path
   * itself, then with its leading output folder(s) replaced by `src`, each with source extensions.
   */
  private builtOrSource(pkgDir: string, target: string): string | undefined {
    const relative = joinPath('', target);
    if (relative === undefined || relative === '') return undefined; // outside the package, or the package itself
    const segments = relative.split('/');
    let outputDepth = 0;
    while (outputDepth < segments.length - 1 && BUILD_OUTPUT_DIRS.has(segments[outputDepth]!)) outputDepth++;
    const variants = [relative];
    if (outputDepth > 0) {
      variants.push(['src', ...segments.slice(1)].join('/'));
      if (outputDepth > 1) variants.push(['src', ...segments.slice(outputDepth)].join('/'));
    }
    for (const variant of variants) {
      const path = joinPath(pkgDir, variant);
      const found = path === undefined ? undefined : this.fileOrFolder(path);
      if (found) return found;
    }
    return undefined;
  }

  private fileOrFolder(path: string): string | undefined {
    return this.file(path) ?? this.folderEntry(path);
  }

  /** `path` as written, as an output name standing for its source, or with a script extension added. */
  private file(path: string): string | undefined {
    return this.files.firstExisting(fileCandidates(path, this.exactFirst));
  }
}

function* fileCandidates(path: string, exactFirst: boolean): Generator<string> {
  const output = OUTPUT_TO_SOURCE.find(([ext]) => path.endsWith(ext));
  if (output) {
    const stem = path.slice(0, -output[0].length);
    if (exactFirst) yield path;
    for (const ext of output[1]) yield stem + ext;
    if (!exactFirst) yield path;
  } else if (SCRIPT_EXTENSIONS.some(ext => path.endsWith(ext))) {
    yield path;
  }
  for (const ext of SCRIPT_EXTENSIONS) yield path + ext;
}

/** `@scope/pkg/sub/x` -> `@scope/pkg` and `./sub/x`; `pkg` -> `pkg` and `.`. */
function splitPackageSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const rest = parts.slice(nameLength).join('/');
  return { name: parts.slice(0, nameLength).join('/'), subpath: rest === '' ? '.' : `./${rest}` };
}
