import type { FileCandidate } from './candidates';
import { applyMove, EMPTY_STATE, isSpanShown, outlineWorthwhile, possibleMoves, stateCost, stateValue, type FileState, type Move, type Pricing } from './file-state';

export interface Selection {
  /** Aligned with the candidates. */
  readonly states: readonly FileState[];
  /** Estimated tokens left of the cross-file budget. */
  readonly remaining: number;
}

interface Option {
  readonly move: Move;
  readonly gain: number;
  readonly cost: number;
}

/** Pinned files go in first, whole when they fit, else as an outline: the user asked for them. */
function placePinned(candidates: readonly FileCandidate[], states: FileState[], budget: number, pricing: Pricing): number {
  let remaining = budget;
  candidates.forEach((c, i) => {
    if (!c.ranked.pinned) return;
    for (const move of [{ kind: 'file' }, { kind: 'outline' }] as const) {
      if (move.kind === 'outline' && !outlineWorthwhile(c, pricing)) continue;
      const next = applyMove(states[i], move);
      const cost = stateCost(c, next, pricing) - stateCost(c, states[i], pricing);
      if (cost <= remaining) {
        states[i] = next;
        remaining -= cost;
        return;
      }
    }
  });
  return remaining;
}

function optionsOf(c: FileCandidate, state: FileState, pricing: Pricing): Option[] {
  const value = stateValue(c, state, pricing);
  const cost = stateCost(c, state, pricing);
  return possibleMoves(c, state, pricing).map(move => {
    const next = applyMove(state, move);
    return { move, gain: stateValue(c, next, pricing) - value, cost: stateCost(c, next, pricing) - cost };
  });
}

function density(o: Option): number {
  return o.cost <= 0 ? Number.POSITIVE_INFINITY : o.gain / o.cost;
}

/**
 * `levels` packing: repeatedly applies the upgrade (outline, whole file, one more declaration) with the most
 * value per token that still fits, until none does. Signatures of many relevant files usually win over the
 * body of one; a file whose spans are most of it gets upgraded to the whole file. Ties break by rank, so
 * the result is deterministic.
 */
export function selectByValue(candidates: readonly FileCandidate[], budget: number, pricing: Pricing): Selection {
  const states: FileState[] = candidates.map(() => EMPTY_STATE);
  let remaining = placePinned(candidates, states, budget, pricing);
  const options = candidates.map((c, i) => optionsOf(c, states[i], pricing));
  for (;;) {
    let best: { file: number; option: Option; density: number } | undefined;
    options.forEach((list, file) => {
      for (const option of list) {
        if (option.gain <= 0 || option.cost > remaining) continue;
        const d = density(option);
        if (!best || d > best.density || (d === best.density && option.gain > best.option.gain)) best = { file, option, density: d };
      }
    });
    if (!best) break;
    const c = candidates[best.file];
    states[best.file] = applyMove(states[best.file], best.option.move);
    remaining -= best.option.cost;
    options[best.file] = optionsOf(c, states[best.file], pricing);
  }
  return { states, remaining };
}

/**
 * `in-order` packing, faithful to how retrieval baselines fill a prompt: spans in rank order (score, then
 * the ranking's own order), each at the level it asks for, skipping what is already shown or does not fit.
 */
export function selectInOrder(candidates: readonly FileCandidate[], budget: number, pricing: Pricing): Selection {
  const states: FileState[] = candidates.map(() => EMPTY_STATE);
  let remaining = placePinned(candidates, states, budget, pricing);
  const queue = candidates
    .flatMap((c, file) => c.spans.map((span, index) => ({ file, index, score: span.score, level: span.level })))
    .sort((a, b) => b.score - a.score || a.file - b.file || a.index - b.index);
  for (const item of queue) {
    const c = candidates[item.file];
    const move: Move = item.level === 'snippet' ? { kind: 'snippet', span: item.index } : { kind: item.level };
    if (move.kind === 'outline' && c.outline.length === 0) continue;
    if (move.kind === 'snippet' && isSpanShown(c, states[item.file], item.index)) continue;
    const next = applyMove(states[item.file], move);
    if (next === states[item.file]) continue;
    const cost = stateCost(c, next, pricing) - stateCost(c, states[item.file], pricing);
    if (cost > remaining) continue;
    states[item.file] = next;
    remaining -= cost;
  }
  return { states, remaining };
}
