// Build Context after a burst of file events: the real engine says how many files its ranking has yet to
// take in (or that it has yet to be built), the notice words it, and a build brings the ranking up to date
// (no notice for the next one).
// A cancelled build stops catching up at once; what is left goes on in the background.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContextEngine } from '../../src/core/engine';
import { CATCH_UP_NOTICE_FILES, catchUpNotice } from '../../src/vscode/catch-up-notice';

const FILES = 1600;
const REMOVED = 1500;

let root: string;
let engine: ContextEngine;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-catch-up-'));
  fs.mkdirSync(path.join(root, 'src'));
  for (let i = 0; i < FILES; i++) {
    const previous = i === 0 ? '' : `import { make${i - 1} } from './m${i - 1}';\n`;
    fs.writeFileSync(path.join(root, 'src', `m${i}.ts`), `${previous}export function make${i}(size: number): number {\n  return size * ${i};\n}\n`);
  }
  // No background catch-up: the burst below must find the ranking behind, as a request right after it does.
  engine = await ContextEngine.open({ root, cacheDir: false, catchUp: { idleMs: 600_000, maxWaitMs: 600_000 } });
});
after(async () => {
  await engine.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

const request = { file: `src/m${FILES - 1}.ts`, position: { line: 1, character: 2 }, budgetTokens: 2048 };

test('before the warm-up has built the ranking, a build would rank the whole workspace', async () => {
  assert.equal(await catchUpNotice(engine), "Ranking the workspace's 1,600 files…");
  await engine.warmUp();
});

test('no notice while the ranking is current, nor for a few changed files', async () => {
  assert.equal(await catchUpNotice(engine), undefined);
  for (let i = 0; i < CATCH_UP_NOTICE_FILES - 1; i++) await engine.updateFile(`src/m${i}.ts`, `export const changed${i} = ${i};\n`);
  assert.deepEqual((await engine.stats()).rankingBacklog, { files: CATCH_UP_NOTICE_FILES - 1, rebuild: false });
  assert.equal(await catchUpNotice(engine), undefined);
  await engine.buildContext(request);
  assert.deepEqual((await engine.stats()).rankingBacklog, { files: 0, rebuild: false });
});

test('after 1,500 files removed the notice counts them; a cancelled build leaves them; a build takes them in', async () => {
  for (let i = 0; i < REMOVED; i++) await engine.removeFile(`src/m${i}.ts`);
  // And the first file left, whose import of a removed one is resolved again.
  const behind = REMOVED + 1;
  assert.equal(await catchUpNotice(engine), 'Catching up with 1,501 changed files…');

  const cancelled = new AbortController();
  cancelled.abort();
  await assert.rejects(engine.buildContext(request, { signal: cancelled.signal }), { name: 'AbortError' });
  assert.deepEqual((await engine.stats()).rankingBacklog, { files: behind, rebuild: false }, 'a build cancelled before it ranks takes nothing in');

  const started = performance.now();
  const built = await engine.buildContext(request);
  console.log(`the build that caught up with ${behind} files took ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(built.manifest.partial, undefined);
  assert.equal(await catchUpNotice(engine), undefined);
  assert.deepEqual((await engine.stats()).rankingBacklog, { files: 0, rebuild: false });
});
