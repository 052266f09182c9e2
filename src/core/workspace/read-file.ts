// The one way the engine reads a file of the workspace: source files, configuration (tsconfig.json,
// package.json, go.mod, …) and ignore files alike. It opens only regular files, never blocking (a FIFO
// named `tsconfig.json` would otherwise hang the reading thread forever), only inside the workspace once
// symbolic links are resolved, and never more than the size limit, even for a file that grows meanwhile.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkipReason } from '../types';

export interface ReadLimits {
  /** When given, the file's real path must lie inside this folder's real path. */
  readonly root?: string;
  /** Larger files are refused as 'too-large'. */
  readonly maxBytes: number;
}

export type ReadRefusal = 'missing' | 'not-a-file' | 'outside-workspace' | 'too-large' | 'unreadable';

export type ReadResult =
  | { readonly ok: true; readonly bytes: Buffer; readonly size: number; readonly mtimeMs: number }
  | { readonly ok: false; readonly refusal: ReadRefusal; readonly detail: string };

/** Configuration and ignore files are small; a larger one is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1_000_000;

const NON_BLOCKING_READ = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

const realRoots = new Map<string, string>();

/** Synchronous: for the index worker, configs and ignore files, which read small files one at a time. */
export function readWorkspaceFile(absPath: string, limits: ReadLimits): ReadResult {
  try {
    const target = limits.root === undefined ? absPath : fs.realpathSync(absPath);
    const outside = outsideRefusal(target, limits);
    if (outside) return outside;
    const fd = fs.openSync(target, NON_BLOCKING_READ);
    try {
      const stat = fs.fstatSync(fd);
      return statRefusal(stat, limits) ?? readResult(readAtMost(fd, stat.size, limits.maxBytes + 1), stat, limits);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    return errorRefusal(error);
  }
}

/** Asynchronous, the same checks: for background loads that must leave the event loop free. */
export async function readWorkspaceFileAsync(absPath: string, limits: ReadLimits): Promise<ReadResult> {
  try {
    const target = limits.root === undefined ? absPath : await fs.promises.realpath(absPath);
    const outside = outsideRefusal(target, limits);
    if (outside) return outside;
    const handle = await fs.promises.open(target, NON_BLOCKING_READ);
    try {
      const stat = await handle.stat();
      const refusal = statRefusal(stat, limits);
      if (refusal) return refusal;
      // One read: a file growing meanwhile shows one byte past its size (the watcher reads it again).
      const buffer = Buffer.allocUnsafe(Math.min(stat.size, limits.maxBytes) + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return readResult(buffer.subarray(0, bytesRead), stat, limits);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return errorRefusal(error);
  }
}

function outsideRefusal(target: string, limits: ReadLimits): ReadResult | undefined {
  if (limits.root === undefined || isInside(target, realRootOf(limits.root))) return undefined;
  return refuse('outside-workspace', `it leads outside the workspace (${target})`);
}

function statRefusal(stat: fs.Stats, limits: ReadLimits): ReadResult | undefined {
  if (!stat.isFile()) return refuse('not-a-file', 'not a regular file (a folder, pipe, socket or device)');
  if (stat.size > limits.maxBytes) return refuse('too-large', `${stat.size} bytes, over the limit of ${limits.maxBytes}`);
  return undefined;
}

/** The bytes read, unless the file grew past the limit since it was opened (they hold one byte more). */
function readResult(bytes: Buffer, stat: fs.Stats, limits: ReadLimits): ReadResult {
  if (bytes.length > limits.maxBytes) return refuse('too-large', `it grew over the limit of ${limits.maxBytes} bytes while it was read`);
  return { ok: true, bytes, size: bytes.length, mtimeMs: stat.mtimeMs };
}

function errorRefusal(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('missing', 'it does not exist (deleted or moved)');
  if (code === 'ELOOP') return refuse('unreadable', 'a symbolic link loop');
  if (code === 'EISDIR') return refuse('not-a-file', 'a folder');
  return refuse('unreadable', `${code ?? String(error)}: check its permissions`);
}

/** The file's text (UTF-8, byte order mark dropped), or undefined with `onProblem` told why, unless it is simply absent. */
export function readConfigText(absPath: string, root: string | undefined, onProblem?: (detail: string) => void): string | undefined {
  const read = readWorkspaceFile(absPath, { root, maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (read.refusal !== 'missing') onProblem?.(read.detail);
  return undefined;
}

export function isInside(candidate: string, folder: string): boolean {
  return candidate === folder || candidate.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = fs.realpathSync(root);
    realRoots.set(root, real);
  }
  return real;
}

/** Reads up to `limit` bytes, however large the file has become since it was opened. */
function readAtMost(fd: number, expected: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    // The size fstat gave, plus one byte to notice growth; then megabytes while it keeps growing.
    const chunk = Buffer.allocUnsafe(Math.min(limit - total, total === 0 ? expected + 1 : 1 << 20));
    const read = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    total += read;
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** How the index reports a file it could not read. */
export function skipReasonFor(refusal: ReadRefusal): SkipReason {
  switch (refusal) {
    case 'missing':
      return 'vanished';
    case 'outside-workspace':
      return 'outside-workspace';
    case 'too-large':
      return 'too-large';
    case 'not-a-file':
    case 'unreadable':
      return 'unreadable';
  }
}

function refuse(refusal: ReadRefusal, detail: string): ReadResult {
  return { ok: false, refusal, detail };
}
