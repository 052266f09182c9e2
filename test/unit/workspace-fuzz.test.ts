// Fuzzing the way in: random bytes through the content checks, and random trees (links in and out of the
// root, loops, FIFOs, unreadable files, a damaged cache) changed while the index builds. Seeded, bounded in
// count and time: it must find no crash, no hang and no unbounded memory.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { jsoncProblem } from '../../src/core/index/resolve-jsonc';
import { classifyContent, redactSecrets } from '../../src/core/workspace';
import { FakeSecrets } from './secret-corpus';

const TREES = 5;
const BUILD_LIMIT_MS = 8000;

/** A small seeded generator: the same run every time, so a failure reproduces. */
class Random {
  private readonly chars: FakeSecrets;
  private state: number;
  constructor(seed: number) {
    this.chars = new FakeSecrets(seed);
    this.state = seed;
  }
  int(below: number): number {
    this.state = (this.state * 1103515245 + 12345) % 2147483648;
    return Math.floor(this.state / 65536) % below;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)));
  }
  text(length: number): string {
    return this.chars.chars('abcdefghij klmnop{}();=\n"\'`\\/*-+#<>$@0123456789ABCDEF', length);
  }
}

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) {
    execFileSync('chmod', ['-R', 'u+rwx', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const NAMES = ['a.ts', 'b.py', 'c.go', 'd.rs', 'e.java', 'f.c', 'g.rb', 'h.php', 'i.sh', 'j.cs', 'k.js', 'tsconfig.json', 'package.json', '.gitignore', 'go.mod', 'x.min.js', '.env'];

/** Random content: source-like text, random bytes, secrets, very long lines, broken JSON. */
function content(random: Random): Buffer | string {
  switch (random.int(6)) {
    case 0:
      return random.bytes(random.int(4000));
    case 1:
      return random.text(random.int(6000));
    case 2:
      return `const token = "${'gh' + 'p_'}${random.text(36).replace(/\W/g, 'x')}";\n-----BEGIN ${'PRIVATE'} KEY-----\n${random.text(64)}\n`;
    case 3:
      return 'x'.repeat(30_000 + random.int(30_000));
    case 4:
      return `{ "compilerOptions": { "paths": { "@/*": [${random.text(200)}`;
    default:
      return 'export function f(n: number): number {\n  return n + 1;\n}\n'.repeat(1 + random.int(50));
  }
}

function randomTree(random: Random, root: string, outside: string): string[] {
  const folders = [''];
  const entries: string[] = [];
  for (let i = 0; i < 40; i++) {
    const parent = random.pick(folders);
    const name = `${random.pick(NAMES)}${random.int(3) === 0 ? '' : i}`;
    const rel = parent === '' ? name : `${parent}/${name}`;
    const abs = path.join(root, rel);
    try {
      switch (random.int(10)) {
        case 0:
          fs.mkdirSync(abs);
          folders.push(rel);
          break;
        case 1:
          execFileSync('mkfifo', [abs]);
          break;
        case 2:
          fs.symlinkSync(random.pick([outside, path.join(outside, 'o.ts'), root, '..', '.', name, path.join(root, random.pick(folders))]), abs);
          break;
        case 3:
          fs.writeFileSync(abs, content(random), { mode: 0o000, flag: 'wx' });
          break;
        default:
          fs.writeFileSync(abs, content(random), { flag: 'wx' }); // never open an existing FIFO: the test would block
      }
      entries.push(rel);
    } catch {
      // a name taken twice (EEXIST): skip it
    }
  }
  return entries;
}

/** Changes the tree while the build runs: deletions, permission changes, files turned into FIFOs or links. */
async function disturb(random: Random, root: string, entries: readonly string[], until: Promise<unknown>): Promise<void> {
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const rel = random.pick(entries);
    const abs = path.join(root, rel);
    try {
      // A folder of the tree may have become a link to '/' a moment ago: never act through one, or this
      // test (run as root) would change or delete the machine's own files.
      if (!reachableWithoutLinks(root, rel)) continue;
      switch (random.int(4)) {
        case 0:
          fs.rmSync(abs, { recursive: true, force: true });
          break;
        case 1:
          // chmod follows a link to its target: only ever change what sits in the tree itself.
          if (!fs.lstatSync(abs).isSymbolicLink()) fs.chmodSync(abs, random.pick([0o000, 0o644, 0o755]));
          break;
        case 2:
          fs.rmSync(abs, { recursive: true, force: true });
          execFileSync('mkfifo', [abs]);
          break;
        default:
          fs.rmSync(abs, { recursive: true, force: true });
          fs.symlinkSync('/', abs);
      }
    } catch {
      // already gone or changed: that is the point
    }
    await new Promise(resolve => setTimeout(resolve, 2));
  }
}

/** Whether every folder between the root and `rel` is a real folder of the tree (no link on the way). */
function reachableWithoutLinks(root: string, rel: string): boolean {
  const parts = rel.split('/').slice(0, -1);
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    const stat = fs.lstatSync(at, { throwIfNoEntry: false });
    if (!stat || !stat.isDirectory()) return false;
  }
  return true;
}

async function withinLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${BUILD_LIMIT_MS} ms: a hang`)), BUILD_LIMIT_MS)));
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

describe('fuzz', () => {
  test('random bytes: content checks, redaction and the JSONC check never throw, keep line counts and stay fast', () => {
    const random = new Random(11);
    const started = performance.now();
    for (let i = 0; i < 300; i++) {
      const bytes = random.int(2) === 0 ? random.bytes(random.int(20_000)) : Buffer.from(random.text(random.int(20_000)));
      const verdict = classifyContent('fuzz.ts', bytes);
      assert.ok(verdict.kind === 'text' || verdict.kind === 'skip');
      const text = bytes.toString('latin1');
      const redacted = redactSecrets(text);
      assert.equal(redacted.text.split('\n').length, text.split('\n').length);
      jsoncProblem(text);
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 5000, `${elapsed.toFixed(0)} ms for 300 inputs`);
  });

  test(`${TREES} random trees changed during the build: no crash, no hang, bounded memory`, async () => {
    const started = performance.now();
    const rssBefore = process.memoryUsage().rss;
    for (let tree = 0; tree < TREES; tree++) {
      const random = new Random(100 + tree);
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fuzz-'));
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fuzz-out-'));
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fuzz-cache-'));
      dirs.push(root, outside, cacheDir);
      fs.writeFileSync(path.join(outside, 'o.ts'), 'export const outsideTheWorkspace = 1;\n');
      const entries = randomTree(random, root, outside);
      const index = await WorkspaceIndex.open({ root, cacheDir, maxFileBytes: 100_000 });
      try {
        const build = index.build();
        await Promise.all([withinLimit(build, `build of tree ${tree}`), disturb(random, root, entries, build)]);
        for (const file of index.files()) assert.ok(!index.text(file.path)?.includes('outsideTheWorkspace'), `tree ${tree}: ${file.path} came from outside`);
        // The cache it just wrote, damaged at random, is detected on the next build.
        const cacheFile = path.join(cacheDir, 'index.v8');
        if (fs.existsSync(cacheFile)) {
          const bytes = fs.readFileSync(cacheFile);
          bytes[random.int(bytes.length)] ^= 1 + random.int(255);
          fs.writeFileSync(cacheFile, bytes);
        }
        const again = await withinLimit(index.build(), `rebuild of tree ${tree}`);
        assert.ok(again.filesIndexed >= 0);
        for (const name of NAMES) await withinLimit(index.updateFile(name), `update of ${name}`);
      } finally {
        await index.dispose();
      }
    }
    const grown = process.memoryUsage().rss - rssBefore;
    assert.ok(grown < 512 * 1024 * 1024, `RSS grew by ${(grown / 1024 / 1024).toFixed(0)} MB`);
    // About 12 s alone on two cores; the bound leaves room for a loaded machine and still catches a crawl.
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 60_000, `${elapsed.toFixed(0)} ms`);
  });
});
