// Turns latency runs into figures: percentiles per event type beside the issue's aims, a table for the
// terminal, the Markdown report, and the one-line JSON summary that scripts read. Pure functions.
import { percentile } from './metrics';
import { EVENT_KINDS, type EventKind } from './latency-session';
import type { PhaseBlock } from './latency-probe';
import type { CursorRest, Sample } from './latency-replay';

/** The aims of issue #7: per event type at 8K tokens (p95 relaxed at 32K), and for the first request. */
export const AIMS = { p95Ms: 15, p95MsAt32K: 30, maxMs: 50, firstAfterReadyMs: 50, mainThreadBlockMs: 10 } as const;

export interface Stats {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** What one workspace's run measured; memory figures are undefined where the mode cannot measure them. */
export interface LatencyRun {
  readonly workspace: string;
  readonly mode: 'in-process' | 'thread';
  readonly budgetTokens: number;
  readonly seed: number;
  readonly files: number;
  /** From open() until the index was ready, and the warm-up after it. */
  readonly indexMs: number;
  readonly warmUpMs: number;
  /** A request 1 s after ready, while the warm-up runs (latency-bench.ts requestDuringWarmUp): not among the samples. */
  readonly duringWarmUp?: { readonly ms: number; readonly crossFileItems: number; readonly warmedUp: boolean; readonly partial?: string };
  readonly samples: readonly Sample[];
  readonly branchSettleMs: readonly number[];
  /** What happened where the cursor came to rest (latency-replay.ts), and each context the engine prepared there. */
  readonly cursorRest: CursorRest;
  readonly preparedMs: readonly number[];
  readonly blocks: { readonly indexing: PhaseBlock; readonly session: PhaseBlock };
  readonly memory?: { readonly heapMB: number; readonly rssMB: number; readonly peakRssMB: number };
  /** The machine's 1-minute load average at the end of the session: other work on the cores slows every figure. */
  readonly loadAverage: number;
}

export function stats(values: readonly number[]): Stats {
  return { count: values.length, p50Ms: percentile(values, 50), p95Ms: percentile(values, 95), maxMs: Math.max(...values) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function byEvent(samples: readonly Sample[]): Partial<Record<EventKind, Stats>> {
  const out: Partial<Record<EventKind, Stats>> = {};
  for (const kind of EVENT_KINDS) {
    const values = samples.filter(s => s.kind === kind).map(s => s.ms);
    if (values.length > 0) out[kind] = stats(values);
  }
  return out;
}

const longestBlock = (run: LatencyRun) => Math.max(run.blocks.indexing.probeMs, run.blocks.indexing.histogramMs, run.blocks.session.probeMs, run.blocks.session.histogramMs);
const heapPer1k = (run: LatencyRun) => (run.memory ? (run.memory.heapMB / run.files) * 1000 : null);

/** The JSON of one run: the required fields first, then the details per event type. */
export function runJson(run: LatencyRun): Record<string, unknown> {
  const all = stats(run.samples.map(s => s.ms));
  const events = byEvent(run.samples);
  const rounded = (s: Stats) => ({ count: s.count, p50Ms: round1(s.p50Ms), p95Ms: round1(s.p95Ms), maxMs: round1(s.maxMs) });
  const heap = heapPer1k(run);
  return {
    p50Ms: round1(all.p50Ms),
    p95Ms: round1(all.p95Ms),
    maxMs: round1(all.maxMs),
    firstAfterReadyMs: round1(events.first?.maxMs ?? NaN),
    longestMainThreadBlockMs: round1(longestBlock(run)),
    heapMBPer1kFiles: heap === null ? null : round1(heap),
    files: run.files,
    workspace: run.workspace,
    mode: run.mode,
    budgetTokens: run.budgetTokens,
    seed: run.seed,
    loadAverage: round1(run.loadAverage),
    indexMs: Math.round(run.indexMs),
    warmUpMs: Math.round(run.warmUpMs),
    ...(run.duringWarmUp ? { duringWarmUp: { ...run.duringWarmUp, ms: round1(run.duringWarmUp.ms) } } : {}),
    mainThreadBlockMs: {
      indexing: { probe: round1(run.blocks.indexing.probeMs), histogram: round1(run.blocks.indexing.histogramMs), idleThread: round1(run.blocks.indexing.idleThreadMs) },
      session: { probe: round1(run.blocks.session.probeMs), histogram: round1(run.blocks.session.histogramMs), idleThread: round1(run.blocks.session.idleThreadMs) },
    },
    memory: run.memory ? { heapMB: round1(run.memory.heapMB), rssMB: round1(run.memory.rssMB), peakRssMB: round1(run.memory.peakRssMB) } : 'not measured',
    branchSettleMs: run.branchSettleMs.map(Math.round),
    cursorRest: run.cursorRest,
    preparedMs: run.preparedMs.length > 0 ? rounded(stats(run.preparedMs)) : null,
    events: Object.fromEntries(Object.entries(events).map(([kind, s]) => [kind, rounded(s)])),
  };
}

/**
 * The last line of the output. One workspace: its figures. Several: the requests pooled for the
 * percentiles, the worst workspace for the first request, the main-thread block and the heap per file,
 * the files summed; each workspace's own figures under `workspaces`.
 */
export function summaryJson(runs: readonly LatencyRun[]): Record<string, unknown> {
  if (runs.length === 1) return runJson(runs[0]);
  const all = stats(runs.flatMap(r => r.samples.map(s => s.ms)));
  const heaps = runs.map(heapPer1k);
  return {
    p50Ms: round1(all.p50Ms),
    p95Ms: round1(all.p95Ms),
    maxMs: round1(all.maxMs),
    firstAfterReadyMs: round1(Math.max(...runs.map(r => byEvent(r.samples).first?.maxMs ?? NaN))),
    longestMainThreadBlockMs: round1(Math.max(...runs.map(longestBlock))),
    heapMBPer1kFiles: heaps.some(h => h === null) ? null : round1(Math.max(...(heaps as number[]))),
    files: runs.reduce((sum, r) => sum + r.files, 0),
    workspaces: runs.map(runJson),
  };
}

function aimFor(kind: EventKind, budgetTokens: number): string {
  if (kind === 'first') return `first <= ${AIMS.firstAfterReadyMs}`;
  return `p95 <= ${budgetTokens > 8192 ? AIMS.p95MsAt32K : AIMS.p95Ms}, max <= ${AIMS.maxMs}`;
}

function meets(kind: EventKind, s: Stats, budgetTokens: number): boolean {
  if (kind === 'first') return s.maxMs <= AIMS.firstAfterReadyMs;
  return s.p95Ms <= (budgetTokens > 8192 ? AIMS.p95MsAt32K : AIMS.p95Ms) && s.maxMs <= AIMS.maxMs;
}

function tableRows(run: LatencyRun): string[][] {
  const ms = (x: number) => x.toFixed(1);
  return Object.entries(byEvent(run.samples)).map(([kind, s]) => [
    kind,
    String(s.count),
    ms(s.p50Ms),
    ms(s.p95Ms),
    ms(s.maxMs),
    aimFor(kind as EventKind, run.budgetTokens),
    meets(kind as EventKind, s, run.budgetTokens) ? 'yes' : 'NO',
  ]);
}

const COLUMNS = ['event', 'n', 'p50 ms', 'p95 ms', 'max ms', 'aim (ms)', 'met'];

function headline(run: LatencyRun): string[] {
  const block = (b: PhaseBlock) => `${b.probeMs.toFixed(1)} ms (event-loop histogram ${b.histogramMs.toFixed(1)} ms; an idle thread's timer ${b.idleThreadMs.toFixed(1)} ms)`;
  const memory = run.memory
    ? `${run.mode === 'thread' ? 'engine-thread heap after gc (the whole thread, its runtime and tokenizer included)' : 'heap kept by the engine after gc'} ${run.memory.heapMB.toFixed(0)} MB (${heapPer1k(run)!.toFixed(1)} MB per 1,000 files, aim <= 30), RSS ${run.memory.rssMB.toFixed(0)} MB, process peak RSS ${run.memory.peakRssMB.toFixed(0)} MB`
    : 'engine heap and RSS: not measured (the thread client does not expose them)';
  const settle = run.branchSettleMs.length > 0 ? `; branch switches taken in after ${run.branchSettleMs.map(x => x.toFixed(0)).join(', ')} ms` : '';
  const prepared = run.preparedMs.length > 0 ? `, ${run.preparedMs.length} contexts prepared there (p50 ${stats(run.preparedMs).p50Ms.toFixed(1)} ms, max ${stats(run.preparedMs).maxMs.toFixed(1)} ms; nobody waits)` : '';
  return [
    `${run.workspace}: ${run.files} files indexed, ${run.mode}, ${run.budgetTokens} tokens, seed ${run.seed}, load average ${run.loadAverage.toFixed(1)}`,
    `  index ${run.indexMs.toFixed(0)} ms, warm-up ${run.warmUpMs.toFixed(0)} ms${settle}`,
    ...(run.duringWarmUp ? [`  a keystroke 1 s after ready${run.duringWarmUp.warmedUp ? ' (the warm-up had ended)' : ', during the warm-up'}: ${run.duringWarmUp.ms.toFixed(1)} ms, ${run.duringWarmUp.crossFileItems} items from other files${run.duringWarmUp.partial ? ` (${run.duringWarmUp.partial})` : ''}`] : []),
    `  cursor rests: ${run.cursorRest}${prepared}`,
    `  longest main-thread block: indexing ${block(run.blocks.indexing)}, session ${block(run.blocks.session)}; aim <= ${AIMS.mainThreadBlockMs}`,
    `  ${memory}`,
  ];
}

export function formatTable(run: LatencyRun): string {
  const table = [COLUMNS, ...tableRows(run)];
  const widths = COLUMNS.map((_, c) => Math.max(...table.map(r => r[c].length)));
  const lines = table.map(r => r.map((cell, c) => (c === 0 || c >= 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  return [...headline(run), ...lines.map(l => `  ${l}`)].join('\n');
}

export function formatMarkdown(run: LatencyRun): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const [title, ...details] = headline(run);
  return [`### ${title}`, '', ...details.map(d => `- ${d.trim()}`), '', line(COLUMNS), line(COLUMNS.map((_, c) => (c === 0 || c >= 5 ? '---' : '---:'))), ...tableRows(run).map(line)].join('\n');
}
