import { createHash } from 'node:crypto';

export const DEFAULT_CACHE_ENTRIES = 200;

// Keys are `file \0 suffix-hash \0 prefix`: the prefix comes last so a key can be split back apart.
const SEPARATOR = '\u0000';

/** The cache key of a completion request: the file, the whole prefix, and a hash of the suffix. */
export function completionCacheKey(file: string, prefix: string, suffix: string): string {
  const suffixHash = createHash('sha1').update(suffix).digest('hex');
  return `${file}${SEPARATOR}${suffixHash}${SEPARATOR}${prefix}`;
}

/**
 * Recently shown completions, least recently used dropped first. A prefix that extends a cached prefix
 * with exactly the next characters of its completion gets the rest of that completion, so typing along
 * with a suggestion costs no request.
 */
export class CompletionCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries: number = DEFAULT_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`CompletionCache needs room for at least one entry, got ${maxEntries}.`);
  }

  get(key: string): string | undefined {
    const exact = this.entries.get(key);
    if (exact !== undefined) {
      this.touch(key, exact);
      return exact;
    }
    return this.typedAlong(key);
  }

  set(key: string, text: string): void {
    this.touch(key, text);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The rest of a cached completion whose first characters were typed since it was cached. */
  private typedAlong(key: string): string | undefined {
    const split = splitKey(key);
    if (!split) return undefined;
    for (const [cachedKey, text] of this.entries) {
      const cached = splitKey(cachedKey);
      if (!cached || cached.place !== split.place || cached.prefix.length >= split.prefix.length) continue;
      const typed = split.prefix.slice(cached.prefix.length);
      if (typed.length < text.length && text.startsWith(typed) && split.prefix.startsWith(cached.prefix)) {
        this.touch(cachedKey, text);
        return text.slice(typed.length);
      }
    }
    return undefined;
  }

  private touch(key: string, text: string): void {
    this.entries.delete(key);
    this.entries.set(key, text);
  }
}

/** `place` is file and suffix hash: a completion only carries over between requests that share them. */
function splitKey(key: string): { place: string; prefix: string } | undefined {
  const second = key.indexOf(SEPARATOR, key.indexOf(SEPARATOR) + 1);
  return key.indexOf(SEPARATOR) < 0 || second < 0 ? undefined : { place: key.slice(0, second), prefix: key.slice(second + 1) };
}
