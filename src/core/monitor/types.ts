// What the monitor is told (settings) and what it tells back (the result the inspector shows).
import type { ModelBackend } from '../model';
import type { SteeringStrategy } from './constraints';
import type { DiagnosticFinding } from './diagnostic-findings';

export interface MonitorSettings {
  /** The endpoint's software (configured, or found by detectBackend); `off` for raw completions. */
  readonly backend: ModelBackend | 'off';
  /**
   * Milliseconds the monitor waits, once the model is done, for the oracle's answers still open; past it
   * those member accesses go unchecked. An answer that comes while the model still writes is used whenever
   * it comes: the model's own time is not the monitor's latency.
   */
  readonly triggerBudgetMs: number;
  /** Most members put right in one completion. */
  readonly maxRepairs: number;
  /** After this many milliseconds since the first request, the monitor no longer steers: the answer would come too late. */
  readonly maxSteeringMs: number;
  /** Alternatives per token asked of the endpoint for stop-and-repair (0: none). */
  readonly topLogprobs: number;
  /**
   * Also check the finished completion's diagnostics for invented names and wrong argument counts. Off by
   * default: the server checks the whole file for it (100+ ms on a large file), and a check cancelled at
   * the budget still keeps tsc busy, delaying the next completion's member checks (bench:monitor).
   */
  readonly checkDiagnostics: boolean;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = {
  backend: 'openai',
  // typescript 7 answers a shadow completion in 3-40 ms here (NOTES.md).
  triggerBudgetMs: 50,
  maxRepairs: 3,
  maxSteeringMs: 3000,
  topLogprobs: 5,
  checkDiagnostics: false,
};

/** One thing the monitor changed, and why: for the inspector. */
export interface MonitorChange {
  /** Offset in the final completion where the member's name starts. */
  readonly offset: number;
  /** The name the model wrote (as far as it got before the stream was stopped). */
  readonly from: string;
  readonly to: string;
  readonly strategy: SteeringStrategy;
  readonly why: string;
}

export interface MonitoredCompletion {
  readonly text: string;
  readonly strategy: SteeringStrategy | 'off';
  readonly changes: readonly MonitorChange[];
  /** Invented names and wrong argument counts left in the final text (the diagnostics monitor). */
  readonly findings: readonly DiagnosticFinding[];
  /** True when findings remain: the editor should not show this completion (or rank it last). */
  readonly rejected: boolean;
  /** What the monitor could not do and why ("no answer within the 50 ms budget"); also sent to the log. */
  readonly notes: readonly string[];
  /** Member accesses checked, and how long each oracle answer took. */
  readonly checkMs: readonly number[];
  /** Milliseconds spent waiting for the oracle after the model had finished: the monitor's own latency. */
  readonly waitedMs: number;
  /** Requests sent to the model (1 when nothing was repaired). */
  readonly requests: number;
}
