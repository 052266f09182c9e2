// zod's npm package ships its sources without a tsconfig.json: tsc then makes inferred projects whose set
// of roots changes with every file opened, and rebuilds them (stalls of seconds). A developer's workspace
// has a tsconfig; the facts benchmarks measure that case on a copy of the sources with a plain one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A copy of the corpus's TypeScript sources beside a plain tsconfig.json, in a temporary folder of this
 * process's own (two benchmarks of the same corpus at once must not rewrite each other's copy), removed
 * when the process exits. A corpus with no TypeScript sources (a Python one) is given back as it is: its
 * copy would be empty, and every strategy would score 0 on it.
 */
export function withTsconfig(corpus: { name: string; dir: string }): { name: string; dir: string } {
  if (!fs.readdirSync(corpus.dir, { recursive: true, encoding: 'utf8' }).some(isTypeScriptSource)) return corpus;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `facts-bench-${corpus.name.replace(/[^\w.-]/g, '_')}-`));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(corpus.dir, dir, { recursive: true, filter: source => fs.statSync(source).isDirectory() || isTypeScriptSource(source) });
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], ...selfImports(corpus.dir) };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions }, null, 2));
  return { name: `${corpus.name} + tsconfig.json`, dir };
}

function isTypeScriptSource(file: string): boolean {
  return file.endsWith('.ts') && !file.endsWith('.d.ts');
}

/**
 * A package that imports itself by name (`@fp-ts/core/internal/Either`): its exports map points at the
 * built .d.ts files, which the copy leaves out, so the name is mapped to the sources, as the package's own
 * development tsconfig does.
 */
function selfImports(dir: string): { paths?: Record<string, string[]> } {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest) || !fs.existsSync(path.join(dir, 'src'))) return {};
  const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name;
  return name ? { paths: { [name]: ['./src/index.ts'], [`${name}/*`]: ['./src/*'] } } : {};
}
