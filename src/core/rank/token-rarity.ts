import type { IndexView } from '../index/view';
import { codeTokens } from './lexical';

interface FileTokens {
  readonly hash: string;
  readonly tokens: ReadonlySet<string>;
}

/**
 * In how many files each code token occurs, kept in step with the index file by file (by content hash).
 * The lexical signal uses it to query with the rare, telling tokens near the cursor only: common ones
 * (`string`, `schema`, the project's own name) cost the most to score and tell the least.
 */
export class TokenRarity {
  private readonly files = new Map<string, FileTokens>();
  private readonly documentFrequency = new Map<string, number>();
  /** The index generation the counts reflect: while it holds, there is nothing to sync. */
  private syncedGeneration = -1;

  private constructor(private readonly index: IndexView) {}

  private static readonly byIndex = new WeakMap<IndexView, TokenRarity>();

  /**
   * The rarity table of `index`, brought up to date. A changed hash of `editedFile` (the file being typed
   * in, re-indexed on every change) does not re-tokenize it once known: a few changed lines barely move a
   * token's file count, and re-reading a large file per keystroke would cost more than the whole ranking.
   */
  static forIndex(index: IndexView, editedFile?: string): TokenRarity {
    let rarity = TokenRarity.byIndex.get(index);
    if (!rarity) TokenRarity.byIndex.set(index, (rarity = new TokenRarity(index)));
    rarity.sync(editedFile);
    return rarity;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Files containing the token (0 for a token no indexed file has). */
  filesWith(token: string): number {
    return this.documentFrequency.get(token) ?? 0;
  }

  /**
   * The `limit` rarest distinct tokens of `tokens` that occur in at most `maxFileShare` of the files
   * (and in at least one: a token nowhere else matches nothing), rarest first, then in query order.
   */
  rarest(tokens: readonly string[], limit: number, maxFileShare: number): string[] {
    const ceiling = Math.max(1, Math.floor(this.files.size * maxFileShare));
    const distinct = [...new Set(tokens)].filter(t => {
      const count = this.filesWith(t);
      return count > 0 && count <= ceiling;
    });
    return distinct
      .map((token, order) => ({ token, order, count: this.filesWith(token) }))
      .sort((a, b) => a.count - b.count || a.order - b.order)
      .slice(0, limit)
      .map(entry => entry.token);
  }

  private sync(editedFile: string | undefined): void {
    if (this.index.generation === this.syncedGeneration) return;
    this.syncedGeneration = this.index.generation;
    const seen = new Set<string>();
    for (const file of this.index.files()) {
      seen.add(file.path);
      const known = this.files.get(file.path);
      if (known && (known.hash === file.hash || file.path === editedFile)) continue;
      this.forget(file.path);
      const text = this.index.text(file.path);
      if (text === undefined) continue;
      const tokens = new Set(codeTokens(text));
      for (const token of tokens) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
      this.files.set(file.path, { hash: file.hash, tokens });
    }
    for (const path of [...this.files.keys()]) if (!seen.has(path)) this.forget(path);
  }

  private forget(path: string): void {
    const entry = this.files.get(path);
    if (!entry) return;
    for (const token of entry.tokens) {
      const count = (this.documentFrequency.get(token) ?? 1) - 1;
      if (count === 0) this.documentFrequency.delete(token);
      else this.documentFrequency.set(token, count);
    }
    this.files.delete(path);
  }
}
