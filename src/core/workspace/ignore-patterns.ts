// Pattern translation into the one coordinate system the `ignore` package matches in: paths relative to
// a single base folder. Ignore files deeper in the tree and VS Code style exclude globs are rewritten
// into gitignore patterns relative to that base, so one matcher per folder holds every rule that
// applies there, in git's precedence order (later rules win).

/**
 * Rewrites one line of the ignore file in `folder` (relative to the base, no trailing slash, '' for the
 * base itself) so that it matches the same paths when tested relative to the base. Returns undefined for
 * blank lines and comments.
 *
 * gitignore(5): a pattern with a slash at its start or middle is anchored to its folder; one without
 * matches at any depth below it (`foo` in `a/` becomes `a/**\/foo`).
 */
export function rebaseIgnoreLine(line: string, folder: string): string | undefined {
  if (line.trim() === '' || line.startsWith('#')) return undefined;
  if (folder === '') return line;
  const negation = line.startsWith('!') ? '!' : '';
  const body = line.slice(negation.length);
  const withoutTrailingSlashes = body.trimEnd().replace(/\/+$/, '');
  if (withoutTrailingSlashes === '') return undefined; // `/` or `!` alone: matches nothing in git either
  if (body.startsWith('/')) return `${negation}${folder}${body}`;
  const anchored = withoutTrailingSlashes.includes('/');
  return `${negation}${folder}/${anchored ? '' : '**/'}${body}`;
}

/**
 * Turns VS Code `files.exclude` style globs (matched against the whole workspace-relative path, with
 * `{a,b}` alternatives) into gitignore patterns anchored at the workspace root. `*.log` therefore means
 * top-level files only, as in VS Code; write `**\/*.log` for every level.
 */
export function excludeGlobToIgnorePatterns(glob: string): string[] {
  return expandBraces(glob.trim().replace(/^\.\//, ''))
    .filter(g => g !== '')
    .map(g => {
      // A leading `!` or `#` is literal in a glob but special in gitignore.
      const literal = g.startsWith('!') || g.startsWith('#') ? `\\${g}` : g;
      return literal.includes('/') ? literal : `/${literal}`;
    });
}

/** `a/{b,c{d,e}}` -> `a/b`, `a/cd`, `a/ce`. An unbalanced brace is kept literally. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const cuts = [open];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === ',' && depth === 1) cuts.push(i);
    else if (c === '}' && --depth === 0) {
      cuts.push(i);
      const head = glob.slice(0, open);
      const tails = expandBraces(glob.slice(i + 1));
      const alternatives = cuts.slice(1).flatMap((cut, k) => expandBraces(glob.slice(cuts[k] + 1, cut)));
      return alternatives.flatMap(alt => tails.map(tail => head + alt + tail));
    }
  }
  return [glob];
}
