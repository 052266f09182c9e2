import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export const DEFAULT_CACHE_ENTRIES = 200;

// Keys are `file \0 suffix-hash \0 prefix`: the prefix comes last so a key can be split back apart.
const SEPARATOR = '\u0000';

/** The cache key of a completion request: the file, the whole prefix, and a hash of the suffix. */
export function completionCacheKey(file: string, prefix: string, suffix: string): string {
  return `${file}${SEPARATOR}${hashOf(suffix)}${SEPARATOR}${prefix}`;
}

/** A cached completion: where it was asked (file and suffix), how long and which its prefix was. */
interface Entry {
  readonly place: string;
  readonly prefixLength: number;
  readonly prefixHash: string;
  readonly text: string;
}

/**
 * Recently shown completions, least recently used dropped first. A prefix that extends a cached prefix
 * with exactly the next characters of its completion gets the rest of that completion, so typing along
 * with a suggestion costs no request.
 *
 * The key a caller passes holds the whole prefix, but the cache keeps only its length and hash, grouped by
 * place (file and suffix): a lookup is one hash of the prefix and a look at the few completions cached at
 * that place, never a scan of every entry, and the memory held does not grow with the file.
 */
export class CompletionCache {
  private readonly entries: LRUCache<string, Entry>;
  /** The entries' keys by place: typing along only ever continues a completion asked at the same place. */
  private readonly byPlace = new Map<string, Set<string>>();

  constructor(maxEntries: number = DEFAULT_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`CompletionCache needs room for at least one entry, got ${maxEntries}.`);
    this.entries = new LRUCache({ max: maxEntries, dispose: (entry, key) => this.unlist(entry.place, key) });
  }

  get(key: string): string | undefined {
    const split = splitKey(key);
    const exact = this.entries.get(compactKey(split));
    if (exact !== undefined) return exact.text;
    return split.place === undefined ? undefined : this.typedAlong(split.place, split.prefix);
  }

  set(key: string, text: string): void {
    const split = splitKey(key);
    const compact = compactKey(split);
    const place = split.place ?? '';
    this.entries.set(compact, { place, prefixLength: split.prefix.length, prefixHash: split.prefixHash, text });
    let keys = this.byPlace.get(place);
    if (!keys) this.byPlace.set(place, (keys = new Set()));
    keys.add(compact);
  }

  /** The rest of a cached completion at this place whose first characters were typed since it was cached. */
  private typedAlong(place: string, prefix: string): string | undefined {
    for (const key of this.byPlace.get(place) ?? []) {
      const entry = this.entries.peek(key)!;
      if (entry.prefixLength >= prefix.length) continue;
      const typed = prefix.slice(entry.prefixLength);
      // The cheap test first: only a completion that starts with what was typed is worth hashing the prefix for.
      if (typed.length < entry.text.length && entry.text.startsWith(typed) && hashOf(prefix.slice(0, entry.prefixLength)) === entry.prefixHash) {
        this.entries.get(key); // now the most recently used
        return entry.text.slice(typed.length);
      }
    }
    return undefined;
  }

  private unlist(place: string, key: string): void {
    const keys = this.byPlace.get(place);
    if (!keys) return;
    keys.delete(key);
    if (keys.size === 0) this.byPlace.delete(place);
  }
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** `place` is file and suffix hash: a completion only carries over between requests that share them. A key not made by `completionCacheKey` has no place. */
function splitKey(key: string): SplitKey {
  const first = key.indexOf(SEPARATOR);
  const second = first < 0 ? -1 : key.indexOf(SEPARATOR, first + 1);
  const prefix = second < 0 ? key : key.slice(second + 1);
  return { place: second < 0 ? undefined : key.slice(0, second), prefix, prefixHash: hashOf(prefix) };
}

interface SplitKey {
  readonly place: string | undefined;
  readonly prefix: string;
  readonly prefixHash: string;
}

/** What the cache stores instead of the key: the place, and the prefix's length and hash. */
function compactKey(split: SplitKey): string {
  return `${split.place ?? ''}${SEPARATOR}${split.prefix.length}${SEPARATOR}${split.prefixHash}`;
}
