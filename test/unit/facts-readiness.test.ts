// When a configured server's answers are trusted: typescript-language-server (a real one, from npm, on
// typescript 6) is waited for until the work-done progress it reports while loading its project has ended;
// a server that reports no progress is trusted after a bound, and the log says so.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { typescriptNativeServer } from '../../src/core/facts/server-binaries';
import { ReadinessWatch } from '../../src/core/facts/server-readiness';
import { FactsFixture, positionOf } from './facts-fixture';

const HOLES = 'src/holes.ts';

/** typescript-language-server 5, run by our Node, with the typescript devDependency as its tsserver. */
const typescriptLanguageServer = {
  command: process.execPath,
  args: [require.resolve('typescript-language-server/lib/cli.mjs'), '--stdio'],
  initializationOptions: { tsserver: { path: path.dirname(require.resolve('typescript/lib/tsserver.js')) } },
};

describe('readiness of configured servers', () => {
  const fixture = FactsFixture.copy('facts-ts');
  after(() => fixture.close());
  const holes = fixture.text(HOLES);

  test('typescript-language-server: the first answer after start comes once its loading progress has ended, and is exact', async () => {
    const logs: string[] = [];
    const facts = fixture.facts({ servers: { typescript: { ...typescriptLanguageServer, readiness: 'progress' } }, log: message => logs.push(message), defaultBudgetMs: 120_000 });
    // Asked before its project is loaded, this server answers with the import line of holes.ts instead.
    const [callee] = await facts.definition({ path: HOLES }, positionOf(holes, "fetchJson('/users'"));
    const status = facts.status()[0]!;
    assert.equal(status.readyBy, 'progress ended', JSON.stringify(status));
    assert.ok(status.readyMs! > status.initializedMs!, JSON.stringify(status));
    assert.equal(callee?.path, 'src/http.ts');
    assert.equal(callee?.range.start.line, fixture.line('src/http.ts', 'export async function fetchJson'));
    assert.deepEqual(logs, []);
  });

  test('a server that never reports progress is trusted after the bound, and the log says so', async () => {
    const logs: string[] = [];
    const started = performance.now();
    const facts = fixture.facts({ servers: { typescript: { ...typescriptNativeServer(), readiness: 'progress', readyTimeoutMs: 1000 } }, log: message => logs.push(message), defaultBudgetMs: 60_000 });
    const hover = await facts.hover({ path: HOLES }, positionOf(holes, 'account.owner.'));
    assert.equal(hover?.text, '(parameter) account: Account');
    const status = facts.status()[0]!;
    assert.equal(status.readyBy, 'timeout');
    assert.ok(status.readyMs! >= 1000, JSON.stringify(status));
    assert.ok(performance.now() - started < 30_000, 'not waited on much past the bound');
    assert.equal(logs.length, 1, logs.join('\n'));
    assert.match(logs[0]!, /lib\/tsc\) reported no work-done progress \(\$\/progress\) within 1000 ms of opening the first document; its answers are trusted from now on/);
  });
});

describe('the readiness watch', () => {
  test('a progress that begins and never ends is bounded by the loading timeout, and named in the log', async () => {
    const logs: string[] = [];
    const watch = new ReadinessWatch({ name: 'the server', readiness: 'progress', readyTimeoutMs: 20, loadingTimeoutMs: 150 }, message => logs.push(message));
    watch.opened();
    watch.announced('t1');
    watch.progress('t1', { kind: 'begin', title: 'Initializing JS/TS language features' });
    // Past the first-sign bound: a begun progress is waited for by its own bound.
    await new Promise(resolve => setTimeout(resolve, 60));
    assert.equal(watch.readyBy, undefined);
    assert.equal(await watch.ready, 'timeout');
    assert.deepEqual(logs, ['the server had not ended its progress "Initializing JS/TS language features" 150 ms after it began; its answers are trusted from now on, and may be incomplete until it has loaded the project.']);
  });

  test('ready once every begun progress has ended, not at the first end', async () => {
    const watch = new ReadinessWatch({ name: 'the server', readiness: 'progress', readyTimeoutMs: 10_000 }, assert.fail);
    watch.opened();
    watch.progress('a', { kind: 'begin', title: 'Loading' });
    watch.progress('b', { kind: 'begin', title: 'Indexing' });
    watch.progress('a', { kind: 'end' });
    assert.equal(watch.readyBy, undefined);
    watch.progress('b', { kind: 'report' });
    watch.progress('b', { kind: 'end' });
    assert.equal(await watch.ready, 'progress ended');
  });

  test('pull-diagnostics: ready once the server registered pull diagnostics, not at another registration', async () => {
    const watch = new ReadinessWatch({ name: 'the server', readiness: 'pull-diagnostics', readyTimeoutMs: 10_000 }, assert.fail);
    watch.initialized();
    watch.opened();
    watch.registered('workspace/didChangeWatchedFiles');
    assert.equal(watch.readyBy, undefined);
    watch.registered('textDocument/diagnostic');
    assert.equal(await watch.ready, 'pull diagnostics registered');
  });

  test('pull-diagnostics: a server that never registers them is trusted after the bound from initialize, and the log says so', async () => {
    const logs: string[] = [];
    const watch = new ReadinessWatch({ name: 'the server', readiness: 'pull-diagnostics', readyTimeoutMs: 30 }, message => logs.push(message));
    watch.initialized();
    assert.equal(await watch.ready, 'timeout');
    assert.deepEqual(logs, ['the server registered no pull diagnostics within 30 ms of initialize; its answers are trusted from now on, and may be incomplete until it has loaded the project.']);
  });
});
