import { parseJsonc } from './resolve-jsonc';
import { isObject, type ReadWorkspaceFile } from './resolve-tsconfig';

/** A package.json found in the workspace: what resolution needs from it. */
export interface WorkspacePackage {
  readonly dir: string;
  readonly name?: string;
  /** The `exports` field as written (string, array, subpath map or conditions), when present. */
  readonly exports?: unknown;
  /** `types`, `typings`, `module`, `main`, in that order of preference, those present. */
  readonly entries: readonly string[];
}

/** Entry fields in the order tried: declarations map back to sources as well as `main` does, and name them more often. */
const ENTRY_FIELDS = ['types', 'typings', 'module', 'main'] as const;

/** The package.json files of the workspace, by folder and by name. */
export class PackageIndex {
  private readonly byName = new Map<string, WorkspacePackage>();

  constructor(
    private readonly byDir: ReadonlyMap<string, WorkspacePackage>,
    workspaceMembers: ReadonlySet<string>,
  ) {
    // Two package.json files may share a name (a template, a fixture): the declared workspace member wins,
    // then the shallower folder, then the first in path order, so the choice never depends on read order.
    const ranked = [...byDir.values()].filter(p => p.name !== undefined).sort((a, b) => rank(a) - rank(b) || compare(a.dir, b.dir));
    function rank(p: WorkspacePackage): number {
      return (workspaceMembers.has(p.dir) ? 0 : 1_000_000) + (p.dir === '' ? 0 : p.dir.split('/').length);
    }
    for (const p of ranked) if (!this.byName.has(p.name!)) this.byName.set(p.name!, p);
  }

  named(name: string): WorkspacePackage | undefined {
    return this.byName.get(name);
  }

  at(dir: string): WorkspacePackage | undefined {
    return this.byDir.get(dir);
  }
}

/** Reads package.json in each folder and the workspace declarations (`workspaces`, pnpm-workspace.yaml). */
export async function loadPackages(folders: Iterable<string>, readFile: ReadWorkspaceFile): Promise<PackageIndex> {
  const folderList = [...folders];
  const byDir = new Map<string, WorkspacePackage>();
  const memberGlobs: { base: string; globs: string[] }[] = [];
  await Promise.all(
    folderList.map(async dir => {
      const json = parseJsonc((await readFile(dir === '' ? 'package.json' : `${dir}/package.json`)) ?? '');
      if (!isObject(json)) return;
      byDir.set(dir, toPackage(dir, json));
      const globs = workspaceGlobs(json.workspaces);
      if (globs.length > 0) memberGlobs.push({ base: dir, globs });
    }),
  );
  const pnpm = await readFile('pnpm-workspace.yaml');
  if (pnpm !== undefined) memberGlobs.push({ base: '', globs: pnpmPackageGlobs(pnpm) });
  const members = new Set<string>();
  for (const { base, globs } of memberGlobs) {
    const matchers = globs.map(g => ({ negated: g.startsWith('!'), regex: globToRegex(g.replace(/^!/, '')) }));
    for (const dir of byDir.keys()) {
      if (base !== '' && !dir.startsWith(base + '/')) continue;
      const relative = base === '' ? dir : dir.slice(base.length + 1);
      let member = false;
      for (const m of matchers) if (m.regex.test(relative)) member = !m.negated;
      if (member) members.add(dir);
    }
  }
  return new PackageIndex(byDir, members);
}

function toPackage(dir: string, json: Record<string, unknown>): WorkspacePackage {
  const entries = ENTRY_FIELDS.map(f => json[f]).filter((v): v is string => typeof v === 'string' && v !== '');
  return {
    dir,
    ...(typeof json.name === 'string' && json.name !== '' ? { name: json.name } : {}),
    ...(json.exports !== undefined && json.exports !== null ? { exports: json.exports } : {}),
    entries,
  };
}

function workspaceGlobs(workspaces: unknown): string[] {
  const list = isObject(workspaces) ? workspaces.packages : workspaces;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [];
}

/** The `packages:` list of pnpm-workspace.yaml; the file is simple enough not to need a YAML parser. */
function pnpmPackageGlobs(yaml: string): string[] {
  const globs: string[] = [];
  let inPackages = false;
  for (const rawLine of yaml.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+#.*$/, '');
    if (/^\S/.test(line)) {
      inPackages = /^packages\s*:/.test(line);
      continue;
    }
    const item = inPackages ? /^\s+-\s*(.+?)\s*$/.exec(line) : null;
    if (item) globs.push(item[1]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return globs;
}

/** `packages/*`, `apps/**`, `libs/{a,b}`: segments match folder names; a trailing `/` is ignored. */
function globToRegex(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (ch === '*' && clean[i + 1] === '*') {
      i++;
      if (clean[i + 1] === '/') {
        source += '(?:.*/)?';
        i++;
      } else source += '.*';
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '{') source += '(?:';
    else if (ch === '}') source += ')';
    else if (ch === ',') source += '|';
    else source += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
