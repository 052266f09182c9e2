// Index benchmark (prints numbers; not a timed test). For each corpus, measured side by side in one run:
//   raw      a bare tree-sitter loop (read, parse, run the queries) over the same files, in its own thread
//   cold     the index from scratch (discovery, worker extraction, import resolution, symbol table; the cache
//            is written in the background after)
//   warm     a restart that finds the cache
//   save     the cache written again after a change on disk: how long, and the event loop's longest wait meanwhile
//   update   single-file incremental updates (an edited buffer re-indexed)
// Cold and raw alternate for several rounds and report medians, because this machine is noisy.
//
// The index is the bundled one (dist/engine.js, as it ships: `npm run bench:index` builds first); the raw
// loop runs from sources, and only its steady state is timed.
//
//   npm run bench:index -- [--root DIR]... [--rounds N] [--updates N] [--threads N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type * as EngineModule from '../src/core/public-api';
import { startWorker } from '../src/core/threads';
import type { IndexProgress, IndexSummary, LanguageId } from '../src/core/types';
import { ensureCorpus, type Corpus } from './corpora';
import { percentile } from './metrics';

const BUNDLE = path.join(__dirname, '..', 'dist', 'engine.js');
if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm run bench:index does).`);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, chosen at run time
const { WorkspaceIndex } = require(BUNDLE) as typeof EngineModule;

const DEFAULT_INDEX_CORPORA = ['zod@4.6.7', 'rxjs@7.8.2'];
const MB = 1024 * 1024;

const median = (xs: readonly number[]) => percentile(xs, 50);

function settle(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function runRawLoop(jobs: readonly { absPath: string; language: LanguageId }[]): Promise<{ elapsedMs: number; bytes: number; peakBytes: number }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('raw-parse-worker', path.join(__dirname, 'raw-parse-worker.ts'), { workerData: jobs });
    worker.once('message', result => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

interface ColdRun {
  summary: IndexSummary;
  heapGrowth: number;
  /** Files per second once the first batch is back (the worker started, its grammars loaded). */
  steadyFilesPerSecond: number;
}

async function coldIndex(corpus: Corpus, cacheDir: string, buildThreads: number): Promise<ColdRun> {
  const before = settle();
  const marks: { at: number; done: number }[] = [];
  const onProgress = (p: IndexProgress) => {
    if (p.phase === 'indexing' && p.done > 0) marks.push({ at: performance.now(), done: p.done });
  };
  const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir, buildThreads, onProgress });
  try {
    const summary = await index.build();
    const [first, last] = [marks[0], marks[marks.length - 1]];
    const steadyFilesPerSecond = last && last.at > first.at ? ((last.done - first.done) / (last.at - first.at)) * 1000 : NaN;
    return { summary, heapGrowth: settle() - before, steadyFilesPerSecond };
  } finally {
    await index.dispose();
  }
}

/**
 * The cache written again after a change on disk, as the file watcher brings one (here a file found unchanged,
 * which still stamps its entry anew): from the update until the cache file is replaced, and the longest that a
 * timer due in 1 ms waited meanwhile, as a request arriving then would.
 */
async function cacheSave(corpus: Corpus, cacheDir: string): Promise<{ ms: number; longestWaitMs: number }> {
  const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir, saveDelayMs: 0 });
  try {
    await index.build();
    await index.textsLoaded(); // a warm start's reads, done before the save is timed
    const cacheFile = path.join(cacheDir, 'index.v8');
    const before = fs.statSync(cacheFile).mtimeMs;
    const started = performance.now();
    await index.updateFile([...index.files()][0]!.path);
    let longestWaitMs = 0;
    while (fs.statSync(cacheFile).mtimeMs === before) {
      const asked = performance.now();
      await new Promise(resolve => setTimeout(resolve, 1));
      longestWaitMs = Math.max(longestWaitMs, performance.now() - asked);
    }
    return { ms: performance.now() - started, longestWaitMs };
  } finally {
    await index.dispose();
  }
}

async function benchCorpus(corpus: Corpus, rounds: number, updates: number, threads: number): Promise<string[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-index-'));
  const colds: ColdRun[] = [];
  const wideColds: ColdRun[] = [];
  const raws: { elapsedMs: number; bytes: number; peakBytes: number }[] = [];
  let jobs: { absPath: string; language: LanguageId }[] = [];
  let bytes = 0;

  // Learn the file list once (the raw loop runs over exactly the files the index kept).
  {
    const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
    await index.build();
    for (const f of index.files()) {
      jobs.push({ absPath: path.join(corpus.dir, f.path), language: f.language });
      bytes += f.size;
    }
    await index.dispose();
    jobs = jobs.sort((a, b) => a.absPath.localeCompare(b.absPath));
  }

  for (let round = 0; round < rounds; round++) {
    process.stderr.write(`  ${corpus.name}: round ${round + 1}/${rounds}\n`);
    raws.push(await runRawLoop(jobs));
    colds.push(await coldIndex(corpus, path.join(scratch, `cold-${round}`), 1));
    if (threads > 1) wideColds.push(await coldIndex(corpus, path.join(scratch, `wide-${round}`), threads));
  }

  // Warm restarts against the cache of the last cold round.
  const cacheDir = path.join(scratch, `cold-${rounds - 1}`);
  const warmMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir });
    warmMs.push((await index.build()).elapsedMs);
    await index.dispose();
  }

  const save = await cacheSave(corpus, cacheDir);

  // Single-file updates: an edit in a buffer, re-indexed; files spread evenly over the corpus.
  const updateMs: number[] = [];
  {
    const index = await WorkspaceIndex.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
    await index.build();
    const paths = [...index.files()].map(f => f.path).sort();
    const step = Math.max(1, Math.floor(paths.length / updates));
    for (let i = 0; i < paths.length && updateMs.length < updates; i += step) {
      const text = `${index.text(paths[i])}\nexport const __benchEdit${i} = ${i};\n`;
      const t0 = performance.now();
      await index.updateFile(paths[i], text);
      updateMs.push(performance.now() - t0);
    }
    await index.dispose();
  }
  fs.rmSync(scratch, { recursive: true, force: true });

  const files = jobs.length;
  const coldMs = median(colds.map(c => c.summary.elapsedMs));
  const rawMs = median(raws.map(r => r.elapsedMs));
  const last = colds[colds.length - 1].summary;
  const perThousand = (x: number) => (x / MB / files) * 1000;
  const heapGrowth = median(colds.map(c => c.heapGrowth));
  return [
    `${corpus.name}: ${files} files, ${(bytes / MB).toFixed(1)} MB; ${last.definitions} definitions, ${last.references} references, imports ${last.imports.resolved} resolved / ${last.imports.unresolved} unresolved / ${last.imports.external} external`,
    `  raw parse+query loop   ${rawMs.toFixed(0)} ms  ${(files / (rawMs / 1000)).toFixed(0)} files/s  ${(bytes / MB / (rawMs / 1000)).toFixed(2)} MB/s   (median of ${rounds})`,
    `  index cold, 1 thread   ${coldMs.toFixed(0)} ms  ${(files / (coldMs / 1000)).toFixed(0)} files/s  ${(bytes / MB / (coldMs / 1000)).toFixed(2)} MB/s   ratio to raw ${(rawMs / coldMs).toFixed(2)} (aim >= 0.8; includes worker start and grammar loading, the raw loop's are not timed)`,
    `  index steady state     ${median(colds.map(c => c.steadyFilesPerSecond)).toFixed(0)} files/s after the first batch, ratio to raw ${(median(colds.map(c => c.steadyFilesPerSecond)) / (files / (rawMs / 1000))).toFixed(2)}`,
    ...(wideColds.length > 0 ? [wideLine(wideColds, threads, files, bytes, rawMs)] : []),
    `  warm restart           ${median(warmMs).toFixed(0)} ms  ${(coldMs / median(warmMs)).toFixed(1)}x faster than cold (aim >= 10x)`,
    `  cache save             ${save.ms.toFixed(0)} ms after a change on disk; the event loop's longest wait meanwhile ${save.longestWaitMs.toFixed(0)} ms (a request waits as long)`,
    `  incremental update     p50 ${median(updateMs).toFixed(1)} ms  p95 ${percentile(updateMs, 95).toFixed(1)} ms over ${updateMs.length} files (aim p95 <= 20 ms)`,
    `  memory                 process RSS peak ${(last.peakRssBytes.main / MB).toFixed(0)} MB; main-thread heap kept by the index ${(heapGrowth / MB).toFixed(1)} MB (${perThousand(heapGrowth).toFixed(1)} MB per 1,000 files, aim <= 100); worker heap+wasm peak ${(last.peakRssBytes.worker / MB).toFixed(0)} MB; raw loop thread peak ${(median(raws.map(r => r.peakBytes)) / MB).toFixed(0)} MB`,
  ];
}

function wideLine(runs: readonly ColdRun[], threads: number, files: number, bytes: number, rawMs: number): string {
  const ms = median(runs.map(c => c.summary.elapsedMs));
  return `  index cold, ${threads} threads  ${ms.toFixed(0)} ms  ${(files / (ms / 1000)).toFixed(0)} files/s  ${(bytes / MB / (ms / 1000)).toFixed(2)} MB/s   ratio to raw ${(rawMs / ms).toFixed(2)}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', multiple: true },
      rounds: { type: 'string', default: '3' },
      updates: { type: 'string', default: '60' },
      threads: { type: 'string', default: String(os.availableParallelism()) },
    },
  });
  const targets = values.root?.length ? values.root : DEFAULT_INDEX_CORPORA;
  const rounds = Math.max(1, Number(values.rounds));
  const updates = Math.max(1, Number(values.updates));
  const threads = Math.max(1, Number(values.threads));
  const lines = [`Index benchmark, ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores`];
  for (const target of targets) {
    const corpus = await ensureCorpus(target);
    lines.push(...(await benchCorpus(corpus, rounds, updates, threads)));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(error => {
  process.stderr.write(`bench:index: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
