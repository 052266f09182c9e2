// `codebase-context index` as users and scripts call it: a real process, real files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('codebase-context index', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cli-index-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/a.ts'), "import { b } from './b';\nexport const a = b + 1;\n");
    fs.writeFileSync(path.join(root, 'src/b.ts'), 'export const b = 1;\n');
    fs.writeFileSync(path.join(root, 'id_rsa'), 'private\n');
    fs.writeFileSync(path.join(root, 'src/big.ts'), `export const big = '${'x'.repeat(3000)}';\n`);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('--json prints one object with the summary', () => {
    const { code, stdout, stderr } = cli('index', '--root', root, '--json', '--no-cache', '--max-file-bytes', '2000');
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(stdout);
    assert.equal(summary.filesIndexed, 2);
    assert.deepEqual(summary.skippedByReason, { 'secret-name': 1, 'too-large': 1 });
    assert.deepEqual(summary.skipped, [
      { path: 'id_rsa', reason: 'secret-name' },
      { path: 'src/big.ts', reason: 'too-large', detail: summary.skipped[1]?.detail },
    ]);
    assert.match(summary.skipped[1].detail, /over the limit of 2000/);
    assert.deepEqual(summary.imports, { resolved: 1, unresolved: 0, external: 0 });
    assert.equal(summary.definitions, 2);
    for (const field of ['references', 'elapsedMs', 'cacheHits', 'peakRssBytes', 'grammarErrors']) assert.ok(field in summary, field);
  });

  test('the table names every count', () => {
    const { code, stdout } = cli('index', '--root', root, '--no-cache', '--max-file-bytes', '2000');
    assert.equal(code, 0);
    assert.match(stdout, /files indexed\s+2\s+\(typescript 2\)/);
    assert.match(stdout, /files skipped\s+2\s+\(secret-name 1, too-large 1\)/);
    assert.match(stdout, /imports\s+1 resolved, 0 unresolved, 0 external/);
    assert.doesNotMatch(stdout, /id_rsa/, 'without --verbose the table only counts');
  });

  test('--verbose lists each skipped file with its reason and detail', () => {
    const { code, stdout, stderr } = cli('index', '--root', root, '--no-cache', '--verbose', '--max-file-bytes', '2000');
    assert.equal(code, 0, stderr);
    assert.match(stdout, /\n {2}skipped files\n {4}secret-name +id_rsa\n {4}too-large +src\/big\.ts {2}\(\d+ bytes, over the limit of 2000[^)]*\)\n$/);
  });

  test('bad flags exit with code 2 and the usage', () => {
    const unknown = cli('index', '--root', root, '--frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /usage: codebase-context index/);
    const missing = cli('index');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--root DIR is required/);
    assert.equal(cli('index', '--root', root, '--max-file-bytes', 'lots').code, 2);
    assert.equal(cli('frobnicate').code, 2);
  });

  test('a missing root exits with code 1 and says what to do', () => {
    const { code, stderr } = cli('index', '--root', path.join(root, 'nope'));
    assert.equal(code, 1);
    assert.match(stderr, /does not exist\. Pass an existing folder/);
  });
});
