// Benchmark corpora: real TypeScript projects fetched as pinned npm packages (`npm pack`), real Python
// packages from Debian (`python3-*`, installed with apt-get when missing), both copied into a cache, or any
// directory the user points at. Shared by the index and the context benchmarks; the sets are in sets.ts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheHome } from '../src/core/index/cache';
import { corpusSources } from './ground-truth';
import { ALL_CORPORA } from './sets';

/**
 * The four TypeScript libraries the other benchmarks (index, latency, secrets) run on by default. The
 * context benchmark runs on the tuning and test sets of sets.ts instead.
 */
export const DEFAULT_CORPORA = ['zod@4.6.7', 'rxjs@7.8.2', '@trpc/server@11.25.2', 'mobx@7.1.3'] as const;

/** Where Debian installs Python 3 packages. */
const DEBIAN_PYTHON = '/usr/lib/python3/dist-packages';

/** Outside the repository, so that its .gitignore does not hide the corpora from the index. */
const CORPUS_CACHE = path.join(cacheHome(), 'corpora');

/**
 * What the benchmarks leave out of a corpus: the compiled JavaScript and declaration files that packages
 * ship beside their sources (zod mirrors its src/ at the package root). No developer's workspace holds
 * them; they would only repeat every declaration. The ground truth is over the TypeScript sources too.
 */
const CORPUS_EXCLUDES: readonly string[] = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.d.ts', '**/*.d.cts', '**/*.d.mts', '**/*.map'];

export interface Corpus {
  /** `zod@4.6.7`, or the folder's name for a directory. */
  readonly name: string;
  readonly dir: string;
  /** Passed to the index: CORPUS_EXCLUDES for a fetched package, nothing for a folder the user names. */
  readonly excludeGlobs: readonly string[];
  /** Which ground truth applies: jedi's for Python, the TypeScript compiler's otherwise (absent: TypeScript). */
  readonly language?: 'typescript' | 'python';
}

/**
 * A directory is used as it is (Python when it holds no .ts file); a package spec is fetched once with
 * `npm pack` and extracted into the cache; `python3-NAME` is Debian's package, copied into the cache.
 */
export async function ensureCorpus(nameOrDir: string): Promise<Corpus> {
  if (fs.existsSync(nameOrDir) && fs.statSync(nameOrDir).isDirectory()) {
    const dir = path.resolve(nameOrDir);
    return { name: path.basename(dir), dir, excludeGlobs: [], language: corpusSources(dir).length > 0 ? 'typescript' : 'python' };
  }
  if (/^python3-[\w.-]+$/.test(nameOrDir)) return debianPythonCorpus(nameOrDir);
  const spec = ALL_CORPORA.find(c => c === nameOrDir || c.slice(0, c.lastIndexOf('@')) === nameOrDir) ?? nameOrDir;
  if (!/^(@[\w.-]+\/)?[\w.-]+@[\w.-]+$/.test(spec)) {
    throw new Error(`'${nameOrDir}' is neither a directory nor a pinned npm package (name@version). Known: ${ALL_CORPORA.join(', ')}`);
  }
  const dir = path.join(CORPUS_CACHE, spec.replace('/', '__'));
  const done = path.join(dir, '.complete');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    process.stderr.write(`fetching ${spec} with npm pack …\n`);
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', dir]);
    fs.rmSync(path.join(dir, tarball));
    fs.writeFileSync(done, new Date().toISOString());
  }
  if (RESTORE_SELF_IMPORTS.has(spec)) restoreSelfImports(path.join(dir, 'package'));
  return { name: spec, dir: path.join(dir, 'package'), excludeGlobs: CORPUS_EXCLUDES, language: 'typescript' };
}

/**
 * Corpora whose self-imports the recipe maps back (see restoreSelfImports). @fp-ts/core imports itself in
 * almost every module: without the mapping no import would resolve. zod and tRPC import themselves in a
 * few files too; they are left as they were measured before the split, so their figures stay comparable
 * with earlier reports.
 */
const RESTORE_SELF_IMPORTS: ReadonlySet<string> = new Set(['@fp-ts/core@0.2.1']);

/**
 * Some packages' sources import their own package by name (`import * as N from "@fp-ts/core/Number"`),
 * which their repository's tsconfig maps to src/ but the published package does not ship. The recipe
 * writes that mapping back as a tsconfig.json, read by the index and by the ground truth alike.
 */
function restoreSelfImports(packageDir: string): void {
  const config = path.join(packageDir, 'tsconfig.json');
  const src = path.join(packageDir, 'src');
  if (fs.existsSync(config) || !fs.existsSync(path.join(src, 'index.ts'))) return;
  const name = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;
  const paths = { [`${name}/*`]: ['src/*'], [name]: ['src/index.ts'] };
  fs.writeFileSync(config, `${JSON.stringify({ compilerOptions: { baseUrl: '.', paths } }, null, 2)}\n`);
}

/**
 * A Debian Python package's modules, copied (without byte code) into `<cache>/python3-NAME@VERSION/`, so
 * the corpus root is the folder above the package and absolute imports (`from oauthlib.common import …`)
 * resolve inside it, for the index and for jedi alike.
 */
function debianPythonCorpus(name: string): Corpus {
  let version = installedVersion(name);
  if (version === undefined) {
    process.stderr.write(`installing ${name} with apt-get …\n`);
    try {
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', name], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      throw new Error(`${name} is not installed and apt-get could not install it: run 'apt-get update && apt-get install ${name}' as root.`);
    }
    version = installedVersion(name)!;
  }
  const dir = path.join(CORPUS_CACHE, `${name}@${version}`);
  const done = path.join(dir, '.complete');
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    const packages = execFileSync('dpkg', ['-L', name], { encoding: 'utf8' })
      .split('\n')
      .filter(p => path.dirname(p) === DEBIAN_PYTHON && fs.existsSync(path.join(p, '__init__.py')));
    if (packages.length === 0) throw new Error(`${name} installs no Python package under ${DEBIAN_PYTHON}.`);
    for (const source of packages) {
      fs.cpSync(source, path.join(dir, path.basename(source)), { recursive: true, filter: p => !p.includes('__pycache__') && !p.endsWith('.pyc') });
    }
    fs.writeFileSync(done, new Date().toISOString());
  }
  return { name, dir, excludeGlobs: [], language: 'python' };
}

function installedVersion(name: string): string | undefined {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f', '${Status} ${Version}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.startsWith('install ok installed ') ? out.split(' ').pop() : undefined;
  } catch {
    return undefined;
  }
}

