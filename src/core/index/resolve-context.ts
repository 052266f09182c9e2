import type { FileQuery } from './resolve-file-set';
import type { PackageIndex } from './resolve-packages';
import type { ModuleMappings } from './resolve-tsconfig';

/** Where an import leads: a workspace file, something outside the workspace, or nothing we can find. */
export type ImportResolution = { kind: 'workspace'; path: string } | { kind: 'external' } | { kind: 'unresolved' };

export const EXTERNAL: ImportResolution = Object.freeze({ kind: 'external' });
export const UNRESOLVED: ImportResolution = Object.freeze({ kind: 'unresolved' });

export function workspaceFile(path: string): ImportResolution {
  return { kind: 'workspace', path };
}

/** A workspace file when found, else the given fallback. */
export function foundOr(path: string | undefined, fallback: ImportResolution): ImportResolution {
  return path === undefined ? fallback : workspaceFile(path);
}

export interface GoModule {
  /** Folder holding go.mod. */
  readonly dir: string;
  /** Its `module` path, e.g. `example.com/app`. */
  readonly path: string;
}

/** The build and package configuration read once when the resolver is created. */
export interface WorkspaceConfigs {
  /** tsconfig/jsconfig mappings keyed by the folder holding the config. */
  readonly projectConfigs: ReadonlyMap<string, ModuleMappings>;
  readonly packages: PackageIndex;
  /** Folders holding pyproject.toml or setup.cfg (setup.py is a source file and is found in the file set). */
  readonly pythonProjectDirs: readonly string[];
  /** Longest module path first, so nested modules win. */
  readonly goModules: readonly GoModule[];
}

export interface ResolveContext {
  readonly files: FileQuery;
  readonly configs: WorkspaceConfigs;
}

/** How one language turns a specifier into a file: one row of the resolver table. */
export interface LanguageResolver {
  /**
   * The part of the importing file's location the answer depends on (usually its folder): resolutions
   * are memoised per (language, scope, specifier).
   */
  scopeOf(fromFile: string): string;
  resolve(context: ResolveContext, fromFile: string, specifier: string): ImportResolution;
}
