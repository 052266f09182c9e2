// The index workers are replaced after a build (their WebAssembly memory only grows): what was asked of an
// old worker is still answered, and the fresh one serves what comes after, buffers included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndexWorker } from '../../src/core/index/worker-client';
import { IndexWorkerPool } from '../../src/core/index/worker-pool';
import type { LanguageId } from '../../src/core/types';

const SOURCE = Array.from({ length: 400 }, (_, i) => `export function f${i}(x: number): number { return x + ${i}; }`).join('\n');

test('a retired worker answers what it was asked, then refuses and ends', async () => {
  const worker = new IndexWorker();
  const asked = worker.parse('typescript', SOURCE);
  await worker.retire();
  assert.equal((await asked).definitions.length, 400);
  await assert.rejects(worker.parse('typescript', SOURCE), /retired/);
});

test('renewing the pool ends every worker once it has answered, and a fresh one serves what comes next, a buffer too', async () => {
  const pool = new IndexWorkerPool();
  pool.widen(2);
  const inFlight = [pool.parse('typescript', SOURCE, 'src/a.ts'), pool.parse('typescript', SOURCE)];
  await pool.renew();
  assert.equal(pool.size, 0, 'every old worker ended; the next request starts a fresh one');
  for (const symbols of await Promise.all(inFlight)) assert.equal(symbols.definitions.length, 400);
  const edited = `${SOURCE}\nexport const added = 1;`;
  assert.equal((await pool.parse('typescript', edited, 'src/a.ts')).definitions.length, 401);
  assert.equal(pool.size, 1);
  const [outcome] = await pool.index([{ path: 'src/b.ts', absPath: '/nonexistent/src/b.ts', language: 'typescript', text: edited, root: '/nonexistent', maxBytes: 1 << 20 }]);
  assert.equal(outcome.kind, 'indexed');
  await pool.terminate();
});

test('what the ended workers reported stays in the pool\'s stats, a grammar that failed too, and asking starts no worker', async () => {
  const pool = new IndexWorkerPool();
  await pool.parse('typescript', SOURCE);
  // A language the installation has no grammar for: the worker's extractor records why it failed to load.
  const unknown = 'cobol' as LanguageId;
  await assert.rejects(pool.parse(unknown, 'IDENTIFICATION DIVISION.'), /cobol grammar failed to load/);
  await pool.renew();
  // The build's summary reads these after its workers have ended.
  const stats = await pool.stats();
  assert.ok(stats.peakBytes > 1_000_000, `the ended worker's peak: ${stats.peakBytes} bytes`);
  assert.deepEqual(stats.grammarErrors.map(error => error.language), ['cobol']);
  assert.match(stats.grammarErrors[0]!.message, /^cobol: Unknown language/);
  assert.equal(pool.size, 0);
  await pool.terminate();
});
