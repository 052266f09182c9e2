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
const CACHE_FORMAT = 5;

type CachedFile = Omit<IndexedFile, 'resolvedImports'>;

/** On disk the references stay packed: V8's serializer reads typed arrays far faster than object trees. */
type StoredFile = Omit<CachedFile, 'references'> & { readonly references: PackedReferences };

/** The first part of the payload; the files follow in parts of `FILES_PER_PART`. */
interface CacheHead {
  readonly format: number;
  readonly fingerprint: string;
  readonly root: string;
  readonly writtenAtMs: number;
}

/**
 * Files serialized in one part of a save, a few milliseconds of work: a large index (10,000 files, 100 MB)
 * took two seconds to serialize in one piece, and no request was answered meanwhile.
 */
const FILES_PER_PART = 64;

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
 * truncated write or a foreign file fails the check and the cache is rebuilt, never used half-right. The
 * payload is a sequence of parts, each its length (4 bytes, little-endian) and a V8 serialization: the head,
 * then the files.
 */
const MAGIC = Buffer.from('CBCXID5\n', 'latin1');
/** How every version's magic starts (the next byte names the layout: 'X' before parts): an older cache is told apart from garbage. */
const MAGIC_FAMILY = MAGIC.subarray(0, 6);
const LENGTH_BYTES = 4;
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
    const { head, files } = data;
    if (head.format !== CACHE_FORMAT || head.fingerprint !== extractionFingerprint()) {
      this.problem('was written by another version of Codebase Context');
      return new Map();
    }
    if (head.root !== this.root) return new Map();
    this.writtenAtMs = head.writtenAtMs;
    return new Map(files.map(f => [f.path, f])); // references stay packed: the index keeps them so
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

  /**
   * Writes `files` (entries are immutable: a snapshot) atomically, through a temporary file renamed at the
   * end, so a crash never leaves half a cache. One part at a time, each written before the next is made,
   * so the event loop runs between parts and the whole payload is never in memory. The caller makes one save at
   * a time: the temporary file is named after the process.
   */
  async save(files: readonly IndexedFile[]): Promise<void> {
    const head: CacheHead = { format: CACHE_FORMAT, fingerprint: extractionFingerprint(), root: this.root, writtenAtMs: Date.now() };
    await fs.promises.mkdir(this.cacheDir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.promises.open(temporary, 'w');
    try {
      const checksum = createHash('sha256');
      let at = HEADER_BYTES; // the header, which holds the checksum, is written last
      const write = async (value: unknown) => {
        const serialized = v8.serialize(value);
        const length = Buffer.alloc(LENGTH_BYTES);
        length.writeUInt32LE(serialized.length);
        for (const bytes of [length, serialized]) {
          checksum.update(bytes);
          await handle.write(bytes, 0, bytes.length, at);
          at += bytes.length;
        }
      };
      await write(head);
      for (let i = 0; i < files.length; i += FILES_PER_PART) await write(files.slice(i, i + FILES_PER_PART).map(storedFile));
      await handle.write(Buffer.concat([MAGIC, checksum.digest()]), 0, HEADER_BYTES, 0);
      await handle.close();
      await fs.promises.rename(temporary, this.file);
    } catch (error) {
      await handle.close().catch(() => undefined); // closed already, or failing with the write
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
  }

  private decode(bytes: Buffer): { head: CacheHead; files: StoredFile[] } | undefined {
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC) && bytes.subarray(0, MAGIC_FAMILY.length).equals(MAGIC_FAMILY)) {
      this.problem('was written by another version of Codebase Context');
      return undefined;
    }
    if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      this.problem(bytes.length < HEADER_BYTES ? 'is truncated' : 'is not an index cache');
      return undefined;
    }
    const payload = bytes.subarray(HEADER_BYTES);
    if (!createHash('sha256').update(payload).digest().equals(bytes.subarray(MAGIC.length, HEADER_BYTES))) {
      this.problem('is damaged (its checksum does not match)');
      return undefined;
    }
    try {
      const parts: unknown[] = [];
      for (let at = 0; at < payload.length; ) {
        const length = payload.readUInt32LE(at);
        at += LENGTH_BYTES;
        if (at + length > payload.length) throw new Error('a part runs past the end');
        parts.push(v8.deserialize(payload.subarray(at, at + length)));
        at += length;
      }
      const [head, ...files] = parts as [CacheHead, ...StoredFile[][]];
      return { head, files: files.flat() };
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

/** An entry as the cache holds it: references packed, resolution left out (it is redone at every start). */
function storedFile(file: IndexedFile): StoredFile {
  const { resolvedImports: _unused, ...rest } = file;
  return { ...rest, references: packedReferencesOf(file) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}
