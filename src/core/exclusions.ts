// The user's excludes, as data that both ranking and packing read: ranking keeps excluded files out of its
// candidates, packing keeps them out of the prompt for every strategy (the baselines know nothing of them).

/** The user's excludes: exact paths, or folders (`src/generated` or `src/generated/`) and everything under them. */
export function isExcludedBy(excluded: readonly string[] | undefined, path: string): boolean {
  if (!excluded) return false;
  return excluded.some(entry => {
    const folder = entry.endsWith('/') ? entry : `${entry}/`;
    return path === entry || path.startsWith(folder);
  });
}
