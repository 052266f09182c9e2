import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { positionAt } from '../../bench/latency-replay';
import { runJson, stats, summaryJson, type LatencyRun } from '../../bench/latency-report';
import { keystrokesOf, planSession, seededRandom, type SessionStep, type TypingSite } from '../../bench/latency-session';
import { sitesIn } from '../../bench/latency-sites';

const SOURCE = `import { a } from './a';

export function total(items: number[]): number {
  let sum = 0;
  for (const item of items) sum += item;
  const doubled = sum * 2;
  return doubled;
}

const short = () => {
  return 1;
};
`;

function sitesFor(files: number): TypingSite[] {
  return Array.from({ length: files }, (_, i) => ({ file: `src/f${i}.ts`, offset: 10 * i, indent: '  ', lines: [`const v${i} = ${i};`, `return v${i};`] }));
}

const FILES = Array.from({ length: 200 }, (_, i) => `lib/m${i}.ts`);

function run(overrides: Partial<LatencyRun> = {}): LatencyRun {
  const block = { probeMs: 2, histogramMs: 3, idleThreadMs: 1 };
  return {
    workspace: 'zod@4.6.7',
    mode: 'in-process',
    budgetTokens: 8192,
    seed: 7,
    files: 400,
    indexMs: 5000,
    warmUpMs: 100,
    samples: [
      { kind: 'first', ms: 40 },
      ...Array.from({ length: 20 }, (_, i) => ({ kind: 'keystroke' as const, ms: i + 1 })),
      { kind: 'save', ms: 7 },
    ],
    branchSettleMs: [120],
    cursorRest: 'prepare',
    preparedMs: [30, 50],
    blocks: { indexing: { probeMs: 12, histogramMs: 11, idleThreadMs: 1 }, session: block },
    memory: { heapMB: 40, rssMB: 300, peakRssMB: 350 },
    loadAverage: 1.5,
    ...overrides,
  };
}

describe('latency benchmark: the session script', () => {
  test('the same seed gives the same script, another seed another one', () => {
    const options = { seed: 11, rounds: 6, branchShare: 0.05, maxBurstChars: 40 };
    const a = planSession(sitesFor(5), FILES, options);
    assert.deepEqual(planSession(sitesFor(5), FILES, options), a);
    assert.notDeepEqual(planSession(sitesFor(5), FILES, { ...options, seed: 12 }), a);
  });

  test('each round jumps home, edits elsewhere, saves, then makes a new file or switches branch, typing after each', () => {
    const steps = planSession(sitesFor(4), FILES, { seed: 3, rounds: 2, branchShare: 0.05, maxBurstChars: 40 });
    const round = (last: string) => ['jump', 'type', 'edit-elsewhere', 'type', 'save', 'type', last, 'type'];
    assert.deepEqual(steps.map(s => s.kind), [...round('new-file'), ...round('branch-switch')]);
    const labels = steps.flatMap(s => (s.kind === 'type' ? [s.after] : []));
    assert.deepEqual(labels, ['jump', 'return', 'save', 'return', 'jump', 'return', 'save', 'branch-switch']);
    const jump = steps[0] as Extract<SessionStep, { kind: 'jump' }>;
    const edit = steps[2] as Extract<SessionStep, { kind: 'edit-elsewhere' }>;
    assert.notEqual(edit.site.file, jump.site.file, 'the edit is in another file');
    const branch = steps[14] as Extract<SessionStep, { kind: 'branch-switch' }>;
    assert.equal(branch.files.length, 10, '5% of 200 files');
    assert.equal(new Set(branch.files).size, branch.files.length);
  });

  test('a branch switch leaves the files the session types in alone', () => {
    const sites = sitesFor(3);
    const steps = planSession(sites, [...FILES, ...sites.map(s => s.file)], { seed: 5, rounds: 8, branchShare: 0.5, maxBurstChars: 40 });
    for (const step of steps) if (step.kind === 'branch-switch') assert.ok(step.files.every(f => !f.startsWith('src/')));
  });

  test('the new file sits beside the file being typed in, with the cursor inside its body', () => {
    const steps = planSession(sitesFor(3), FILES, { seed: 1, rounds: 1, branchShare: 0.05, maxBurstChars: 40 });
    const created = steps.find(s => s.kind === 'new-file') as Extract<SessionStep, { kind: 'new-file' }>;
    assert.match(created.file, /^src\/latency-new-0\.ts$/);
    assert.equal(created.text.slice(created.cursorOffset), '\n}\n');
  });

  test('one site is not enough: the session needs two files', () => {
    assert.throws(() => planSession(sitesFor(1), FILES, { seed: 1, rounds: 1, branchShare: 0.05, maxBurstChars: 40 }), /two files/);
  });

  test('keystrokes: one per character up to the limit, then the line break with its indentation', () => {
    assert.deepEqual(keystrokesOf('a = 1;', '    ', 3), ['a', ' ', '=', '\n    ']);
  });

  test('the seeded generator repeats itself and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(Array.from({ length: 1000 }, () => b()), xs);
    assert.ok(xs.every(x => x >= 0 && x < 1));
  });
});

describe('latency benchmark: typing sites and positions', () => {
  test('a site is the middle statement of a body with at least three statements, with its indentation', () => {
    const sites = sitesIn('src/total.ts', SOURCE);
    assert.equal(sites.length, 1, 'the one-statement arrow function has no site');
    const [site] = sites;
    assert.equal(SOURCE.slice(site.offset).split('\n', 1)[0], 'const doubled = sum * 2;');
    assert.equal(site.indent, '  ');
    assert.deepEqual(site.lines, ['let sum = 0;', 'for (const item of items) sum += item;', 'const doubled = sum * 2;', 'return doubled;']);
  });

  test('positionAt gives the 0-based line and character of an offset', () => {
    const text = 'ab\ncd\n\nef';
    assert.deepEqual(positionAt(text, 0), { line: 0, character: 0 });
    assert.deepEqual(positionAt(text, 2), { line: 0, character: 2 });
    assert.deepEqual(positionAt(text, 3), { line: 1, character: 0 });
    assert.deepEqual(positionAt(text, 7), { line: 3, character: 0 });
    assert.deepEqual(positionAt(text, 9), { line: 3, character: 2 });
  });
});

describe('latency benchmark: figures', () => {
  test('percentiles are nearest-rank, the max is the largest sample', () => {
    assert.deepEqual(stats(Array.from({ length: 20 }, (_, i) => 20 - i)), { count: 20, p50Ms: 10, p95Ms: 19, maxMs: 20 });
  });

  test('the JSON line has the required fields, then the details per event type', () => {
    const json = runJson(run());
    assert.deepEqual(Object.keys(json).slice(0, 7), ['p50Ms', 'p95Ms', 'maxMs', 'firstAfterReadyMs', 'longestMainThreadBlockMs', 'heapMBPer1kFiles', 'files']);
    assert.equal(json.firstAfterReadyMs, 40);
    assert.equal(json.longestMainThreadBlockMs, 12);
    assert.equal(json.heapMBPer1kFiles, 100);
    assert.equal(json.files, 400);
    assert.deepEqual((json.events as Record<string, unknown>).keystroke, { count: 20, p50Ms: 10, p95Ms: 19, maxMs: 20 });
    assert.deepEqual(Object.keys(json.events as object), ['first', 'keystroke', 'save']);
    // The contexts prepared where the cursor rested are no request anyone waited for: apart from the events.
    assert.equal(json.cursorRest, 'prepare');
    assert.deepEqual(json.preparedMs, { count: 2, p50Ms: 30, p95Ms: 50, maxMs: 50 });
    assert.equal(runJson(run({ cursorRest: 'none', preparedMs: [] })).preparedMs, null);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(json)));
  });

  test('without memory figures the heap per file is null and memory says so', () => {
    const json = runJson(run({ memory: undefined }));
    assert.equal(json.heapMBPer1kFiles, null);
    assert.equal(json.memory, 'not measured');
  });

  test('several workspaces: pooled percentiles, the worst first request and block, files summed, each run kept', () => {
    const other = run({ workspace: 'combined', files: 10_000, samples: [{ kind: 'first', ms: 900 }, { kind: 'jump', ms: 30 }], blocks: { indexing: { probeMs: 50, histogramMs: 49, idleThreadMs: 2 }, session: { probeMs: 1, histogramMs: 1, idleThreadMs: 1 } } });
    const json = summaryJson([run(), other]);
    assert.equal(json.firstAfterReadyMs, 900);
    assert.equal(json.longestMainThreadBlockMs, 50);
    assert.equal(json.files, 10_400);
    assert.equal(json.maxMs, 900);
    assert.equal((json.workspaces as unknown[]).length, 2);
    assert.deepEqual(summaryJson([run()]), runJson(run()));
  });
});
