import { parseJsonc } from './resolve-jsonc';
import { dirOf, foldersUp, joinPath } from './resolve-paths';

export type ReadWorkspaceFile = (relPath: string) => Promise<string | undefined>;

/** One `paths` entry: `@app/*` is prefix `@app/`, suffix ``; an entry without `*` matches exactly. */
export interface PathPattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly wildcard: boolean;
  readonly targets: readonly string[];
}

/** What a tsconfig/jsconfig, after `extends`, says about module resolution. Folders are workspace paths. */
export interface ModuleMappings {
  readonly baseUrl?: string;
  /** The folder `paths` targets are relative to: `baseUrl` when set, else the folder of the config declaring `paths`. */
  readonly pathsBase?: string;
  readonly paths: readonly PathPattern[];
}

/** Names of the configs looked for in every folder, the first present wins (TypeScript's own order). */
const PROJECT_CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'] as const;

/** Bounds a chain of `extends` so that a cycle or a pathological chain cannot hang indexing. */
const MAX_EXTENDS_DEPTH = 16;

interface RawOptions {
  readonly baseUrl?: string;
  readonly paths?: { readonly patterns: readonly PathPattern[]; readonly declaredIn: string };
}

/** Reads the project config of each folder that has one, keyed by that folder. */
export async function loadProjectConfigs(folders: Iterable<string>, readFile: ReadWorkspaceFile): Promise<Map<string, ModuleMappings>> {
  const loader = new ConfigLoader(readFile);
  const result = new Map<string, ModuleMappings>();
  await Promise.all(
    [...folders].map(async folder => {
      for (const name of PROJECT_CONFIG_NAMES) {
        const path = folder === '' ? name : `${folder}/${name}`;
        const options = await loader.load(path, 0);
        if (!options) continue;
        result.set(folder, toMappings(options));
        return;
      }
    }),
  );
  return result;
}

/** The mappings of the nearest config at or above `dir`. */
export function nearestMappings(configs: ReadonlyMap<string, ModuleMappings>, dir: string): ModuleMappings | undefined {
  for (const folder of foldersUp(dir)) {
    const found = configs.get(folder);
    if (found) return found;
  }
  return undefined;
}

/** TypeScript's rule: an exact key wins, else the wildcard pattern with the longest prefix. */
export function matchPathPattern(patterns: readonly PathPattern[], specifier: string): { pattern: PathPattern; star: string } | undefined {
  let best: { pattern: PathPattern; star: string } | undefined;
  for (const pattern of patterns) {
    if (!pattern.wildcard) {
      if (pattern.prefix === specifier) return { pattern, star: '' };
      continue;
    }
    const fits = specifier.length >= pattern.prefix.length + pattern.suffix.length && specifier.startsWith(pattern.prefix) && specifier.endsWith(pattern.suffix);
    if (fits && (!best || pattern.prefix.length > best.pattern.prefix.length)) {
      best = { pattern, star: specifier.slice(pattern.prefix.length, specifier.length - pattern.suffix.length) };
    }
  }
  return best;
}

function toMappings(options: RawOptions): ModuleMappings {
  const pathsBase = options.baseUrl ?? options.paths?.declaredIn;
  return {
    ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    ...(pathsBase !== undefined ? { pathsBase } : {}),
    paths: options.paths?.patterns ?? [],
  };
}

/** Loads configs once each (several folders may extend the same base) and merges `extends` chains. */
class ConfigLoader {
  private readonly loaded = new Map<string, Promise<RawOptions | undefined>>();

  constructor(private readonly readFile: ReadWorkspaceFile) {}

  load(path: string, depth: number): Promise<RawOptions | undefined> {
    let pending = this.loaded.get(path);
    if (!pending) {
      pending = this.read(path, depth);
      this.loaded.set(path, pending);
    }
    return pending;
  }

  private async read(path: string, depth: number): Promise<RawOptions | undefined> {
    const text = await this.readFile(path);
    if (text === undefined) return undefined;
    const json = parseJsonc(text);
    if (!isObject(json)) return {};
    const dir = dirOf(path);
    let merged: RawOptions = {};
    if (depth < MAX_EXTENDS_DEPTH) {
      for (const base of extendsList(json.extends)) {
        const basePath = await this.findBase(dir, base);
        const baseOptions = basePath === undefined ? undefined : await this.load(basePath, depth + 1);
        if (baseOptions) merged = { ...merged, ...baseOptions };
      }
    }
    return { ...merged, ...ownOptions(json.compilerOptions, dir) };
  }

  /** A relative `extends` is a file path (`.json` optional); a bare one is a package under node_modules. */
  private async findBase(dir: string, base: string): Promise<string | undefined> {
    const withJson = base.endsWith('.json') ? [base] : [base, `${base}.json`, `${base}/tsconfig.json`];
    if (base.startsWith('.')) {
      for (const candidate of withJson) {
        const path = joinPath(dir, candidate);
        if (path !== undefined && (await this.readFile(path)) !== undefined) return path;
      }
      return undefined;
    }
    for (const folder of foldersUp(dir)) {
      for (const candidate of withJson) {
        const path = joinPath(folder, `node_modules/${candidate}`);
        if (path !== undefined && (await this.readFile(path)) !== undefined) return path;
      }
    }
    return undefined;
  }
}

function extendsList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function ownOptions(compilerOptions: unknown, dir: string): RawOptions {
  if (!isObject(compilerOptions)) return {};
  const options: { baseUrl?: string; paths?: RawOptions['paths'] } = {};
  if (typeof compilerOptions.baseUrl === 'string') {
    const baseUrl = joinPath(dir, compilerOptions.baseUrl);
    if (baseUrl !== undefined) options.baseUrl = baseUrl;
  }
  if (isObject(compilerOptions.paths)) {
    const patterns: PathPattern[] = [];
    for (const [key, value] of Object.entries(compilerOptions.paths)) {
      const targets = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
      const star = key.indexOf('*');
      patterns.push(
        star < 0
          ? { prefix: key, suffix: '', wildcard: false, targets }
          : { prefix: key.slice(0, star), suffix: key.slice(star + 1), wildcard: true, targets },
      );
    }
    options.paths = { patterns, declaredIn: dir };
  }
  return options;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
