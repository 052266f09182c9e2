// Walks the workspace and lists what may be indexed and what is skipped, and why. It reads names and
// file metadata only; content checks (binary, secrets) happen where the content is read (classifyContent).
//
// Symbolic links:
// - the link's own path is what ignore rules and default exclusions judge, and what files are listed under;
// - a link to a file is followed only when the file lies inside the workspace;
// - a link to a folder inside the workspace is walked once per real folder: real folders are walked first,
//   then links in path order, so an alias never hides the real path; a link to a folder already walked
//   (a loop, or a second alias) is skipped as 'symlink-loop';
// - a link to a file or folder outside the workspace is refused ('outside-workspace'): the workspace is what
//   the user opened, and following such links could pull in ~/.aws/credentials, a home folder or a disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiscoveredFile, SkippedFile, SkipReason } from '../types';
import { languageForPath } from '../languages';
import { MAX_PARSED_FILE_BYTES, WorkspaceFilter, type WorkspaceOptions } from './filter';
import { createLimiter, type Limiter } from './limit';
import { isInside } from './read-file';

/** File-system calls in flight at once. */
export const DEFAULT_MAX_CONCURRENT_FS_CALLS = 32;

export interface DiscoveryOptions extends WorkspaceOptions {
  signal?: AbortSignal;
  maxConcurrentFsCalls?: number;
  /** A filter the caller already holds (the index keeps one for single-file updates); loaded when absent. */
  filter?: WorkspaceFilter;
}

export interface DiscoveryResult {
  /** Sorted by path. */
  files: DiscoveredFile[];
  /** Sorted by path. A skipped folder is one entry, its path ending in `/`; its contents are not listed. */
  skipped: SkippedFile[];
  /** Ignore files that could not be read or had rejected lines (their other rules still apply). */
  ignoreFileProblems: string[];
}

export async function discoverWorkspace(options: DiscoveryOptions): Promise<DiscoveryResult> {
  throwIfAborted(options.signal);
  const filter = options.filter ?? (await WorkspaceFilter.load(options));
  const limit = createLimiter(options.maxConcurrentFsCalls ?? DEFAULT_MAX_CONCURRENT_FS_CALLS);
  const walk = new Walk(filter, await fs.promises.realpath(filter.root), limit, options.signal);
  await walk.run();
  return {
    files: walk.files.sort(byPath),
    skipped: walk.skipped.sort(byPath),
    ignoreFileProblems: [...filter.ignoreFileProblems],
  };
}

interface FolderLink {
  readonly relPath: string;
  readonly absPath: string;
  readonly realPath: string;
}

const utf8Names = new TextDecoder('utf-8', { fatal: true });

class Walk {
  readonly files: DiscoveredFile[] = [];
  readonly skipped: SkippedFile[] = [];
  /** Real path of every folder walked -> the workspace path it was walked as. */
  private readonly walkedFolders = new Map<string, string>();
  private readonly pendingLinks: FolderLink[] = [];

  constructor(
    private readonly filter: WorkspaceFilter,
    /** Links that resolve outside it are not walked. */
    private readonly rootRealPath: string,
    private readonly limit: Limiter,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async run(): Promise<void> {
    await this.walkFolder('', this.filter.root, this.rootRealPath);
    // Links last and in path order: deterministic, and a real folder always wins over its aliases.
    while (this.pendingLinks.length > 0) {
      const batch = this.pendingLinks.splice(0).sort(byRelPath);
      for (const link of batch) await this.walkLinkedFolder(link);
    }
    throwIfAborted(this.signal);
  }

  private async walkFolder(relPath: string, absPath: string, realPath: string): Promise<void> {
    this.walkedFolders.set(realPath, relPath);
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = await this.fsCall(() => fs.promises.readdir(absPath, { withFileTypes: true, encoding: 'buffer' }));
    } catch (error) {
      if (isAbort(error)) throw error;
      if (relPath === '') throw new Error(`Cannot list the workspace folder ${absPath} (${errorCode(error)}); check its permissions.`);
      this.skipForError(`${relPath}/`, error);
      return;
    }
    // Entries decided by name alone are settled here synchronously; only the rest cost a promise.
    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      const name = decodeName(entry.name);
      if (name === undefined) {
        this.skip(joinRel(relPath, entry.name.toString('utf8')), 'unreadable', 'the name is not valid UTF-8; rename it to index it');
        continue;
      }
      const childRel = joinRel(relPath, name);
      const childAbs = path.join(absPath, name);
      if (entry.isSymbolicLink()) {
        pending.push(this.visitLink(childRel, childAbs));
      } else if (entry.isDirectory()) {
        const reason = this.filter.classifyPath(childRel, true);
        if (reason) this.skip(`${childRel}/`, reason);
        else pending.push(this.walkFolder(childRel, childAbs, path.join(realPath, name)));
      } else if (entry.isFile()) {
        const reason = this.filter.classifyPath(childRel, false);
        if (reason) this.skip(childRel, reason);
        else pending.push(this.statFile(childRel, childAbs));
      } else {
        this.skipSpecialFile(childRel);
      }
    }
    await Promise.all(pending);
  }

  /** A file that classifyPath let through: lists it unless it is too large or gone. */
  private async statFile(relPath: string, absPath: string, knownStat?: fs.Stats): Promise<void> {
    let stat: fs.Stats;
    try {
      stat = knownStat ?? (await this.fsCall(() => fs.promises.stat(absPath)));
    } catch (error) {
      this.skipForError(relPath, error);
      return;
    }
    if (!stat.isFile()) {
      this.skip(relPath, 'vanished', 'it was replaced by something that is not a file while the workspace was read');
      return;
    }
    if (stat.size > this.filter.maxFileBytes) {
      const advice = this.filter.maxFileBytes < MAX_PARSED_FILE_BYTES
        ? 'raise maxFileBytes to index it'
        : 'no larger file is parsed, whatever the limit (it would cost about 150 times its size in memory)';
      this.skip(relPath, 'too-large', `${stat.size} bytes, over the limit of ${this.filter.maxFileBytes}; ${advice}`);
      return;
    }
    // classifyPath only lets through paths with a supported language.
    const language = languageForPath(relPath)!;
    this.files.push({ path: relPath, absPath, size: stat.size, mtimeMs: stat.mtimeMs, language });
  }

  private async visitLink(relPath: string, absPath: string): Promise<void> {
    let target: fs.Stats;
    try {
      target = await this.fsCall(() => fs.promises.stat(absPath));
    } catch (error) {
      if (isAbort(error)) throw error;
      const code = errorCode(error);
      const reason = this.filter.classifyPath(relPath, false);
      if (reason) this.skip(relPath, reason);
      else if (code === 'ELOOP') this.skip(relPath, 'symlink-loop', 'the link points back to itself');
      else if (code === 'ENOENT') this.skip(relPath, 'unreadable', 'the link points to nothing; fix or remove it');
      else this.skipForError(relPath, error);
      return;
    }
    if (target.isFile()) {
      const reason = this.filter.classifyPath(relPath, false);
      if (reason) this.skip(relPath, reason);
      else if ((await this.realPathInside(relPath, absPath)) !== undefined) await this.statFile(relPath, absPath, target);
      return;
    }
    if (!target.isDirectory()) {
      this.skipSpecialFile(relPath);
      return;
    }
    const reason = this.filter.classifyPath(relPath, true);
    if (reason) {
      this.skip(`${relPath}/`, reason);
      return;
    }
    const realPath = await this.realPathInside(`${relPath}/`, absPath);
    if (realPath !== undefined) this.pendingLinks.push({ relPath, absPath, realPath });
  }

  /** The link's real path when it lies inside the workspace; otherwise undefined, and the link skipped. */
  private async realPathInside(shownAs: string, absPath: string): Promise<string | undefined> {
    let realPath: string;
    try {
      realPath = await this.fsCall(() => fs.promises.realpath(absPath));
    } catch (error) {
      this.skipForError(shownAs, error);
      return undefined;
    }
    if (isInside(realPath, this.rootRealPath)) return realPath;
    this.skip(shownAs, 'outside-workspace', `the link leads outside the workspace (${realPath}); open that folder as a workspace folder to index it`);
    return undefined;
  }

  private async walkLinkedFolder(link: FolderLink): Promise<void> {
    const walkedAs = this.walkedFolders.get(link.realPath);
    if (walkedAs !== undefined) {
      this.skip(`${link.relPath}/`, 'symlink-loop', `the link leads to a folder already walked as '${walkedAs === '' ? '.' : walkedAs}'`);
      return;
    }
    await this.walkFolder(link.relPath, link.absPath, link.realPath);
  }

  /** FIFOs, sockets and devices: reading them could block forever. */
  private skipSpecialFile(relPath: string): void {
    const reason = this.filter.classifyPath(relPath, false);
    this.skip(relPath, reason ?? 'unreadable', reason ? undefined : 'not a regular file (a pipe, socket or device)');
  }

  /** Records why a path could not be read; a cancellation is not a file problem and propagates. */
  private skipForError(relPath: string, error: unknown): void {
    if (isAbort(error)) throw error;
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') this.skip(relPath, 'vanished', 'deleted or moved while the workspace was read');
    else this.skip(relPath, 'unreadable', `${code}: check its permissions`);
  }

  private skip(relPath: string, reason: SkipReason, detail?: string): void {
    this.skipped.push(detail === undefined ? { path: relPath, reason } : { path: relPath, reason, detail });
  }

  private fsCall<T>(call: () => Promise<T>): Promise<T> {
    throwIfAborted(this.signal);
    return this.limit(() => {
      throwIfAborted(this.signal);
      return call();
    });
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Workspace discovery was cancelled.', 'AbortError');
}

function decodeName(name: Buffer): string | undefined {
  try {
    return utf8Names.decode(name);
  } catch {
    return undefined;
  }
}

function joinRel(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Code-unit order: the same on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byPath(a: { path: string }, b: { path: string }): number {
  return compareStrings(a.path, b.path);
}

function byRelPath(a: FolderLink, b: FolderLink): number {
  return compareStrings(a.relPath, b.relPath);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
