// Decides from a path alone whether it may be indexed. The order of the checks is the order of the
// reasons a user should hear: a secret is reported as a secret even when it is also gitignored, and
// "unsupported language" only when nothing more telling applies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkipReason } from '../types';
import { languageForPath } from '../languages';
import { defaultExclusionReason, secretNameReason } from './default-rules';
import { IgnoreFileRules } from './ignore-files';
import { excludeGlobToIgnorePatterns } from './ignore-patterns';

export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/**
 * The most a file may be, whatever limit the caller sets: parsing and extraction cost about 150 times a
 * file's size in memory (measured on ordinary JavaScript: 1.9 MB peaked at 0.4 GB in the main thread and
 * 0.3 GB in the worker, 5 MB at 0.9 GB and 0.7 GB, 20 MB at 3 GB each), so a raised limit stops here.
 */
export const MAX_PARSED_FILE_BYTES = 2_000_000;

export interface WorkspaceOptions {
  /** The workspace folder. */
  root: string;
  /** VS Code `files.exclude` style globs relative to the root (`**\/*.gen.ts`, `out/**`). */
  excludeGlobs?: readonly string[];
  /** Larger files are skipped as 'too-large'. Default DEFAULT_MAX_FILE_BYTES; at most MAX_PARSED_FILE_BYTES. */
  maxFileBytes?: number;
}

/** Git matches case-insensitively where the file system usually does. */
const CASE_INSENSITIVE_FILE_SYSTEM = process.platform === 'win32' || process.platform === 'darwin';

export class WorkspaceFilter {
  /** Verdicts on folders, so a path's ancestors are judged once however many files they hold. */
  private readonly folderVerdicts = new Map<string, SkipReason | undefined>();

  private constructor(
    /** Absolute, resolved. */
    readonly root: string,
    readonly maxFileBytes: number,
    private readonly ignoreFiles: IgnoreFileRules,
    /** Undefined when the caller gave none: saves a lookup per path. */
    private readonly excludeGlobs: Ignore | undefined,
  ) {}

  static async load(options: WorkspaceOptions): Promise<WorkspaceFilter> {
    const root = path.resolve(options.root);
    const stat = await fs.promises.stat(root).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Workspace folder ${root} cannot be opened (${error.code ?? error.message}); check the path and its permissions.`);
    });
    if (!stat.isDirectory()) throw new Error(`Workspace root ${root} is not a folder; open the folder that contains it.`);
    const globPatterns = (options.excludeGlobs ?? []).flatMap(excludeGlobToIgnorePatterns);
    const excludeGlobs = globPatterns.length === 0 ? undefined : ignore({ ignorecase: CASE_INSENSITIVE_FILE_SYSTEM }).add(globPatterns);
    const maxFileBytes = Math.min(options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, MAX_PARSED_FILE_BYTES);
    return new WorkspaceFilter(root, maxFileBytes, new IgnoreFileRules(root, CASE_INSENSITIVE_FILE_SYSTEM), excludeGlobs);
  }

  /**
   * Why a path (relative to root, forward slashes) must not be indexed, or undefined if it may be.
   * Consults ignore files of every ancestor folder (loaded lazily, cached). A path inside a skipped folder
   * gets the folder's reason.
   */
  classifyPath(relPath: string, isDirectory: boolean): SkipReason | undefined {
    if (relPath === '') return undefined; // the root itself
    const slash = relPath.lastIndexOf('/');
    const inherited = slash < 0 ? undefined : this.classifyFolder(relPath.slice(0, slash));
    if (inherited) return inherited;
    return isDirectory ? this.classifyFolder(relPath) : this.classifyOwnName(relPath, false);
  }

  /** Forget cached ignore rules (an ignore file changed). */
  invalidate(): void {
    this.folderVerdicts.clear();
    this.ignoreFiles.clear();
  }

  /** Ignore files that were unreadable or had rejected lines since the last invalidate(): shown to the user, never fatal. */
  get ignoreFileProblems(): readonly string[] {
    return this.ignoreFiles.problems;
  }

  private classifyFolder(relPath: string): SkipReason | undefined {
    if (this.folderVerdicts.has(relPath)) return this.folderVerdicts.get(relPath);
    const slash = relPath.lastIndexOf('/');
    const reason = (slash < 0 ? undefined : this.classifyFolder(relPath.slice(0, slash))) ?? this.classifyOwnName(relPath, true);
    this.folderVerdicts.set(relPath, reason);
    return reason;
  }

  /** The path's own verdict, its ancestors already cleared. */
  private classifyOwnName(relPath: string, isDirectory: boolean): SkipReason | undefined {
    const secret = secretNameReason(relPath, isDirectory);
    if (secret) return secret;
    if (this.excludeGlobs?.ignores(isDirectory ? `${relPath}/` : relPath)) return 'ignored';
    const verdict = this.ignoreFiles.test(relPath, isDirectory);
    if (verdict.ignored) return 'ignored';
    const byDefault = verdict.explicitlyIncluded ? undefined : defaultExclusionReason(relPath, isDirectory);
    if (byDefault) return byDefault;
    if (!isDirectory && languageForPath(relPath) === undefined) return 'unsupported-language';
    return undefined;
  }
}
