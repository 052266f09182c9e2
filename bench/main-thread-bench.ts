// What the engine costs the caller's thread, in-process (ContextEngine) and in its own thread (EngineThread),
// side by side on a generated workspace: the main thread's longest block during the full index, the warm-up
// and a typing sequence (each keystroke cancels the previous build, as the editor does), beside the same
// timer in an idle thread (the loaded machine's noise floor), how long the main thread was busy, and the
// engine's heap. Each mode runs in a process of its own (an in-process engine's garbage would be collected on the main
// thread during the other mode's run). Prints one table and one JSON line.
//   node --import tsx bench/main-thread-bench.ts [--files N] [--keystrokes N]
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ContextEngine } from '../src/core/engine';
import type { EngineApi } from '../src/core/service/api';
import { EngineThread } from '../src/core/service/engine-thread';
import { generateWorkspace, type GeneratedWorkspace } from './generated-workspace';
import { MainThreadProbe, type PhaseBlock } from './latency-probe';

const { values } = parseArgs({ options: { files: { type: 'string', default: '3000' }, keystrokes: { type: 'string', default: '60' }, mode: { type: 'string' } } });
const FILES = Number(values.files);
const KEYSTROKES = Number(values.keystrokes);
/** Between keystrokes: a fast typist, in bursts of BURST keystrokes with a pause after each (where a build completes). */
const KEYSTROKE_INTERVAL_MS = 60;
const BURST = 10;
const PAUSE_MS = 800;
/** The editor's default `contextTimeBudgetMs`. */
const DEADLINE_MS = 500;

/** Milliseconds the main thread's event loop was busy (not waiting) during a phase: its own work, GC included. */
interface Busy {
  readonly busyMs: number;
}

interface ModeResult {
  readonly mode: string;
  readonly index: PhaseBlock & Busy & { readonly ms: number };
  readonly warmUp: PhaseBlock & Busy & { readonly ms: number };
  readonly typing: PhaseBlock & Busy & { readonly builds: number; readonly cancelled: number; readonly partial: number; readonly medianBuildMs: number };
  readonly engineHeapMB: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function typeInto(engine: EngineApi, workspace: GeneratedWorkspace): Promise<{ builds: number; cancelled: number; partial: number; buildMs: number[] }> {
  const file = workspace.files[10];
  let text = (await engine.text(file)) ?? '';
  const anchor = text.indexOf('this.cache.set(');
  let offset = anchor;
  const typed = 'const total = helper10(options.size, 2) + this.upstream.run(';
  let previous: AbortController | undefined;
  const outcomes: Promise<void>[] = [];
  const buildMs: number[] = [];
  let cancelled = 0;
  let partial = 0;
  for (let k = 0; k < KEYSTROKES; k++) {
    text = text.slice(0, offset) + typed[k % typed.length] + text.slice(offset);
    offset++;
    const before = text.slice(0, offset);
    const position = { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
    previous?.abort(); // the next keystroke cancels the build of the last one
    const controller = new AbortController();
    previous = controller;
    const started = performance.now();
    outcomes.push(
      engine.buildContext({ file, position, text, budgetTokens: 2048 }, { signal: controller.signal, deadlineMs: DEADLINE_MS }).then(
        result => {
          buildMs.push(performance.now() - started);
          if (result.manifest.partial) partial++;
        },
        (error: Error) => {
          if (error.name !== 'AbortError') throw error;
          cancelled++;
        },
      ),
    );
    if (k % 5 === 4) outcomes.push(engine.updateFile(file, text)); // the editor's debounced buffer sync
    await new Promise(resolve => setTimeout(resolve, k % BURST === BURST - 1 ? PAUSE_MS : KEYSTROKE_INTERVAL_MS));
  }
  await Promise.all(outcomes);
  return { builds: buildMs.length, cancelled, partial, buildMs };
}

async function measure(mode: 'in-process' | 'thread', workspace: GeneratedWorkspace): Promise<ModeResult> {
  const probe = new MainThreadProbe();
  try {
    let started = performance.now();
    let utilization = performance.eventLoopUtilization();
    const busy = (): Busy => {
      const phase = performance.eventLoopUtilization(utilization);
      utilization = performance.eventLoopUtilization();
      return { busyMs: Math.round(phase.active) };
    };
    const options = { root: workspace.root, cacheDir: false as const };
    const engine: EngineApi = mode === 'thread' ? await EngineThread.open(options) : await ContextEngine.open(options);
    const index = { ...(await probe.endPhase()), ...busy(), ms: Math.round(performance.now() - started) };
    started = performance.now();
    await engine.warmUp();
    const warmUp = { ...(await probe.endPhase()), ...busy(), ms: Math.round(performance.now() - started) };
    const typed = await typeInto(engine, workspace);
    const typing = { ...(await probe.endPhase()), ...busy(), builds: typed.builds, cancelled: typed.cancelled, partial: typed.partial, medianBuildMs: Math.round(median(typed.buildMs)) };
    const stats = await engine.stats();
    await engine.dispose();
    return { mode, index, warmUp, typing, engineHeapMB: Math.round(stats.heap.usedHeapSize / 2 ** 20) };
  } finally {
    await probe.stop();
  }
}

/** One mode in a fresh process (on its own copy of the same generated workspace): its JSON result. */
function measureApart(mode: 'in-process' | 'thread'): ModeResult {
  const args = [...process.execArgv, ...process.argv.slice(1), '--mode', mode];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 2 ** 24 })) as ModeResult;
}

async function main(): Promise<void> {
  if (values.mode === 'thread' || values.mode === 'in-process') {
    const workspace = generateWorkspace(FILES);
    try {
      process.stdout.write(JSON.stringify(await measure(values.mode, workspace)));
    } finally {
      workspace.remove();
    }
    return;
  }
  const results = [measureApart('in-process'), measureApart('thread')];
  const block = (phase: PhaseBlock) => `${phase.probeMs.toFixed(0)} [${phase.idleThreadMs.toFixed(0)}] ms`.padStart(16);
  console.log(`${FILES} generated files; ${KEYSTROKES} keystrokes every ${KEYSTROKE_INTERVAL_MS} ms (a ${PAUSE_MS} ms pause after every ${BURST}), each building a context with a deadline of ${DEADLINE_MS} ms`);
  console.log("Longest main-thread block per phase, [the same timer's in an idle thread: the machine's noise floor]");
  console.log(`${'mode'.padEnd(11)} ${'index'.padStart(16)} ${'warm-up'.padStart(16)} ${'typing'.padStart(16)}  main busy ms (index, warm-up, typing)  index / warm-up ms  builds (cancelled, partial)  median build  engine heap`);
  for (const r of results) {
    console.log(
      `${r.mode.padEnd(11)} ${block(r.index)} ${block(r.warmUp)} ${block(r.typing)}  ${`${r.index.busyMs}, ${r.warmUp.busyMs}, ${r.typing.busyMs}`.padEnd(37)} ${`${r.index.ms} / ${r.warmUp.ms}`.padEnd(19)} ${`${r.typing.builds} (${r.typing.cancelled}, ${r.typing.partial})`.padEnd(28)} ${`${r.typing.medianBuildMs} ms`.padStart(12)}  ${r.engineHeapMB} MB`,
    );
  }
  console.log(JSON.stringify({ files: FILES, keystrokes: KEYSTROKES, results }));
}

void main();
