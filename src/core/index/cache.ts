// Persists the index between runs so that a restart is warm: a file whose path, size and mtime are
// unchanged is taken from the cache without being read; one whose content hash is unchanged is not parsed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { assetPaths } from '../assets';
import type { IndexedFile } from '../types';
import { packReferences, unpackReferences, type PackedReferences } from './packed-references';

/** Bump when the shape of IndexedFile or the extraction changes in a way the query files do not show. */
const CACHE_FORMAT = 2;

type CachedFile = Omit<IndexedFile, 'resolvedImports'>;

/** On disk the references stay packed: V8's serializer reads typed arrays far faster than object trees. */
type StoredFile = Omit<CachedFile, 'references'> & { readonly references: PackedReferences };

interface CacheFile {
  readonly format: number;
  readonly fingerprint: string;
  readonly root: string;
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

export class IndexCache {
  private readonly file: string;

  constructor(private readonly root: string, cacheDir: string) {
    this.file = path.join(cacheDir, 'index.v8');
  }

  /** The cached files by path; empty when there is no cache, it is unreadable, or it was written by other queries. */
  load(): Map<string, CachedFile> {
    try {
      const data = v8.deserialize(fs.readFileSync(this.file)) as CacheFile;
      if (data.format !== CACHE_FORMAT || data.root !== this.root || data.fingerprint !== extractionFingerprint()) return new Map();
      return new Map(data.files.map(f => [f.path, { ...f, references: unpackReferences(f.references) }]));
    } catch {
      return new Map(); // no cache yet, or a damaged one: index cold, and overwrite it
    }
  }

  /** Writes atomically (temporary file, then rename) so a crash never leaves half a cache. */
  save(files: Iterable<IndexedFile>): void {
    const data: CacheFile = {
      format: CACHE_FORMAT,
      fingerprint: extractionFingerprint(),
      root: this.root,
      files: [...files].map(({ resolvedImports: _unused, references, ...rest }) => ({ ...rest, references: packReferences(references) })),
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, v8.serialize(data));
    fs.renameSync(temporary, this.file);
  }
}
