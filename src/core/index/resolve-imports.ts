import type { LanguageId } from '../types';
import type { ImportResolution, LanguageResolver, WorkspaceConfigs } from './resolve-context';
import { loadWorkspaceConfigs } from './resolve-configs';
import { FileQuery, FileSet, dependencyKeysOf } from './resolve-file-set';
import { goResolver } from './resolve-go';
import { DependencyMemo } from './resolve-memo';
import { dirOf } from './resolve-paths';
import { pythonResolver } from './resolve-python';
import { csharpResolver, javaResolver, phpNamespaceResolver } from './resolve-qualified';
import { rustResolver } from './resolve-rust';
import { includeResolver, rubyResolver, scriptPathResolver } from './resolve-search-path';
import type { ReadWorkspaceFile } from './resolve-tsconfig';
import { scriptResolver } from './resolve-typescript';

export type { ImportResolution } from './resolve-context';

/** PHP imports are either namespaces (`App\Models\User`) or file paths (`require 'lib/x.php'`). */
const phpResolver: LanguageResolver = {
  scopeOf: dirOf,
  resolve: (context, fromFile, specifier) =>
    (specifier.includes('\\') || !/[/.]/.test(specifier) ? phpNamespaceResolver : scriptPathResolver).resolve(context, fromFile, specifier),
};

/** One row per language: how its import specifiers find workspace files. */
const RESOLVERS: Readonly<Record<LanguageId, LanguageResolver>> = {
  typescript: scriptResolver(false),
  tsx: scriptResolver(false),
  javascript: scriptResolver(true),
  python: pythonResolver,
  go: goResolver,
  java: javaResolver,
  rust: rustResolver,
  csharp: csharpResolver,
  cpp: includeResolver,
  ruby: rubyResolver,
  php: phpResolver,
  bash: scriptPathResolver,
};

/**
 * Resolves import specifiers to workspace files, for every language the index knows. Configuration
 * (tsconfig/jsconfig, package.json, pnpm-workspace.yaml, pyproject.toml, go.mod) is read once at creation;
 * the file set is kept current by `fileAdded`/`fileRemoved`, and each answer is memoised per
 * (language, importer folder, specifier) until a file it looked for or at comes or goes.
 */
export class ImportResolver {
  private readonly memo = new DependencyMemo<ImportResolution>();

  private constructor(
    readonly root: string,
    private readonly files: FileSet,
    private readonly configs: WorkspaceConfigs,
  ) {}

  /** Reads tsconfig/jsconfig files (with `extends`, comments, trailing commas), package.json files (names, exports, main/module/types, workspaces) and pnpm-workspace.yaml through `readFile` (root-relative path -> text, undefined when missing). */
  static async create(root: string, files: Iterable<string>, readFile: ReadWorkspaceFile): Promise<ImportResolver> {
    const fileSet = new FileSet(files);
    return new ImportResolver(root, fileSet, await loadWorkspaceConfigs(fileSet, readFile));
  }

  /** Synchronous and fast: called for every import of every file. */
  resolve(fromFile: string, language: LanguageId, specifier: string): ImportResolution {
    const resolver = RESOLVERS[language];
    const key = `${language}\u0000${resolver.scopeOf(fromFile)}\u0000${specifier}`;
    const known = this.memo.get(key);
    if (known) return known;
    const query = new FileQuery(this.files, new Set());
    const resolution = resolver.resolve({ files: query, configs: this.configs }, fromFile, specifier);
    this.memo.set(key, resolution, query.dependencies);
    return resolution;
  }

  fileAdded(path: string): void {
    if (this.files.add(path)) this.memo.invalidate(dependencyKeysOf(path));
  }

  fileRemoved(path: string): void {
    if (this.files.remove(path)) this.memo.invalidate(dependencyKeysOf(path));
  }
}
