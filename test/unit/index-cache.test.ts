// The persisted index is never silently wrong: damage of every kind is detected, rebuilt and said once;
// temporary files of killed saves go away; a same-size edit with its mtime put back is seen.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { IndexCache, RACY_WINDOW_MS } from '../../src/core/index/cache';
import { packedReferencesOf } from '../../src/core/index/indexed-entry';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cache-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const SOURCE = 'export function computeTotal(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\n';

/** A workspace whose only file was written long enough ago to be outside the racy window. */
function workspace(): { root: string; cacheDir: string; file: string } {
  const root = tempDir();
  const file = path.join(root, 'total.ts');
  fs.writeFileSync(file, SOURCE);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(file, old, old);
  return { root, cacheDir: tempDir(), file };
}

/** Whether the cache file is written (replaced) after `since` (an mtime) within `waitMs`. */
async function writtenAfter(cacheFile: string, since: number, waitMs: number): Promise<boolean> {
  for (const end = Date.now() + waitMs; Date.now() < end; ) {
    if (fs.existsSync(cacheFile) && fs.statSync(cacheFile).mtimeMs > since) return true;
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return false;
}

/** An index of a `workspace()` built, its cache written, saving `saveDelayMs` after a change; disposed after `run`. */
async function withSavedCache(
  saveDelayMs: number,
  run: (index: WorkspaceIndex, paths: { cacheFile: string; file: string; afterBuild: number }) => Promise<void>,
): Promise<void> {
  const { root, cacheDir, file } = workspace();
  const index = await WorkspaceIndex.open({ root, cacheDir, saveDelayMs });
  try {
    await index.build();
    const cacheFile = path.join(cacheDir, 'index.v8');
    assert.ok(await writtenAfter(cacheFile, 0, 5000), 'the build saved');
    await run(index, { cacheFile, file, afterBuild: fs.statSync(cacheFile).mtimeMs });
  } finally {
    await index.dispose();
  }
}

async function build(root: string, cacheDir: string) {
  const index = await WorkspaceIndex.open({ root, cacheDir });
  try {
    const summary = await index.build();
    return { summary, names: index.file('total.ts')?.definitions.map(d => d.name) ?? [] };
  } finally {
    await index.dispose();
  }
}

describe('index cache integrity', () => {
  const damages: [string, (cacheFile: string) => void, RegExp][] = [
    ['a flipped byte', f => {
      const bytes = fs.readFileSync(f);
      const at = bytes.indexOf('computeTotal');
      bytes[at] ^= 0x20; // 'computeTotal' -> 'ComputeTotal': a wrong name that still deserializes
      fs.writeFileSync(f, bytes);
    }, /is damaged \(its checksum does not match\)/],
    ['truncation', f => fs.truncateSync(f, 20), /is truncated/],
    ['garbage', f => fs.writeFileSync(f, Buffer.alloc(4096, 0x5a)), /is not an index cache/],
    // The layout before the cache was written in parts: what a user upgrading has.
    ['an older version\'s cache', f => fs.writeFileSync(f, Buffer.concat([Buffer.from('CBCXIDX\n', 'latin1'), Buffer.alloc(4096, 1)])), /was written by another version of Codebase Context/],
    ['a folder in its place', f => {
      fs.rmSync(f);
      fs.mkdirSync(f);
    }, /is a folder; remove it/],
  ];

  for (const [name, damage, said] of damages) {
    test(`${name}: rebuilt from the files, said once, never used`, async () => {
      const { root, cacheDir } = workspace();
      assert.deepEqual((await build(root, cacheDir)).names, ['computeTotal']);
      damage(path.join(cacheDir, 'index.v8'));
      const damaged = await build(root, cacheDir);
      assert.deepEqual(damaged.names, ['computeTotal']);
      assert.equal(damaged.summary.cacheHits, 0);
      assert.equal(damaged.summary.warnings?.length, 1, String(damaged.summary.warnings));
      assert.match(damaged.summary.warnings![0], said);
      assert.match(damaged.summary.warnings![0], /the index was rebuilt from the files/);
      if (name !== 'a folder in its place') {
        const next = await build(root, cacheDir);
        assert.equal(next.summary.warnings, undefined, 'said once: the rewritten cache is sound');
        assert.equal(next.summary.cacheHits, 1);
      }
    });
  }

  test('a cache it may not read: rebuilt and said', async t => {
    if (process.getuid?.() === 0) return t.skip('running as root, which reads any file');
    const { root, cacheDir } = workspace();
    await build(root, cacheDir);
    fs.chmodSync(path.join(cacheDir, 'index.v8'), 0o000);
    const result = await build(root, cacheDir);
    assert.deepEqual(result.names, ['computeTotal']);
    assert.match(result.summary.warnings?.[0] ?? '', /cannot be read \(EACCES\)/);
  });

  test('temporary files of saves by dead processes are removed; a live process keeps its own', async () => {
    const { root, cacheDir } = workspace();
    await build(root, cacheDir);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    const parentPid = process.ppid; // alive while this test runs
    fs.writeFileSync(path.join(cacheDir, `index.v8.${deadPid}.tmp`), 'half a save');
    fs.writeFileSync(path.join(cacheDir, `index.v8.${parentPid}.tmp`), 'a save in progress');
    await build(root, cacheDir);
    const left = fs.readdirSync(cacheDir).sort();
    assert.deepEqual(left, ['index.v8', `index.v8.${parentPid}.tmp`]);
  });

  test('racy git: a same-size edit with the mtime put back, soon after the save, is seen', async () => {
    const { root, cacheDir, file } = workspace();
    const fresh = new Date();
    fs.utimesSync(file, fresh, fresh); // written just now: inside the racy window of the coming save
    const stamp = fs.statSync(file);
    assert.deepEqual((await build(root, cacheDir)).names, ['computeTotal']);
    const edited = SOURCE.replace('computeTotal', 'computeSumAB');
    assert.equal(edited.length, SOURCE.length);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, stamp.atime, stamp.mtime); // as editors and `git checkout` can leave it
    assert.equal(fs.statSync(file).size, stamp.size);
    assert.equal(fs.statSync(file).mtimeMs, stamp.mtimeMs);
    assert.deepEqual((await build(root, cacheDir)).names, ['computeSumAB']);
    assert.ok(RACY_WINDOW_MS >= 1000);
  });

  test('files older than the racy window are trusted by size and mtime (no read)', async () => {
    const { root, cacheDir } = workspace();
    await build(root, cacheDir);
    assert.equal((await build(root, cacheDir)).summary.cacheHits, 1);
  });

  test('a save is written in parts with the event loop turning between them, and reads back what was saved', async () => {
    const root = tempDir();
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(root, `m${i}.ts`), `export function f${i}(x: number) {\n  return g${i}(x) + ${i};\n}\n`);
    const index = await WorkspaceIndex.open({ root, cacheDir: false });
    try {
      await index.build();
      const files = [...index.files()];
      const cacheDir = tempDir();
      let turns = 0;
      let saving = true;
      const turn = () => {
        turns++;
        if (saving) setImmediate(turn);
      };
      setImmediate(turn);
      await new IndexCache(root, cacheDir).save(files);
      saving = false;
      // 300 files are several parts, each written before the next is made; a save in one piece turns it once at most.
      assert.ok(turns >= 5, `the event loop turned ${turns} times during the save`);
      const loaded = new IndexCache(root, cacheDir).load();
      assert.equal(loaded.size, files.length);
      for (const file of files) {
        const stored = loaded.get(file.path)!;
        assert.equal(stored.hash, file.hash, file.path);
        assert.deepEqual(stored.definitions, file.definitions, file.path);
        const references = packedReferencesOf(file);
        assert.deepEqual([stored.references.names, [...stored.references.data]], [references.names, [...references.data]], file.path);
      }
    } finally {
      await index.dispose();
    }
  });

  test('typing in a buffer does not rewrite the cache; a change on disk does', () =>
    withSavedCache(0, async (index, { cacheFile, file, afterBuild }) => {
      await new Promise(resolve => setTimeout(resolve, 30)); // a later write shows as a later mtime
      await index.updateFile('total.ts', `${SOURCE}export const typed = 1;\n`);
      assert.equal(await writtenAfter(cacheFile, afterBuild, 300), false, 'a buffer update does not save');
      fs.writeFileSync(file, `${SOURCE}export const saved = 1;\n`);
      await index.updateFile('total.ts');
      assert.ok(await writtenAfter(cacheFile, afterBuild, 5000), 'a change on disk saves');
    }));

  test('typing postpones a save that is due, so that it runs in a pause', () =>
    withSavedCache(150, async (index, { cacheFile, file, afterBuild }) => {
      fs.writeFileSync(file, `${SOURCE}export const saved = 1;\n`);
      await index.updateFile('total.ts'); // a save is due 150 ms from now
      for (let key = 0; key < 8; key++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        await index.updateFile('total.ts', `${SOURCE}export const saved = ${key};\n`);
      }
      const lastTyped = Date.now();
      assert.equal(fs.statSync(cacheFile).mtimeMs, afterBuild, 'not saved while typing');
      assert.ok(await writtenAfter(cacheFile, afterBuild, 5000), 'saved in the pause');
      assert.ok(fs.statSync(cacheFile).mtimeMs >= lastTyped, 'saved after the last keystroke');
    }));
});
