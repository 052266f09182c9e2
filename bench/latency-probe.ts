// The longest main-thread block, as the editor would feel it: a 1 ms timer measures its own lateness, and
// Node's event-loop delay histogram confirms it. Each phase (indexing, the editing session) has its own
// maximum. In thread mode the engine's work is in another thread, so what is left here is the client side.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const TICK_MS = 1;

export interface PhaseBlock {
  /** Longest lateness of the 1 ms timer. */
  readonly probeMs: number;
  /** Maximum of `monitorEventLoopDelay` over the phase. */
  readonly histogramMs: number;
}

export class MainThreadProbe {
  private readonly histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  private readonly timer: NodeJS.Timeout;
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
  endPhase(): PhaseBlock {
    const block = { probeMs: this.longest, histogramMs: this.histogram.max / 1e6 };
    this.longest = 0;
    this.histogram.reset();
    return block;
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}
