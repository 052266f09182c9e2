// Persists the index between runs so that a restart is warm: a file whose path, size and mtime are
// unchanged (and not within the racy window of the save) is taken from the cache without being read; one
// whose content hash is unchanged is not parsed. The file is checksummed: damage means a rebuild, said once.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { assetPaths } from '../assets';
import type { IndexedFile } from '../types';
import { packedReferencesOf } from './indexed-entry';
import type { PackedReferences } from './packed-references';

/** Bump when the shape of IndexedFile or the extraction changes in a way the query files do not show. */
const CACHE_FORMAT = 4;

type CachedFile = Omit<IndexedFile, 'resolvedImports'>;

/** On disk the references stay packed: V8's serializer reads typed arrays far faster than object trees. */
type StoredFile = Omit<CachedFile, 'references'> & { readonly references: PackedReferences };

interface CacheFile {
  readonly format: number;
  readonly fingerprint: string;
  readonly root: string;
  readonly writtenAtMs: number;
  readonly files: readonly StoredFile[];
}

/** Codebase Context's folder under $XDG_CACHE_HOME (or ~/.cache). */
export function cacheHome(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'codebase-context');
}

/** The default cache folder for a workspace root: one folder per root under `cacheHome()`. */
export function defaultCacheDir(root: string): string {
  const key = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(cacheHome(), key);
}

let fingerprint: string | undefined;

/** Changes whenever a query file changes, so a cache written by other queries is not trusted. */
function extractionFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha1').update(String(CACHE_FORMAT));
  const { queriesDir } = assetPaths();
  for (const language of fs.readdirSync(queriesDir).sort()) {
    const dir = path.join(queriesDir, language);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/**
 * What precedes the payload on disk: a magic string, then the SHA-256 of the payload. A flipped byte, a
 * truncated write or a foreign file fails the check and the cache is rebuilt, never used half-right.
 */
const MAGIC = Buffer.from('CBCXIDX\n', 'latin1');
const HEADER_BYTES = MAGIC.length + 32;

/**
 * The "racy git" rule: a file written within this long before the cache was saved may have been changed
 * again within the same mtime tick, or had its mtime put back by an editor or git, without its size
 * changing. Such files are hashed on the next start instead of trusted by size and mtime. (An mtime set
 * back to long before the save, by hand, is trusted at the start, like git's fast path; the background reads
 * that follow (warm-reads.ts) check every file's hash and index a changed one again.)
 */
export const RACY_WINDOW_MS = 3000;

const TEMPORARY_FILE = /^index\.v8\.(\d+)\.tmp$/;

export class IndexCache {
  private readonly file: string;
  /** When the loaded cache was written; files modified since (minus the racy window) are hashed. */
  private writtenAtMs = 0;
  private problems: string[] = [];

  constructor(private readonly root: string, private readonly cacheDir: string) {
    this.file = path.join(cacheDir, 'index.v8');
  }

  /**
   * The cached files by path; empty when there is no cache, or it is unreadable, damaged, or written by
   * another version or other queries. Anything but "no cache yet" is said once through `takeProblems`.
   */
  load(): Map<string, StoredFile> {
    this.removeStaleTemporaryFiles();
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.problem(code === 'EISDIR' ? 'is a folder; remove it so the index can be saved' : `cannot be read (${code}); check its permissions`);
      return new Map();
    }
    const data = this.decode(bytes);
    if (!data) return new Map();
    if (data.format !== CACHE_FORMAT || data.fingerprint !== extractionFingerprint()) {
      this.problem('was written by another version of Codebase Context');
      return new Map();
    }
    if (data.root !== this.root) return new Map();
    this.writtenAtMs = data.writtenAtMs;
    return new Map(data.files.map(f => [f.path, f])); // references stay packed: the index keeps them so
  }

  /** Whether size and mtime alone may vouch for a cached file: false within the racy window of the save. */
  trustsStamp(file: Pick<CachedFile, 'mtimeMs'>): boolean {
    return file.mtimeMs < this.writtenAtMs - RACY_WINDOW_MS;
  }

  /** What went wrong with the cache since the last call, each said once. */
  takeProblems(): string[] {
    const problems = this.problems;
    this.problems = [];
    return problems;
  }

  /** Writes atomically (temporary file, then rename) so a crash never leaves half a cache. */
  save(files: Iterable<IndexedFile>): void {
    const data: CacheFile = {
      format: CACHE_FORMAT,
      fingerprint: extractionFingerprint(),
      root: this.root,
      writtenAtMs: Date.now(),
      files: [...files].map(file => {
        const { resolvedImports: _unused, ...rest } = file;
        return { ...rest, references: packedReferencesOf(file) };
      }),
    };
    const payload = v8.serialize(data);
    fs.mkdirSync(this.cacheDir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, Buffer.concat([MAGIC, createHash('sha256').update(payload).digest(), payload]));
      fs.renameSync(temporary, this.file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  }

  private decode(bytes: Buffer): CacheFile | undefined {
    if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      this.problem(bytes.length < HEADER_BYTES ? 'is truncated' : 'is not an index cache (or an older format)');
      return undefined;
    }
    const payload = bytes.subarray(HEADER_BYTES);
    if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(MAGIC.length, HEADER_BYTES))) {
      this.problem('is damaged (its checksum does not match)');
      return undefined;
    }
    try {
      return v8.deserialize(payload) as CacheFile;
    } catch (error) {
      this.problem(`cannot be decoded (${(error as Error).message})`);
      return undefined;
    }
  }

  private problem(what: string): void {
    this.problems.push(`The index cache ${this.file} ${what}; the index was rebuilt from the files.`);
  }

  /** Temporary files of saves that a killed process never finished. */
  private removeStaleTemporaryFiles(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.cacheDir);
    } catch {
      return;
    }
    for (const name of names) {
      const pid = TEMPORARY_FILE.exec(name)?.[1];
      if (pid !== undefined && (Number(pid) === process.pid || !isAlive(Number(pid)))) fs.rmSync(path.join(this.cacheDir, name), { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}
