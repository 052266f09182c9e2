import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { classifyContent, discoverWorkspace, WorkspaceFilter } from '../../src/core/workspace';
import type { SkippedFile } from '../../src/core/types';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'workspace-basic');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'workspace-test-'));
}

function write(root: string, relPath: string, content: string | Uint8Array = 'export {};\n'): void {
  const file = path.join(root, relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function reasons(skipped: readonly SkippedFile[]): [string, string][] {
  return skipped.map(s => [s.path, s.reason]);
}

/** A deterministic pseudo-random string: secrets in tests must look random but are never real. */
function randomish(alphabet: string, length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out += alphabet[state % alphabet.length];
  }
  return out;
}
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('discoverWorkspace on the basic fixture', () => {
  let root: string;
  before(() => {
    root = tempDir();
    fs.cpSync(FIXTURE, root, { recursive: true });
    // Things a committed fixture cannot hold: a .git folder, dependencies, a dotenv file.
    write(root, '.git/info/exclude', 'local-only.ts\n');
    write(root, '.git/HEAD', 'ref: refs/heads/main\n');
    write(root, 'local-only.ts');
    write(root, 'node_modules/pkg/index.js', 'module.exports = {};\n');
    write(root, '.env', 'PORT=3000\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('lists exactly the indexable files and every skip with its reason, sorted by path', async () => {
    const result = await discoverWorkspace({ root, excludeGlobs: ['**/*.gen.ts', 'assets/**'], maxFileBytes: 1000 });
    assert.deepEqual(
      result.files.map(f => [f.path, f.language]),
      [
        ['build/tool.ts', 'typescript'], // default-excluded folder, re-included by `!build/` in .codebasecontextignore
        ['lib/scratch/real.ts', 'typescript'], // `/scratch/` is anchored to the root
        ['src/app.ts', 'typescript'],
        ['src/keep.tmp.ts', 'typescript'], // negated after `*.tmp.ts`
        ['src/nested/main.js', 'javascript'], // negated in the nested .gitignore
        ['src/util.py', 'python'],
      ],
    );
    assert.deepEqual(reasons(result.skipped), [
      ['.codebasecontextignore', 'unsupported-language'],
      ['.env', 'secret-name'],
      ['.git/', 'default-excluded'],
      ['.gitignore', 'unsupported-language'],
      ['README.md', 'unsupported-language'],
      ['assets/logo.ts', 'ignored'],
      ['docs/drafts/', 'ignored'],
      ['local-only.ts', 'ignored'],
      ['node_modules/', 'default-excluded'],
      ['scratch/', 'ignored'],
      ['src/big.ts', 'too-large'],
      ['src/nested/.gitignore', 'unsupported-language'],
      ['src/nested/a.js', 'ignored'],
      ['src/nested/sub/b.js', 'ignored'],
      ['src/old.tmp.ts', 'ignored'],
      ['src/widget.gen.ts', 'ignored'],
      ['vendor/', 'default-excluded'],
      ['web/app.min.js', 'generated'],
      ['yarn.lock', 'generated'],
    ]);
    const app = result.files.find(f => f.path === 'src/app.ts')!;
    assert.equal(app.absPath, path.join(root, 'src', 'app.ts'));
    assert.equal(app.size, fs.statSync(app.absPath).size);
    assert.equal(app.mtimeMs, fs.statSync(app.absPath).mtimeMs);
    const paths = result.files.map(f => f.path);
    assert.deepEqual(paths, [...paths].sort());
    assert.deepEqual(result.ignoreFileProblems, []);
  });

  test('classifyPath judges single paths, inheriting the reason of a skipped ancestor', async () => {
    const filter = await WorkspaceFilter.load({ root, excludeGlobs: ['**/*.gen.ts'] });
    assert.equal(filter.classifyPath('src/app.ts', false), undefined);
    assert.equal(filter.classifyPath('src', true), undefined);
    assert.equal(filter.classifyPath('node_modules/pkg/index.js', false), 'default-excluded');
    assert.equal(filter.classifyPath('scratch/deep/er/file.ts', false), 'ignored');
    assert.equal(filter.classifyPath('src/new.gen.ts', false), 'ignored');
    assert.equal(filter.classifyPath('build/new.ts', false), undefined);
    assert.equal(filter.classifyPath('packages/a/dist', true), 'default-excluded');
    assert.equal(filter.classifyPath('src/nested/other.js', false), 'ignored');
    assert.equal(filter.classifyPath('src/notes.txt', false), 'unsupported-language');
    // A secret is reported as a secret even where an ignore rule also matches.
    assert.equal(filter.classifyPath('scratch2/.env.local', false), 'secret-name');
    assert.equal(filter.classifyPath('src/old.tmp.ts', false), 'ignored');
  });

  test('invalidate() picks up an edited ignore file', async () => {
    const filter = await WorkspaceFilter.load({ root });
    assert.equal(filter.classifyPath('src/app.ts', false), undefined);
    const gitignore = path.join(root, 'src', '.gitignore');
    fs.writeFileSync(gitignore, 'app.ts\n');
    try {
      assert.equal(filter.classifyPath('src/app.ts', false), undefined, 'cached until invalidated');
      filter.invalidate();
      assert.equal(filter.classifyPath('src/app.ts', false), 'ignored');
    } finally {
      fs.rmSync(gitignore);
    }
  });
});

describe('ignore rules agree with git', () => {
  const gitAvailable = (() => {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  let repo: string;

  before(() => {
    repo = tempDir();
    if (!gitAvailable) return;
    execFileSync('git', ['init', '-q', repo], { env: gitEnv });
    write(repo, '.gitignore', [
      '*.skip.ts', '!important.skip.ts', '/anchored.ts', 'dironly.ts/', 'a/**/deep.ts', 'logs[0-9].ts', 'gen/',
      '!gen/reinclude.ts', '\\!bang.ts', 'trailing.ts   ', 'docs/*.ts', '**/star/**', '',
    ].join('\n'));
    write(repo, '.git/info/exclude', 'excluded-by-info.ts\n');
    write(repo, 'pkg/.gitignore', '!gen/\nlocal.ts\n/only-here.ts\n');
    write(repo, 'pkg/sub/.gitignore', '!local.ts\n');
    for (const file of [
      'keep.ts', 'x.skip.ts', 'important.skip.ts', 'sub/y.skip.ts', 'anchored.ts', 'sub/anchored.ts',
      'dironly.ts/inner.ts', 'other/dironly.ts', 'a/deep.ts', 'a/b/c/deep.ts', 'b/deep.ts', 'logs1.ts', 'logsx.ts',
      'gen/g.ts', 'gen/reinclude.ts', 'pkg/gen/g.ts', 'pkg/deeper/gen/g.ts', '!bang.ts', 'bang.ts', 'trailing.ts',
      'pkg/local.ts', 'pkg/sub/local.ts', 'pkg/only-here.ts', 'pkg/sub/only-here.ts', 'excluded-by-info.ts',
      'docs/a.ts', 'docs/deeper/b.ts', 'x/star/y/z.ts', 'star.ts',
    ]) write(repo, file);
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  function gitUnignored(prefix: string): string[] {
    const out = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: repo, env: gitEnv, encoding: 'utf8' });
    return out.split('\0').filter(p => p.endsWith('.ts') && p.startsWith(prefix)).map(p => p.slice(prefix.length)).sort();
  }

  test('at the repository root', async t => {
    if (!gitAvailable) return t.skip('git is not installed');
    const ours = (await discoverWorkspace({ root: repo })).files.map(f => f.path);
    const expected = gitUnignored('');
    assert.ok(expected.includes('pkg/gen/g.ts') && expected.includes('pkg/sub/local.ts') && !expected.includes('gen/reinclude.ts'));
    assert.deepEqual(ours, expected);
  });

  test('in a subfolder opened as the workspace: ignore files above it and .git/info/exclude still apply', async t => {
    if (!gitAvailable) return t.skip('git is not installed');
    write(repo, 'pkg/x.skip.ts');
    write(repo, 'pkg/excluded-by-info.ts');
    const ours = (await discoverWorkspace({ root: path.join(repo, 'pkg') })).files.map(f => f.path);
    const expected = gitUnignored('pkg/');
    assert.ok(!expected.includes('x.skip.ts') && !expected.includes('excluded-by-info.ts'));
    assert.deepEqual(ours, expected);
  });
});

describe('broken ignore files never fail discovery', () => {
  test('a folder named .gitignore, a FIFO named .codebasecontextignore and malformed lines are skipped with a problem report', async () => {
    const root = tempDir();
    try {
      write(root, '.gitignore', '[z-a]\n\\\n[\nignored.ts\n');
      write(root, 'ignored.ts');
      write(root, 'kept.ts');
      fs.mkdirSync(path.join(root, 'sub', '.gitignore'), { recursive: true });
      write(root, 'sub/file.ts');
      execFileSync('mkfifo', [path.join(root, 'sub', '.codebasecontextignore')]);
      const result = await discoverWorkspace({ root });
      assert.deepEqual(result.files.map(f => f.path), ['kept.ts', 'sub/file.ts']);
      assert.deepEqual(reasons(result.skipped), [
        ['.gitignore', 'unsupported-language'],
        ['ignored.ts', 'ignored'],
        ['sub/.codebasecontextignore', 'unsupported-language'],
      ]);
      assert.equal(result.ignoreFileProblems.length, 2);
      assert.match(result.ignoreFileProblems.join('\n'), /sub\/\.gitignore could not be read/);
      assert.match(result.ignoreFileProblems.join('\n'), /sub\/\.codebasecontextignore could not be read/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
