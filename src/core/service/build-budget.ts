// One build's time and cancellation: checked between the stages of buildContext, and handed to the ranking as
// its StopCheck so a synchronous ranking stops too.
import { performance } from 'node:perf_hooks';
import type { BuildControl, StopCheck } from '../types';

/** The stages of a context build, in order. */
export type BuildStage = 'parse' | 'cursor' | 'facts' | 'rank' | 'pack';

export function abortError(message: string): Error {
  return new DOMException(message, 'AbortError');
}

export class BuildBudget {
  private readonly started: number;
  private stopSeen = false;

  constructor(private readonly control: BuildControl = {}) {
    this.started = control.startedAt === undefined ? performance.now() : Math.min(performance.now(), control.startedAt - performance.timeOrigin);
  }

  get deadlineMs(): number | undefined {
    return this.control.deadlineMs;
  }

  cancelled(): boolean {
    return this.control.signal?.aborted === true || this.control.isCancelled?.() === true;
  }

  pastDeadline(): boolean {
    return this.control.deadlineMs !== undefined && performance.now() - this.started >= this.control.deadlineMs;
  }

  /** Milliseconds left before the deadline; undefined without one. */
  remainingMs(): number | undefined {
    return this.control.deadlineMs === undefined ? undefined : Math.max(0, this.control.deadlineMs - (performance.now() - this.started));
  }

  /** The caller's AbortSignal, for the asynchronous stages (the language facts) to stop waiting on. */
  get signal(): AbortSignal | undefined {
    return this.control.signal;
  }

  /** Rejects the build before `next` runs when it was cancelled. */
  throwIfCancelled(next: BuildStage, done: readonly BuildStage[]): void {
    if (this.cancelled()) throw abortError(`Context build cancelled before ${next} (done: ${done.join(', ') || 'nothing'}).`);
  }

  /** For the synchronous stages (ranking, packing): true once the build is cancelled or past its deadline. */
  readonly stop: StopCheck = {
    shouldStop: () => {
      const stop = this.cancelled() || this.pastDeadline();
      if (stop) this.stopSeen = true;
      return stop;
    },
  };

  /** Whether a synchronous stage was told to stop (and so did only part of what it would have). */
  get stopped(): boolean {
    return this.stopSeen;
  }
}
