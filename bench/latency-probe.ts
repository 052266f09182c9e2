// The longest main-thread block, as the editor would feel it: a 1 ms timer measures its own lateness, and
// Node's event-loop delay histogram confirms it. Each phase (indexing, the editing session) has its own
// maximum. In thread mode the engine's work is in another thread, so what is left here is the client side.
//
// On a loaded machine the operating system also makes timers late. The same timer in an idle thread of
// this process measures that noise floor, so a block can be told apart from a busy machine.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const TICK_MS = 1;

export interface PhaseBlock {
  /** Longest lateness of the 1 ms timer. */
  readonly probeMs: number;
  /** Maximum of `monitorEventLoopDelay` over the phase. */
  readonly histogramMs: number;
  /** Longest lateness of the same timer in an idle thread: what the machine alone caused. */
  readonly idleThreadMs: number;
}

/** The idle thread: keeps its own longest lateness, answers and resets it on any message. */
const IDLE_THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
let last = performance.now();
let longest = 0;
setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last - ${TICK_MS});
  last = now;
}, ${TICK_MS});
parentPort.on('message', () => {
  parentPort.postMessage(longest);
  longest = 0;
});
`;

export class MainThreadProbe {
  private readonly histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  private readonly timer: NodeJS.Timeout;
  private readonly idleThread = new Worker(IDLE_THREAD_SOURCE, { eval: true });
  private last = performance.now();
  private longest = 0;

  constructor() {
    this.histogram.enable();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.longest = Math.max(this.longest, now - this.last - TICK_MS);
      this.last = now;
    }, TICK_MS);
  }

  /** The phase since the last call (or since the start), and a fresh start for the next one. */
  async endPhase(): Promise<PhaseBlock> {
    const probeMs = this.longest;
    const histogramMs = this.histogram.max / 1e6;
    this.longest = 0;
    this.histogram.reset();
    const idleThreadMs = await new Promise<number>(resolve => {
      this.idleThread.once('message', resolve);
      this.idleThread.postMessage('end phase');
    });
    return { probeMs, histogramMs, idleThreadMs };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.histogram.disable();
    await this.idleThread.terminate();
  }
}
