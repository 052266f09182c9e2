// Benchmark corpora: real TypeScript projects fetched as pinned npm packages (`npm pack`) and cached,
// or any directory the user points at. Shared by the index and the context benchmarks.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheHome } from '../src/core/index/cache';

/** Packages that ship their TypeScript sources (measured in ../shared/NOTES.md). */
export const DEFAULT_CORPORA = ['zod@4.6.7', 'rxjs@7.8.2', '@trpc/server@11.25.2', 'mobx@7.1.3'] as const;

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
}

/** A directory is used as it is; a package spec is fetched once with `npm pack` and extracted into the cache. */
export async function ensureCorpus(nameOrDir: string): Promise<Corpus> {
  if (fs.existsSync(nameOrDir) && fs.statSync(nameOrDir).isDirectory()) {
    const dir = path.resolve(nameOrDir);
    return { name: path.basename(dir), dir, excludeGlobs: [] };
  }
  const spec = DEFAULT_CORPORA.find(c => c === nameOrDir || c.slice(0, c.lastIndexOf('@')) === nameOrDir) ?? nameOrDir;
  if (!/^(@[\w.-]+\/)?[\w.-]+@[\w.-]+$/.test(spec)) {
    throw new Error(`'${nameOrDir}' is neither a directory nor a pinned npm package (name@version). Known: ${DEFAULT_CORPORA.join(', ')}`);
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
  return { name: spec, dir: path.join(dir, 'package'), excludeGlobs: CORPUS_EXCLUDES };
}
