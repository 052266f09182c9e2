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
  /**
   * The files whose imports used each memoised answer. When a file comes or goes, the answers that looked
   * for it are dropped, and their users are exactly the importers to resolve again: an import of a package
   * outside the workspace, which looked for no workspace file, is never among them.
   */
  private readonly users = new Map<string, Set<string>>();

  private constructor(
    readonly root: string,
    private readonly files: FileSet,
    private readonly configs: WorkspaceConfigs,
  ) {}

  /** Reads tsconfig/jsconfig files (with `extends`, comments, trailing commas), package.json files (names, exports, main/module/types, workspaces) and pnpm-workspace.yaml through `readFile` (root-relative path -> text, undefined when missing). */
  static async create(root: string, files: Iterable<string>, readFile: ReadWorkspaceFile): Promise<ImportResolver> {
    const fileSet = new FileSet(files);
    return new ImportResolver(root, fileSet, await loadWorkspaceConfigs(fileSet, readOnce(readFile)));
  }

  /** Synchronous and fast: called for every import of every file. */
  resolve(fromFile: string, language: LanguageId, specifier: string): ImportResolution {
    const resolver = RESOLVERS[language];
    const key = `${language}\u0000${resolver.scopeOf(fromFile)}\u0000${specifier}`;
    const users = this.users.get(key);
    if (users) users.add(fromFile);
    else this.users.set(key, new Set([fromFile]));
    const known = this.memo.get(key);
    if (known) return known;
    const query = new FileQuery(this.files, new Set());
    const resolution = resolver.resolve({ files: query, configs: this.configs }, fromFile, specifier);
    this.memo.set(key, resolution, query.dependencies);
    return resolution;
  }

  /** Adds a file to the set; returns the files whose imports may now resolve differently. */
  fileAdded(path: string): Set<string> {
    return this.files.add(path) ? this.usersOf(this.memo.invalidate(dependencyKeysOf(path))) : new Set();
  }

  /** Removes a file from the set; returns the files whose imports may now resolve differently. */
  fileRemoved(path: string): Set<string> {
    return this.files.remove(path) ? this.usersOf(this.memo.invalidate(dependencyKeysOf(path))) : new Set();
  }

  /** The users of dropped answers, forgotten as users: resolving again registers the files that still are. */
  private usersOf(droppedKeys: Iterable<string>): Set<string> {
    const files = new Set<string>();
    for (const key of droppedKeys) {
      for (const file of this.users.get(key) ?? []) files.add(file);
      this.users.delete(key);
    }
    return files;
  }
}

/**
 * Each config is read once per resolver build: a tsconfig an `extends` names is looked for, then loaded, and
 * several projects may extend the same base (and a broken one is reported once).
 */
function readOnce(readFile: ReadWorkspaceFile): ReadWorkspaceFile {
  const reads = new Map<string, Promise<string | undefined>>();
  return relPath => {
    let read = reads.get(relPath);
    if (!read) reads.set(relPath, (read = readFile(relPath)));
    return read;
  };
}
