import type { IndexProgress } from '../core/types';
import { formatTokens } from './manifest-tree';

/** Everything the status bar item depends on, as plain data (the adapter gathers it, the unit tests build it). */
export interface StatusInput {
  readonly engine: { readonly kind: 'indexing'; readonly progress?: IndexProgress } | { readonly kind: 'ready'; readonly files: number } | { readonly kind: 'failed' | 'cancelled'; readonly message?: string };
  readonly busy: boolean;
  readonly failure: string | undefined;
  /** Why completions are off where the user types: "globally", "in this workspace", "for markdown"; undefined when on. */
  readonly off: string | undefined;
  readonly snoozedMinutes: number | undefined;
  readonly lastPrompt: { readonly used: number; readonly budget: number } | undefined;
}

export type StatusState = 'indexing' | 'index-failed' | 'working' | 'error' | 'off' | 'snoozed' | 'ready';

export interface StatusView {
  readonly state: StatusState;
  readonly text: string;
  readonly tooltip: string;
}

const NAME = 'Codebase Context';
const CLICK = 'Click for the menu.';

/**
 * One state at a time, the most useful first: indexing problems block everything, a request in flight is
 * what the user waits for, a failure needs action, off and snoozed explain missing ghost text.
 */
export function statusView(input: StatusInput): StatusView {
  const { engine } = input;
  if (engine.kind === 'indexing') {
    const p = engine.progress;
    const progress = p && p.total > 0 ? ` ${Math.floor((100 * p.done) / p.total)}%` : '';
    return { state: 'indexing', text: `$(sync~spin) ${NAME}: indexing${progress}`, tooltip: `${NAME} is indexing the workspace${p ? ` (${p.phase} ${p.done} of ${p.total})` : ''}. ${CLICK}` };
  }
  if (engine.kind !== 'ready') {
    const why = engine.kind === 'failed' ? `Indexing failed: ${engine.message}.` : 'Indexing was cancelled.';
    return { state: 'index-failed', text: `$(warning) ${NAME}`, tooltip: `${why} Run "Reindex Workspace". ${CLICK}` };
  }
  if (input.busy) return { state: 'working', text: `$(loading~spin) ${NAME}`, tooltip: `${NAME} is building a context or waiting for the model.` };
  if (input.failure) return { state: 'error', text: `$(error) ${NAME}`, tooltip: `The last request failed: ${input.failure} ${CLICK}` };
  if (input.off) return { state: 'off', text: `$(circle-slash) ${NAME}`, tooltip: `Inline completions are off ${input.off}. ${CLICK}` };
  if (input.snoozedMinutes !== undefined) {
    return { state: 'snoozed', text: `$(clock) ${NAME}: snoozed ${input.snoozedMinutes}m`, tooltip: `Inline completions are snoozed for ${input.snoozedMinutes} more minutes. ${CLICK}` };
  }
  const last = input.lastPrompt;
  const tokens = last ? ` ${formatTokens(last.used)}/${formatTokens(last.budget)}` : '';
  const detail = last ? `The last prompt used ${last.used} of ${last.budget} tokens.` : `Indexed ${engine.files} files.`;
  return { state: 'ready', text: `$(layers) ${NAME}${tokens}`, tooltip: `${NAME} is ready. ${detail} ${CLICK}` };
}
