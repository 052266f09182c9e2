// The rules of the ignore files on disk: `.git/info/exclude`, and `.gitignore` and
// `.codebasecontextignore` in every folder from the repository root down. Each folder gets one matcher
// holding its ancestors' rules followed by its own, rebased to the repository root, so git's precedence
// (deeper files and later lines win, `.git/info/exclude` lowest) is simply the order of the rules.
// Files are read lazily, on the first question about a folder, and cached until `clear()`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { rebaseIgnoreLine } from './ignore-patterns';
import { readConfigText } from './read-file';

/** Read in this order in each folder: the project's own file wins over `.gitignore`. */
export const IGNORE_FILE_NAMES: readonly string[] = ['.gitignore', '.codebasecontextignore'];

export interface IgnoreVerdict {
  /** A rule (or one on a parent folder) excludes the path. */
  readonly ignored: boolean;
  /** A negation (`!path`) names the path itself: the user explicitly wants it. */
  readonly explicitlyIncluded: boolean;
}

interface Repository {
  /** The folder holding `.git`, or the workspace root when there is none above it. */
  readonly top: string;
  /** The workspace root relative to `top`, with a trailing slash ('' when they are the same). */
  readonly rootPrefix: string;
  readonly infoExclude?: string;
}

export class IgnoreFileRules {
  private readonly repository: Repository;
  /** Keyed by folder relative to the workspace root ('' = the root). */
  private readonly matchers = new Map<string, Ignore>();
  private readonly loadProblems: string[] = [];

  constructor(private readonly root: string, private readonly ignoreCase: boolean) {
    this.repository = findRepository(root);
  }

  /** Ignore files that could not be read or had lines the matcher rejected: what was skipped, and why. */
  get problems(): readonly string[] {
    return this.loadProblems;
  }

  /** `relPath` is relative to the workspace root, with forward slashes. */
  test(relPath: string, isDirectory: boolean): IgnoreVerdict {
    const slash = relPath.lastIndexOf('/');
    const matcher = this.matcherFor(slash < 0 ? '' : relPath.slice(0, slash));
    const result = matcher.test(this.repository.rootPrefix + relPath + (isDirectory ? '/' : ''));
    return { ignored: result.ignored, explicitlyIncluded: result.unignored };
  }

  clear(): void {
    this.matchers.clear();
    this.loadProblems.length = 0;
  }

  private matcherFor(folder: string): Ignore {
    const cached = this.matchers.get(folder);
    if (cached) return cached;
    const parent = folder === '' ? this.rootBaseMatcher() : this.matcherFor(parentFolder(folder));
    const own = this.patternsIn(path.join(this.root, folder), (this.repository.rootPrefix + folder).replace(/\/$/, ''));
    const matcher = own.length === 0 ? parent : this.extend(parent, own);
    this.matchers.set(folder, matcher);
    return matcher;
  }

  /** The rules that apply before the root's own files: `.git/info/exclude` and folders above the root. */
  private rootBaseMatcher(): Ignore {
    const { top, rootPrefix, infoExclude } = this.repository;
    const patterns = infoExclude ? this.linesOf(infoExclude, '', '.git/info/exclude') : [];
    const above = rootPrefix === '' ? [] : rootPrefix.slice(0, -1).split('/');
    for (let depth = 0; depth < above.length; depth++) {
      const folder = above.slice(0, depth).join('/');
      patterns.push(...this.patternsIn(path.join(top, folder), folder));
    }
    const base = this.extend(ignore({ ignorecase: this.ignoreCase }), patterns);
    // A workspace folder that the repository above ignores (a vendored or cached tree) was opened on
    // purpose: the rules above it would hide all of it, so they do not apply.
    if (rootPrefix !== '' && base.ignores(rootPrefix)) return ignore({ ignorecase: this.ignoreCase });
    return base;
  }

  /** The rebased patterns of the ignore files in `absFolder`, whose path relative to the repository top is `folder` ('' = the top). */
  private patternsIn(absFolder: string, folder: string): string[] {
    return IGNORE_FILE_NAMES.flatMap(name =>
      this.linesOf(path.join(absFolder, name), folder, folder === '' ? name : `${folder}/${name}`),
    );
  }

  private linesOf(file: string, folder: string, shownAs: string): string[] {
    // Ignore files above the workspace root count too (git's precedence), so no root check here.
    const text = readConfigText(file, undefined, problem => {
      this.loadProblems.push(`${shownAs} could not be read (${problem}); its rules are not applied. Make it a readable text file.`);
    });
    if (text === undefined) return [];
    return text
      .split(/\r?\n/)
      .flatMap(line => rebaseIgnoreLine(line, folder) ?? []);
  }

  /** A new matcher with `parent`'s rules followed by `patterns`; a pattern the matcher rejects is skipped, not fatal. */
  private extend(parent: Ignore, patterns: readonly string[]): Ignore {
    const matcher = ignore({ ignorecase: this.ignoreCase }).add(parent);
    for (const pattern of patterns) {
      try {
        matcher.add(pattern);
      } catch (error) {
        this.loadProblems.push(`Ignore pattern '${pattern}' was skipped: ${(error as Error).message}`);
      }
    }
    return matcher;
  }
}

function parentFolder(folder: string): string {
  const slash = folder.lastIndexOf('/');
  return slash < 0 ? '' : folder.slice(0, slash);
}

/**
 * The git repository the root belongs to, so that `.gitignore` files above an opened subfolder and
 * `.git/info/exclude` apply as git applies them. `.git` may be a folder or, in worktrees and submodules,
 * a file naming the real git folder.
 */
function findRepository(root: string): Repository {
  for (let dir = root; ; dir = path.dirname(dir)) {
    const gitDir = resolveGitDir(path.join(dir, '.git'));
    if (gitDir !== undefined) {
      const relative = path.relative(dir, root).split(path.sep).join('/');
      return { top: dir, rootPrefix: relative === '' ? '' : `${relative}/`, infoExclude: path.join(gitDir, 'info', 'exclude') };
    }
    if (path.dirname(dir) === dir) return { top: root, rootPrefix: '' };
  }
}

/** The folder holding info/exclude for a `.git` entry, or undefined when there is no `.git` here. */
function resolveGitDir(dotGit: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dotGit);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return dotGit;
  // Read safely: a `.git` that is a FIFO must not hang the walk.
  const target = /^gitdir:\s*(.+?)\s*$/m.exec(readConfigText(dotGit, undefined) ?? '')?.[1];
  if (target === undefined) return undefined;
  const gitDir = path.resolve(path.dirname(dotGit), target);
  // A linked worktree keeps info/exclude in the common git folder.
  const common = readConfigText(path.join(gitDir, 'commondir'), undefined);
  return common === undefined ? gitDir : path.resolve(gitDir, common.trim());
}
