// The latency benchmark (prints numbers; not a timed test): replays a seeded editing session on each
// workspace through the engine's public door (EngineApi) and reports the context latency per event type,
// the first request after ready, the longest main-thread block, the engine's memory and the index time.
// The last line of stdout is one JSON object (see latency-report.ts); progress goes to stderr.
//
//   npm run bench:latency -- [--root DIR]... [--combined] [--budget 8192] [--mode thread|in-process]
//                            [--seed N] [--rounds N] [--large-files KB] [--cursor-rest prepare|pause|none]
//                            [--warm-start]
//
// Default: the benchmark corpora (zod first), and the report in bench/reports/latency-bench.md. The session
// runs on a private copy of each workspace (it writes files), indexed cold (no cache); with --warm-start, from
// the cache an unmeasured first open wrote, as when the editor opens a folder again. With --large-files, the
// session types only in files of at least that many kilobytes. --cursor-rest says what happens where the cursor
// comes to rest before the first keystroke there (latency-replay.ts's CURSOR_RESTS; the extension prepares).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import { ContextEngine, type EngineOptions } from '../src/core/engine';
import type { EngineApi } from '../src/core/service/api';
import { EngineThread } from '../src/core/service/engine-thread';
import { DEFAULT_CORPORA, ensureCorpus, type Corpus } from './corpora';
import { MainThreadProbe } from './latency-probe';
import { CURSOR_RESTS, positionAt, replaySession, type CursorRest } from './latency-replay';
import { formatMarkdown, formatTable, summaryJson, type LatencyRun } from './latency-report';
import { DEFAULT_SESSION, planSession, type TypingSite } from './latency-session';
import { findSites } from './latency-sites';
import { COMBINED_MIN_FILES, ensureCombinedWorkspace, privateCopy } from './latency-workspace';

const MODES = ['thread', 'in-process'] as const;
type Mode = (typeof MODES)[number];

const DEFAULTS = { budget: 8192, mode: 'thread' as Mode, seed: 7, rounds: DEFAULT_SESSION.rounds, largeFilesKB: 0, cursorRest: 'prepare' as CursorRest, warmStart: false };
const MB = 1024 * 1024;
const REPORT = path.join(__dirname, 'reports', 'latency-bench.md');

const progress = (message: string) => process.stderr.write(`${message}\n`);

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function openEngine(mode: Mode, options: EngineOptions): Promise<EngineApi> {
  return mode === 'thread' ? EngineThread.open(options) : ContextEngine.open(options);
}

/** Heap after gc: in-process the growth since before the engine opened; in thread mode the engine thread's own heap. */
async function engineMemory(engine: EngineApi, mode: Mode, heapBefore: number): Promise<NonNullable<LatencyRun['memory']>> {
  const peakRss = (rss: number) => Math.max(process.resourceUsage().maxRSS * 1024, rss) / MB;
  if (mode === 'in-process') {
    gc();
    const rss = process.memoryUsage().rss;
    return { heapMB: (v8.getHeapStatistics().used_heap_size - heapBefore) / MB, rssMB: rss / MB, peakRssMB: peakRss(rss) };
  }
  const stats = await engine.stats();
  return { heapMB: stats.heap.usedHeapSize / MB, rssMB: stats.memory.rss / MB, peakRssMB: peakRss(stats.memory.rss) };
}

async function benchWorkspace(source: Corpus, args: typeof DEFAULTS): Promise<LatencyRun> {
  const copy = privateCopy(source);
  const cacheDir = args.warmStart ? fs.mkdtempSync(path.join(os.tmpdir(), 'cc-latency-cache-')) : undefined;
  try {
    if (cacheDir) {
      progress(`${source.name}: indexing once for the cache (not measured) …`);
      await (await openEngine(args.mode, { root: copy.dir, excludeGlobs: copy.excludeGlobs, cacheDir })).dispose();
    }
    const { files, sites } = await findSites(copy.dir, copy.excludeGlobs, 4 * args.rounds, args.seed, args.largeFilesKB * 1024);
    if (sites.length === 0) throw new Error(`${source.name} has no TypeScript or JavaScript file of ${args.largeFilesKB} KB or more to type in.`);
    const steps = planSession(sites, files, { ...DEFAULT_SESSION, seed: args.seed, rounds: args.rounds });
    progress(`${source.name}: ${steps.length} session steps over ${new Set(sites.map(s => s.file)).size} files; indexing (${args.mode}) …`);
    gc();
    const heapBefore = v8.getHeapStatistics().used_heap_size;
    const probe = new MainThreadProbe();
    try {
      const opened = performance.now();
      const engine = await openEngine(args.mode, { root: copy.dir, excludeGlobs: copy.excludeGlobs, cacheDir: cacheDir ?? false });
      try {
        const ready = performance.now();
        const warming = engine.warmUp();
        const duringWarmUp = await requestDuringWarmUp(engine, copy.dir, sites[0]!, args.budget, warming);
        await warming;
        const warm = performance.now();
        const indexing = await probe.endPhase();
        let reported = 0;
        const replay = await replaySession(engine, copy.dir, steps, args.budget, args.cursorRest, done => {
          if (done === steps.length || done - reported >= Math.ceil(steps.length / 5)) {
            reported = done;
            progress(`${source.name}: ${done}/${steps.length} steps`);
          }
        });
        const session = await probe.endPhase();
        return {
          workspace: [source.name, ...(args.warmStart ? ['(warm start)'] : []), ...(args.largeFilesKB > 0 ? [`(typing in files of ${args.largeFilesKB} KB or more)`] : [])].join(' '),
          mode: args.mode,
          budgetTokens: args.budget,
          seed: args.seed,
          files: engine.summary.filesIndexed,
          indexMs: ready - opened,
          warmUpMs: warm - ready,
          duringWarmUp,
          samples: replay.samples,
          branchSettleMs: replay.branchSettleMs,
          cursorRest: args.cursorRest,
          preparedMs: replay.preparedMs,
          blocks: { indexing, session },
          memory: await engineMemory(engine, args.mode, heapBefore),
          loadAverage: os.loadavg()[0],
        };
      } finally {
        await engine.dispose();
      }
    } finally {
      await probe.stop();
    }
  } finally {
    copy.dispose();
    if (cacheDir) fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** How long after ready the user types, while the warm-up goes on (a large workspace's takes seconds). */
const TYPED_AFTER_READY_MS = 1000;
/** The editor's default deadline for a completion's context (`codebaseContext.contextTimeBudgetMs`). */
const EDITOR_DEADLINE_MS = 500;

/**
 * The first keystroke's request where the user types soon after the workspace opens, as the editor sends it
 * (a buffer one character ahead of the disk, the editor's deadline): how long it takes and what it offers from
 * other files while the warm-up still runs. If the warm-up ends first, the request is an ordinary one.
 */
async function requestDuringWarmUp(engine: EngineApi, root: string, site: TypingSite, budgetTokens: number, warming: Promise<void>): Promise<NonNullable<LatencyRun['duringWarmUp']>> {
  const warmedUp = await Promise.race([warming.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), TYPED_AFTER_READY_MS))]);
  const disk = fs.readFileSync(path.join(root, site.file), 'utf8');
  const text = `${disk.slice(0, site.offset)}x${disk.slice(site.offset)}`;
  const started = performance.now();
  const result = await engine.buildContext({ file: site.file, position: positionAt(text, site.offset + 1), text, budgetTokens }, { deadlineMs: EDITOR_DEADLINE_MS });
  const crossFileItems = result.manifest.items.filter(item => item.included && item.path !== site.file).length;
  return { ms: performance.now() - started, crossFileItems, warmedUp, ...(result.manifest.partial ? { partial: result.manifest.partial } : {}) };
}

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} takes a positive whole number (got ${value}).`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', multiple: true },
      combined: { type: 'boolean', default: false },
      budget: { type: 'string', default: String(DEFAULTS.budget) },
      mode: { type: 'string', default: DEFAULTS.mode },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      rounds: { type: 'string', default: String(DEFAULTS.rounds) },
      'large-files': { type: 'string' },
      'cursor-rest': { type: 'string', default: DEFAULTS.cursorRest },
      'warm-start': { type: 'boolean', default: false },
    },
  });
  if (!MODES.includes(values.mode as Mode)) throw new Error(`--mode takes ${MODES.join(' or ')} (got ${values.mode}).`);
  if (!CURSOR_RESTS.includes(values['cursor-rest'] as CursorRest)) throw new Error(`--cursor-rest takes ${CURSOR_RESTS.join(', ')} (got ${values['cursor-rest']}).`);
  const args = {
    budget: positiveInteger('--budget', values.budget),
    mode: values.mode as Mode,
    seed: positiveInteger('--seed', values.seed),
    rounds: positiveInteger('--rounds', values.rounds),
    largeFilesKB: values['large-files'] === undefined ? 0 : positiveInteger('--large-files', values['large-files']),
    cursorRest: values['cursor-rest'] as CursorRest,
    warmStart: values['warm-start'],
  };
  const targets: (() => Promise<Corpus>)[] = [
    ...(values.root ?? []).map(dir => () => ensureCorpus(dir)),
    ...(values.combined ? [ensureCombinedWorkspace] : []),
  ];
  const defaultRun = targets.length === 0;
  if (defaultRun) targets.push(...DEFAULT_CORPORA.map(name => () => ensureCorpus(name)));

  const runs: LatencyRun[] = [];
  const header = `Latency benchmark, ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores, from sources`;
  process.stdout.write(`${header}\n\n`);
  for (const target of targets) {
    const source = await target();
    const run = await benchWorkspace(source, args);
    if (source.name === 'combined' && run.files < COMBINED_MIN_FILES) progress(`combined: only ${run.files} files indexed, fewer than the ${COMBINED_MIN_FILES} the aims are stated for.`);
    runs.push(run);
    process.stdout.write(`${formatTable(run)}\n\n`);
  }
  const sameAsDefaults = (Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]).every(key => args[key] === DEFAULTS[key]);
  if (defaultRun && sameAsDefaults) {
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.writeFileSync(REPORT, [`# ${header}`, ...runs.map(formatMarkdown), ''].join('\n\n'));
    progress(`report written to ${path.relative(process.cwd(), REPORT)}`);
  }
  process.stdout.write(`${JSON.stringify(summaryJson(runs))}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:latency: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
