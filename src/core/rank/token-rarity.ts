/**
 * In how many files each code token occurs, kept in step with the index file by file by the ranking
 * state. The lexical signal uses it to query with the rare, telling tokens near the cursor only: common
 * ones (`string`, `schema`, the project's own name) cost the most to score and tell the least.
 */
export class TokenRarity {
  private readonly files = new Map<string, ReadonlySet<string>>();
  private readonly documentFrequency = new Map<string, number>();

  get fileCount(): number {
    return this.files.size;
  }

  /** Files containing the token (0 for a token no indexed file has). */
  filesWith(token: string): number {
    return this.documentFrequency.get(token) ?? 0;
  }

  /** Puts the file's distinct tokens in place of its old ones (undefined: the file left the index); only the difference is counted. */
  replaceFile(path: string, tokens: ReadonlySet<string> | undefined): void {
    const old = this.files.get(path);
    for (const token of old ?? []) {
      if (tokens?.has(token)) continue;
      const count = this.documentFrequency.get(token)! - 1;
      if (count === 0) this.documentFrequency.delete(token);
      else this.documentFrequency.set(token, count);
    }
    for (const token of tokens ?? []) if (!old?.has(token)) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
    if (tokens) this.files.set(path, tokens);
    else this.files.delete(path);
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

  /** A canonical copy of the counts, for comparing a maintained table with a fresh one. */
  tables(): Record<string, number> {
    return Object.fromEntries([...this.documentFrequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
