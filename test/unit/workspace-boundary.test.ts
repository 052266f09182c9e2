// What the index reads and what it refuses: real FIFOs, real symbolic links, real broken configs, a real
// 5 MB one-line file, through the real index and its worker thread.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { readWorkspaceFile } from '../../src/core/workspace';

const roots: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-boundary-'));
  roots.push(dir);
  return dir;
}
after(() => {
  for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
});

function write(root: string, relPath: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true });
  fs.writeFileSync(path.join(root, relPath), content);
}

/** Builds the index, failing (instead of hanging the suite) if it takes longer than `limitMs`. */
async function buildWithin(root: string, limitMs: number, options: { maxFileBytes?: number } = {}) {
  const index = await WorkspaceIndex.open({ root, cacheDir: false, ...options });
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`indexing took over ${limitMs} ms`)), limitMs)));
    const summary = await Promise.race([index.build(), timeout]).finally(() => clearTimeout(timer));
    return { index, summary };
  } catch (error) {
    await index.dispose();
    throw error;
  }
}

describe('one safe read place', () => {
  test('FIFOs named tsconfig.json, package.json, go.mod, .gitignore and .git do not hang indexing, and are reported', async () => {
    const root = tempDir();
    write(root, 'src/a.ts', "import { b } from './b';\nexport const a = b;\n");
    write(root, 'src/b.ts', 'export const b = 1;\n');
    write(root, 'main.go', 'package main\n');
    for (const name of ['tsconfig.json', 'package.json', 'go.mod', '.gitignore', '.git', 'src/.gitignore']) execFileSync('mkfifo', [path.join(root, name)]);
    const { index, summary } = await buildWithin(root, 20_000);
    try {
      assert.equal(summary.filesIndexed, 3);
      assert.equal(index.file('src/a.ts')?.resolvedImports[0], 'src/b.ts');
      const warnings = (summary.warnings ?? []).join('\n');
      assert.match(warnings, /tsconfig\.json was not read: not a regular file/);
      assert.match(warnings, /package\.json was not read: not a regular file/);
      assert.match(warnings, /go\.mod was not read: not a regular file/);
    } finally {
      await index.dispose();
    }
  });

  test('readWorkspaceFile refuses a FIFO, a folder, a file outside the root and a file over the limit, without blocking', () => {
    const root = tempDir();
    const outside = tempDir();
    write(root, 'ok.ts', 'export {};\n');
    write(root, 'big.ts', 'x'.repeat(100));
    write(outside, 'secret.ts', 'export const leaked = 1;\n');
    execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
    fs.symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'link.ts'));
    const read = (rel: string, maxBytes = 1000) => readWorkspaceFile(path.join(root, rel), { root, maxBytes });
    assert.equal(read('ok.ts').ok, true);
    assert.deepEqual(pick(read('pipe.ts')), 'not-a-file');
    assert.deepEqual(pick(read('.')), 'not-a-file');
    assert.deepEqual(pick(read('link.ts')), 'outside-workspace');
    assert.deepEqual(pick(read('big.ts', 50)), 'too-large');
    assert.deepEqual(pick(read('gone.ts')), 'missing');
  });

  test('a link to a file outside the workspace is refused by a full build and by a single-file update', async () => {
    const root = tempDir();
    const outside = tempDir();
    write(root, 'src/a.ts', 'export const a = 1;\n');
    write(outside, 'credentials.ts', 'export const stolen = "outside";\n');
    fs.symlinkSync(path.join(outside, 'credentials.ts'), path.join(root, 'src', 'creds.ts'));
    const { index, summary } = await buildWithin(root, 20_000);
    try {
      assert.equal(index.file('src/creds.ts'), undefined);
      assert.equal(summary.skippedByReason['outside-workspace'], 1);
      assert.equal(await index.updateFile('src/creds.ts'), undefined);
      assert.equal(index.text('src/creds.ts'), undefined);
    } finally {
      await index.dispose();
    }
  });

  test('a tsconfig.json that is not valid JSON is named with its line in the warnings; resolution goes on', async () => {
    const root = tempDir();
    write(root, 'tsconfig.json', '{\n  // comments and trailing commas are fine\n  "compilerOptions": {\n    "baseUrl": ".",\n  },\n  "include": ["src"]\n  "exclude": []\n}\n');
    write(root, 'packages/app/package.json', '{ "name": "app", }\n');
    write(root, 'src/a.ts', "import { b } from './b';\nexport const a = b;\n");
    write(root, 'src/b.ts', 'export const b = 1;\n');
    const { index, summary } = await buildWithin(root, 20_000);
    try {
      assert.equal(index.file('src/a.ts')?.resolvedImports[0], 'src/b.ts');
      const warnings = summary.warnings ?? [];
      assert.equal(warnings.filter(w => w.startsWith('tsconfig.json line 7 is not valid JSON')).length, 1, warnings.join('\n'));
      assert.ok(!warnings.some(w => w.includes('packages/app/package.json')), 'a trailing comma is valid JSONC');
    } finally {
      await index.dispose();
    }
  });
});

describe('bounded cost of bad input', () => {
  test('a 1.9 MB one-line JavaScript file, with the size limit raised, is skipped as minified quickly and cheaply', async () => {
    const root = tempDir();
    write(root, 'bundle.js', `var a=${'[1,2,3],'.repeat(1_900_000 / 8)}0;`);
    write(root, 'src/a.ts', 'export const a = 1;\n');
    const started = performance.now();
    const { index, summary } = await buildWithin(root, 20_000, { maxFileBytes: 64 * 1024 * 1024 });
    try {
      const elapsed = performance.now() - started;
      assert.equal(summary.skippedByReason.generated, 1);
      assert.equal(summary.filesIndexed, 1);
      assert.ok(elapsed < 5000, `${elapsed.toFixed(0)} ms`);
      // The worker reads and decodes the file (a few times its size), never parses it.
      assert.ok(summary.peakRssBytes.worker < 200 * 1024 * 1024, `worker peak ${summary.peakRssBytes.worker}`);
    } finally {
      await index.dispose();
    }
  });

  test('a 5 MB file of ordinary code is not parsed, whatever limit is set: it would cost gigabytes', async () => {
    const root = tempDir();
    write(root, 'huge.js', 'export function f(n) {\n  return n + 1;\n}\n'.repeat(5_000_000 / 40));
    const { index, summary } = await buildWithin(root, 20_000, { maxFileBytes: 64 * 1024 * 1024 });
    try {
      assert.equal(summary.skippedByReason['too-large'], 1);
      assert.equal(summary.filesIndexed, 0);
      assert.ok(summary.peakRssBytes.worker < 200 * 1024 * 1024, `worker peak ${summary.peakRssBytes.worker}`);
      assert.equal(await index.updateFile('huge.js'), undefined, 'a single-file update keeps the cap too');
    } finally {
      await index.dispose();
    }
  });
});

function pick(result: ReturnType<typeof readWorkspaceFile>): string {
  return result.ok ? 'ok' : result.refusal;
}
