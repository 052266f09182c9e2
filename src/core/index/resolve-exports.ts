import { isObject } from './resolve-tsconfig';

/**
 * Conditions a workspace import may take, matched in the exports map's own key order as Node does. All
 * of them lead to files of the same package; unknown conditions (`react-server`, `worker`) are skipped.
 */
const EXPORT_CONDITIONS: ReadonlySet<string> = new Set(['source', 'types', 'import', 'require', 'module', 'node', 'default']);

/** A TypeScript source file (not a declaration file): what a workspace import should land on. */
const TYPESCRIPT_SOURCE = /(?<!\.d)\.(ts|tsx|mts|cts)$/;

/**
 * The targets (`./dist/index.js`) that a package's `exports` offers for `subpath` (`.` or `./sub`), most
 * preferred first: targets that are TypeScript sources under any condition (monorepos name such conditions
 * freely: `source`, `@zod/source`, `development`), then every accepted condition and array fallback in
 * order, so that a target missing from the workspace can give way to the next. Undefined when the map does
 * not export the subpath.
 */
export function exportTargets(exports: unknown, subpath: string): string[] | undefined {
  const map = subpathMap(exports);
  const exact = map.get(subpath);
  let value: unknown;
  let star = '';
  if (exact !== undefined && !subpath.includes('*')) value = exact;
  else {
    const match = bestPatternMatch([...map.keys()], subpath);
    if (!match) return undefined;
    value = map.get(match.key);
    star = match.star;
  }
  const sources = collectTargets(value, star, () => true).filter(target => TYPESCRIPT_SOURCE.test(target));
  return [...new Set([...sources, ...collectTargets(value, star, condition => EXPORT_CONDITIONS.has(condition))])];
}

/** `"exports": "./x.js"`, an array, or a conditions object are all shorthand for `{ ".": … }`. */
function subpathMap(exports: unknown): Map<string, unknown> {
  if (isObject(exports) && Object.keys(exports).some(k => k.startsWith('.'))) {
    return new Map(Object.entries(exports).filter(([k]) => k.startsWith('.')));
  }
  return new Map([['.', exports]]);
}

/** Node's rule: among `*` keys that match, the longest prefix wins; a legacy `./dir/` key maps a folder. */
function bestPatternMatch(keys: readonly string[], subpath: string): { key: string; star: string } | undefined {
  let best: { key: string; star: string; prefixLength: number } | undefined;
  for (const key of keys) {
    const star = key.indexOf('*');
    let candidate: { key: string; star: string; prefixLength: number } | undefined;
    if (star >= 0) {
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.length >= key.length - 1 && subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath !== prefix) {
        candidate = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length), prefixLength: prefix.length };
      }
    } else if (key.endsWith('/') && subpath.startsWith(key)) {
      candidate = { key, star: subpath.slice(key.length), prefixLength: key.length - 1 };
    }
    if (candidate && (!best || candidate.prefixLength > best.prefixLength || (candidate.prefixLength === best.prefixLength && key.length > best.key.length))) {
      best = candidate;
    }
  }
  return best && { key: best.key, star: best.star };
}

function collectTargets(value: unknown, star: string, accepts: (condition: string) => boolean): string[] {
  if (typeof value === 'string') {
    if (!value.startsWith('./')) return [];
    return [value.endsWith('/') ? value + star : value.split('*').join(star)];
  }
  if (Array.isArray(value)) return value.flatMap(v => collectTargets(v, star, accepts));
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([condition]) => accepts(condition))
      .flatMap(([, v]) => collectTargets(v, star, accepts));
  }
  return []; // null: the subpath is deliberately not exported
}
