/**
 * In how many files each code token occurs, kept in step with the index file by file by the ranking
 * state. The lexical signal uses it to query with the rare, telling tokens near the cursor only: common
 * ones (`string`, `schema`, the project's own name) cost the most to score and tell the least.
 */
export class TokenRarity {
  private readonly documentFrequency = new Map<string, number>();
  private files = 0;

  get fileCount(): number {
    return this.files;
  }

  /** Files containing the token (0 for a token no indexed file has). */
  filesWith(token: string): number {
    return this.documentFrequency.get(token) ?? 0;
  }

  /**
   * A file's distinct tokens went from `before` to `after` (undefined: the file was not, or is no longer,
   * indexed); only the difference is counted. The caller keeps the sets (the chunk index has them), so no
   * token set is stored twice.
   */
  replaceFile(before: ReadonlySet<string> | undefined, after: ReadonlySet<string> | undefined): void {
    for (const token of before ?? []) {
      if (after?.has(token)) continue;
      const count = this.documentFrequency.get(token)! - 1;
      if (count === 0) this.documentFrequency.delete(token);
      else this.documentFrequency.set(token, count);
    }
    for (const token of after ?? []) if (!before?.has(token)) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
    this.files += Number(after !== undefined) - Number(before !== undefined);
  }

  /**
   * The `limit` rarest distinct tokens of `tokens` that occur in at most `maxFileShare` of the files
   * (and in at least one: a token nowhere else matches nothing), rarest first, then in query order.
   */
  rarest(tokens: readonly string[], limit: number, maxFileShare: number): string[] {
    const ceiling = Math.max(1, Math.floor(this.files * maxFileShare));
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
  tables(): { readonly files: number; readonly documentFrequency: Record<string, number> } {
    return { files: this.files, documentFrequency: Object.fromEntries([...this.documentFrequency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
  }
}
