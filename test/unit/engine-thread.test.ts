import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { generateWorkspace, type GeneratedWorkspace } from '../../bench/generated-workspace';
import { ContextEngine } from '../../src/core/engine';
import { KEPT_REASON, KEPT_START_REASON } from '../../src/core/pack';
import { EngineThread } from '../../src/core/service/engine-thread';
import type { IndexProgress } from '../../src/core/types';
import { SHOP } from './pack-fixture';

/** "A few thousand real-looking files": large enough that indexing in-process blocks for seconds. */
const GENERATED_FILES = 2000;
/**
 * Generous on purpose: the machine is shared. In-process, the same index blocks the caller's thread for over
 * a second (bench/main-thread-bench.ts); in the engine thread the aim is a few milliseconds.
 */
const MAX_MAIN_THREAD_DELAY_MS = 200;

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** The first position inside `run` of a generated module: cross-file context comes from its imports. */
async function positionInRun(thread: EngineThread, file: string): Promise<{ line: number; character: number }> {
  const lines = (await thread.text(file))!.split('\n');
  return { line: lines.findIndex(l => l.includes('this.cache.set(')), character: 4 };
}

describe('EngineThread on a large generated workspace', () => {
  let workspace: GeneratedWorkspace;
  let thread: EngineThread;
  let maxDelayMs = 0;
  const progress: IndexProgress[] = [];

  before(async () => {
    workspace = generateWorkspace(GENERATED_FILES);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    thread = await EngineThread.open({ root: workspace.root, cacheDir: false }, { onProgress: p => progress.push(p) });
    delay.disable();
    maxDelayMs = delay.max / 1e6;
  });
  after(async () => {
    await thread?.dispose();
    workspace?.remove();
  });

  test('indexing in the engine thread leaves the main thread responsive', () => {
    console.log(`main-thread max event-loop delay while the engine thread indexed ${GENERATED_FILES} files: ${maxDelayMs.toFixed(1)} ms`);
    assert.equal(thread.summary.filesIndexed, GENERATED_FILES);
    assert.ok(thread.summary.imports.resolved > GENERATED_FILES, JSON.stringify(thread.summary.imports));
    assert.ok(progress.some(p => p.phase === 'indexing'), 'progress reaches the main thread');
    assert.ok(maxDelayMs < MAX_MAIN_THREAD_DELAY_MS, `max delay ${maxDelayMs.toFixed(1)} ms`);
  });

  test('a cold build with a short deadline returns what it has, and says what was cut', async () => {
    const file = workspace.files[20];
    const result = await thread.buildContext({ file, position: await positionInRun(thread, file), budgetTokens: 2048 }, { deadlineMs: 30 });
    console.log(`partial: ${result.manifest.partial}; timings ${JSON.stringify(result.manifest.timingsMs)}`);
    // The ranking state's build is left to the background whatever the deadline; the declarations the file
    // imports are packed until the deadline, which may or may not come first.
    assert.match(result.manifest.partial ?? '', /^(past the deadline of 30 ms before ranking|the ranking state was still being built \(it goes on in the background\)): /);
    assert.ok(result.prefix.length > 0, 'the current file is always there');
  });

  test('past the deadline before ranking: the current file only, and the ranking does not run', async () => {
    const file = workspace.files[40];
    const result = await thread.buildContext({ file, position: await positionInRun(thread, file), budgetTokens: 2048 }, { deadlineMs: 0 });
    assert.equal(result.manifest.partial, 'past the deadline of 0 ms before ranking: current file only');
    assert.equal(result.context, '');
    assert.equal(result.manifest.timingsMs.rank < 1, true, JSON.stringify(result.manifest.timingsMs));
    assert.ok(result.prefix.includes('export class Service40'));
    // Without a deadline the same cursor gets cross-file context: the partial answer was the deadline's doing.
    const full = await thread.buildContext({ file, position: await positionInRun(thread, file), budgetTokens: 2048 });
    assert.equal(full.manifest.partial, undefined);
    assert.ok(full.manifest.items.some(i => i.included && i.path !== file), 'cross-file context without a deadline');
  });

  test('a cancelled build rejects with an AbortError and the engine thread stops it (it is not finished)', async () => {
    const before = (await thread.stats()).builds;
    const file = workspace.files[60];
    const controller = new AbortController();
    const building = thread.buildContext({ file, position: await positionInRun(thread, file), text: `${await thread.text(file)}\n// edited`, budgetTokens: 2048 }, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(building, isAbort);
    // The thread saw the shared flag and counted the build as cancelled, not done.
    let after = (await thread.stats()).builds;
    for (let i = 0; i < 100 && after.cancelled === before.cancelled; i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      after = (await thread.stats()).builds;
    }
    assert.equal(after.cancelled, before.cancelled + 1);
    assert.equal(after.done, before.done);
  });

  test('a context prepared through the thread is continued by the first keystroke, and a cancelled preparation rejects', async () => {
    const file = workspace.files[80];
    const text = (await thread.text(file))!;
    const position = await positionInRun(thread, file);
    assert.equal(await thread.prepareContext({ file, text, position, budgetTokens: 2048 }), true);
    const lines = text.split('\n');
    lines[position.line] = `${lines[position.line].slice(0, position.character)}x${lines[position.line].slice(position.character)}`;
    const keystroke = await thread.buildContext({ file, text: lines.join('\n'), position: { ...position, character: position.character + 1 }, budgetTokens: 2048 });
    assert.ok(keystroke.manifest.items.some(item => item.included && [KEPT_REASON, KEPT_START_REASON].includes(item.reasons[0])), 'the keystroke continues the prepared context');
    const controller = new AbortController();
    const other = workspace.files[90];
    const preparing = thread.prepareContext({ file: other, text: (await thread.text(other))!, position: await positionInRun(thread, other), budgetTokens: 2048 }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(preparing, isAbort);
  });

  test('the engine reports its own heap through the protocol', async () => {
    const stats = await thread.stats();
    assert.ok(stats.heap.usedHeapSize > 10 * 2 ** 20 && stats.heap.usedHeapSize <= stats.heap.totalHeapSize, JSON.stringify(stats.heap));
    // The engine's heap is its thread's, not the caller's: the index of 2,000 files lives there.
    assert.ok(stats.memory.heapUsed !== process.memoryUsage().heapUsed);
  });
});

describe('ContextEngine cancellation, in-process', () => {
  test('a signal aborted while the buffer is parsed stops the build before the cursor, ranking and packing run', async () => {
    const engine = await ContextEngine.open({ root: SHOP, cacheDir: false });
    try {
      const text = `${(await engine.text('src/app.ts'))!}\n// a new line, so the buffer is parsed in the index worker`;
      const controller = new AbortController();
      const building = engine.buildContext({ file: 'src/app.ts', position: { line: 10, character: 14 }, text, budgetTokens: 1024 }, { signal: controller.signal });
      controller.abort(); // the build is waiting for its parse now
      await assert.rejects(building, (error: Error) => isAbort(error) && /cancelled before cursor \(done: parse\)/.test(error.message));
      assert.deepEqual((await engine.stats()).builds, { done: 0, partial: 0, cancelled: 1 });
    } finally {
      await engine.dispose();
    }
  });
});

describe('EngineThread lifecycle', () => {
  test('a crashed engine thread rejects pending calls with a clear message, and the host is told', async () => {
    const crashes: Error[] = [];
    const thread = await EngineThread.open({ root: SHOP, cacheDir: false }, { onCrash: error => crashes.push(error) });
    const pending = thread.buildContext({ file: 'src/app.ts', position: { line: 10, character: 14 }, budgetTokens: 1024 });
    // A crash, from outside: the thread ends while the build is pending.
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await assert.rejects(pending, /engine thread stopped .*Reindex Workspace/);
    await assert.rejects(thread.text('src/app.ts'), /engine thread stopped/);
    assert.equal(crashes.length, 1);
    await thread.dispose();
  });

  test('dispose ends the thread; later calls say it was disposed', async () => {
    const thread = await EngineThread.open({ root: SHOP, cacheDir: false });
    assert.equal((await thread.text('src/app.ts'))?.includes('Rect'), true);
    await thread.dispose();
    await assert.rejects(thread.text('src/app.ts'), /disposed/);
  });

  test('opening is cancellable, and a bad root fails with the engine\'s message', async () => {
    const controller = new AbortController();
    const opening = EngineThread.open({ root: SHOP, cacheDir: false }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(opening, isAbort);
    await assert.rejects(EngineThread.open({ root: `${SHOP}-does-not-exist`, cacheDir: false }), /does-not-exist/);
  });
});
