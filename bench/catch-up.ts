// The catch-up benchmark (prints numbers; not a timed test): how long the ranking state takes to take in
// many file events at once (a test suite, a generator or a branch switch that adds and removes files), and
// what the first Build Context after them costs, with and without a deadline.
//
//   node --expose-gc --import tsx bench/catch-up.ts [--root DIR | --corpus zod@4.6.7] [--files 1500] [--rounds 3]
//
// On a private copy of the corpus, indexed cold: `--files` copies of the corpus's own sources are written
// under `added/` and sent to the index one event each (as the editor forwards them), then edited, then
// removed. Per scenario it times (a) the index's events, (b) RankingState.sync() catching up, and then on a
// ContextEngine (c) the first buildContext without a deadline and (d) with one. Medians over `--rounds`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ContextEngine } from '../src/core/engine';
import { WorkspaceIndex } from '../src/core/index/workspace-index';
import { RankingState } from '../src/core/rank/ranking-state';
import type { ContextRequest } from '../src/core/types';
import { ensureCorpus, type Corpus } from './corpora';
import { privateCopy } from './latency-workspace';

const DEFAULTS = { corpus: 'zod@4.6.7', files: 1500, rounds: 3, deadlineMs: 150, budget: 8192 };
const ADDED = 'added';

const progress = (message: string) => process.stderr.write(`${message}\n`);

/** The events one scenario sends: each writes to disk, then tells the index (as the editor would). */
interface EventSink {
  update(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** `count` copies of the corpus's sources under `added/<round>/`, so added files define and use real names. */
function plannedCopies(sources: readonly string[], count: number, round: number): { readonly from: string; readonly to: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const from = sources[i % sources.length];
    return { from, to: `${ADDED}/r${round}/copy${Math.floor(i / sources.length)}/${from}` };
  });
}

async function addAll(root: string, copies: ReturnType<typeof plannedCopies>, sink: EventSink): Promise<void> {
  for (const { from, to } of copies) {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    fs.copyFileSync(path.join(root, from), path.join(root, to));
    await sink.update(to);
  }
}

async function editAll(root: string, copies: ReturnType<typeof plannedCopies>, sink: EventSink): Promise<void> {
  for (const { to } of copies) {
    fs.appendFileSync(path.join(root, to), `\nexport const editedMarker${to.length} = 1;\n`);
    await sink.update(to);
  }
}

async function removeAll(root: string, copies: ReturnType<typeof plannedCopies>, sink: EventSink): Promise<void> {
  for (const { to } of copies) {
    fs.rmSync(path.join(root, to));
    await sink.remove(to);
  }
}

const SCENARIOS = {
  /** Files that come and go before anyone asks: their events cancel out. */
  'add+remove': async (root: string, copies: ReturnType<typeof plannedCopies>, sink: EventSink) => {
    await addAll(root, copies, sink);
    await removeAll(root, copies, sink);
  },
  add: addAll,
  edit: editAll,
  remove: removeAll,
} as const;
type Scenario = keyof typeof SCENARIOS;
/** The order they run in: each leaves the workspace as the next expects (added files exist for edit and remove). */
const ORDER: readonly Scenario[] = ['add+remove', 'add', 'edit', 'remove'];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** The corpus's indexed sources, in path order. */
async function indexedSources(corpus: Corpus): Promise<string[]> {
  const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  try {
    await index.build();
    return [...index.files()].map(f => f.path).sort();
  } finally {
    await index.dispose();
  }
}

/** (a) and (b): the index's events and the ranking state's catch-up, per scenario. */
async function stateRounds(corpus: Corpus, order: readonly Scenario[], sources: readonly string[], files: number, rounds: number): Promise<Map<Scenario, { events: number[]; sync: number[] }>> {
  const times = new Map(order.map(s => [s, { events: [] as number[], sync: [] as number[] }]));
  const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  try {
    await index.build();
    const state = new RankingState(index);
    await state.build();
    const sink: EventSink = { update: async p => void (await index.updateFile(p)), remove: p => index.removeFile(p) };
    for (let round = 0; round < rounds; round++) {
      for (const scenario of order) {
        const copies = plannedCopies(sources, files, scenario === 'add+remove' ? 1000 + round : round);
        const events = await timed(() => SCENARIOS[scenario](corpus.dir, copies, sink));
        const sync = await timed(() => state.sync());
        times.get(scenario)!.events.push(events);
        times.get(scenario)!.sync.push(sync);
        progress(`  state round ${round} ${scenario}: events ${events.toFixed(0)} ms, sync ${sync.toFixed(0)} ms`);
      }
    }
  } finally {
    await index.dispose();
  }
  return times;
}

/** (c) and (d): the first buildContext after the events, without and with a deadline. */
async function engineRounds(corpus: Corpus, order: readonly Scenario[], sources: readonly string[], files: number, rounds: number, request: ContextRequest, deadlineMs: number): Promise<Map<Scenario, { full: number[]; deadline: number[]; partial: number }>> {
  const times = new Map(order.map(s => [s, { full: [] as number[], deadline: [] as number[], partial: 0 }]));
  const engine = await ContextEngine.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  try {
    await engine.warmUp();
    await engine.buildContext(request);
    const sink: EventSink = { update: p => engine.updateFile(p), remove: p => engine.removeFile(p) };
    for (let round = 0; round < rounds; round++) {
      for (const withDeadline of [false, true]) {
        for (const scenario of order) {
          // One set of paths per round: `edit` and `remove` find the files `add` left.
          const copies = plannedCopies(sources, files, (withDeadline ? 2000 : 3000) + round);
          await SCENARIOS[scenario](corpus.dir, copies, sink);
          let partial = false;
          const ms = await timed(async () => {
            const result = await engine.buildContext(request, withDeadline ? { deadlineMs } : {});
            partial = result.manifest.partial !== undefined;
          });
          const row = times.get(scenario)!;
          (withDeadline ? row.deadline : row.full).push(ms);
          if (withDeadline && partial) row.partial++;
          // What a deadline left goes on in the background: finish it before the next scenario is timed.
          if (withDeadline) await engine.buildContext(request);
          progress(`  engine round ${round} ${scenario} ${withDeadline ? `deadline ${deadlineMs} ms` : 'no deadline'}: ${ms.toFixed(0)} ms${partial ? ' (partial)' : ''}`);
        }
      }
    }
  } finally {
    await engine.dispose();
  }
  return times;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      corpus: { type: 'string', default: DEFAULTS.corpus },
      files: { type: 'string', default: String(DEFAULTS.files) },
      rounds: { type: 'string', default: String(DEFAULTS.rounds) },
      deadline: { type: 'string', default: String(DEFAULTS.deadlineMs) },
      'state-only': { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
    },
  });
  const files = Number(values.files);
  const rounds = Number(values.rounds);
  const deadlineMs = Number(values.deadline);
  const copy = privateCopy(await ensureCorpus(values.root ?? values.corpus!));
  try {
    const sources = await indexedSources(copy);
    const target = sources.find(p => p.endsWith('.ts')) ?? sources[0];
    const text = fs.readFileSync(path.join(copy.dir, target), 'utf8');
    const line = Math.floor(text.split('\n').length / 2);
    const request: ContextRequest = { file: target, position: { line, character: 0 }, budgetTokens: DEFAULTS.budget };
    progress(`${copy.name}: ${sources.length} sources, ${files} files per scenario, ${rounds} rounds`);
    const order = ORDER.filter(s => !values.scenario || values.scenario.includes(s));
    const state = await stateRounds(copy, order, sources, files, rounds);
    const engine = values['state-only'] ? undefined : await engineRounds(copy, order, sources, files, rounds, request, deadlineMs);
    console.log(`\n${copy.name}, ${sources.length} sources, ${files} files per scenario, medians of ${rounds} rounds (ms)`);
    console.log('scenario     index events  state sync  build (no deadline)  build (deadline ' + deadlineMs + ' ms)');
    for (const scenario of order) {
      const s = state.get(scenario)!;
      const e = engine?.get(scenario);
      const cells = [scenario.padEnd(12), median(s.events).toFixed(0).padStart(12), median(s.sync).toFixed(0).padStart(11)];
      if (e) cells.push(median(e.full).toFixed(0).padStart(20), `${median(e.deadline).toFixed(0)} (${e.partial}/${rounds} partial)`.padStart(28));
      console.log(cells.join(' '));
    }
  } finally {
    copy.dispose();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
