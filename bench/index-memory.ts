// Memory benchmark (prints numbers; not a test): what the index, and the whole engine, keep per 1,000
// indexed files, and the process's peak RSS while they are built. For each workspace, in separate phases:
//   index   WorkspaceIndex built from scratch (no cache): entries, symbol table, resolver, texts
//   engine  ContextEngine opened, warmed up, and one request answered: the index plus ranking and packing state
// Heap is measured after full garbage collections, with V8's external memory (typed arrays) added.
//
//   node --expose-gc --import tsx bench/index-memory.ts [--root DIR | CORPUS]... [--snapshot DIR]   (default: zod)
//
// --snapshot writes a heap snapshot of each engine after its request (DIR/<corpus>.heapsnapshot), for a
// breakdown by retaining structure in Chrome DevTools (Memory, Summary by retained size).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { ContextEngine } from '../src/core/engine';
import { WorkspaceIndex } from '../src/core/index/workspace-index';
import { ensureCorpus, type Corpus } from './corpora';

const MB = 1024 * 1024;

function settledBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Run with node --expose-gc: heap sizes without a full collection are noise.');
  for (let i = 0; i < 3; i++) gc();
  return v8.getHeapStatistics().used_heap_size + process.memoryUsage().external;
}

/** Runs `body` while sampling the RSS; returns its result and the peak. */
async function withPeakRss<T>(body: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  try {
    const result = await body();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

async function measure(corpus: Corpus, snapshotDir: string | undefined) {
  const options = { root: corpus.dir, cacheDir: false as const, excludeGlobs: corpus.excludeGlobs };
  const before = settledBytes();
  const built = await withPeakRss(async () => {
    const index = await WorkspaceIndex.open(options);
    return { index, summary: await index.build() };
  });
  const { index, summary } = built.result;
  const indexBytes = settledBytes() - before;
  const textBytes = index.textBytes;
  await index.dispose();

  const engineBefore = settledBytes();
  const answered = await withPeakRss(async () => {
    const engine = await ContextEngine.open(options);
    await engine.warmUp();
    const files = [...engine.indexView.files()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const file = files[Math.floor(files.length / 2)];
    await engine.buildContext({ file: file.path, position: { line: Math.floor(file.lineCount / 2), character: 0 }, budgetTokens: 8192 });
    return engine;
  });
  const engineBytes = settledBytes() - engineBefore;
  if (snapshotDir) console.error(`heap snapshot: ${v8.writeHeapSnapshot(path.join(snapshotDir, `${corpus.name.replace(/[^\w.@-]+/g, '_')}.heapsnapshot`))}`);
  await answered.result.dispose();

  const per1k = (bytes: number) => bytes / MB / (summary.filesIndexed / 1000);
  return {
    corpus: corpus.name,
    files: summary.filesIndexed,
    definitions: summary.definitions,
    references: summary.references,
    indexMB: indexBytes / MB,
    indexMBPer1kFiles: per1k(indexBytes),
    textMB: textBytes / MB,
    indexPeakRssMB: built.peakRss / MB,
    engineMB: engineBytes / MB,
    engineMBPer1kFiles: per1k(engineBytes),
    enginePeakRssMB: answered.peakRss / MB,
  };
}

type Result = Awaited<ReturnType<typeof measure>>;

/**
 * Each workspace is measured in a process of its own when several are named: in one process, a later
 * workspace's heap was measured while the earlier engine's memory was still being freed (an index of
 * -213 MB), and the peak RSS would carry the earlier workspaces' peaks.
 */
function measureInChild(name: string, snapshotDir: string | undefined): Result {
  const args = [...process.execArgv, __filename, name, ...(snapshotDir ? ['--snapshot', snapshotDir] : [])];
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * MB });
  const lines = output.trimEnd().split('\n');
  process.stdout.write(`${lines.slice(0, -1).join('\n')}\n`);
  return (JSON.parse(lines.at(-1)!) as Result[])[0];
}

function describe(r: Result): string {
  const f = (n: number) => n.toFixed(1);
  return (
    `${r.corpus}: ${r.files} files, ${r.definitions} definitions, ${r.references} references\n` +
    `  index   ${f(r.indexMB)} MB (${f(r.indexMBPer1kFiles)} MB per 1,000 files; texts ${f(r.textMB)} MB of it), peak RSS ${f(r.indexPeakRssMB)} MB\n` +
    `  engine  ${f(r.engineMB)} MB (${f(r.engineMBPer1kFiles)} MB per 1,000 files) after warm-up and one request, peak RSS ${f(r.enginePeakRssMB)} MB`
  );
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { root: { type: 'string', multiple: true }, snapshot: { type: 'string' } }, allowPositionals: true });
  const names = [...(values.root ?? []), ...positionals];
  const results: Result[] = [];
  if (names.length > 1) {
    for (const name of names) results.push(measureInChild(name, values.snapshot));
  } else {
    const r = await measure(await ensureCorpus(names[0] ?? 'zod@4.6.7'), values.snapshot);
    console.log(describe(r));
    results.push(r);
  }
  console.log(JSON.stringify(results.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 10) / 10 : v])))));
}

void main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
