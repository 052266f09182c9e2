import type { StopCheck } from '../types';
import type { FileCandidate } from './candidates';
import { applyMove, EMPTY_STATE, isSpanShown, outlineWorthwhile, possibleMoves, stateCost, stateValue, type FileState, type Move, type Pricing } from './file-state';

export interface Selection {
  /** Aligned with the candidates. */
  readonly states: readonly FileState[];
  /** Estimated tokens left of the cross-file budget. */
  readonly remaining: number;
}

/** Pinned files go in first, whole when they fit, else as an outline: the user asked for them. */
function placePinned(candidates: readonly FileCandidate[], states: FileState[], budget: number, pricing: Pricing): number {
  let remaining = budget;
  candidates.forEach((c, i) => {
    if (!c.ranked.pinned) return;
    for (const move of [{ kind: 'file' }, { kind: 'outline' }] as const) {
      if (move.kind === 'outline' && !outlineWorthwhile(c, pricing)) continue;
      const next = applyMove(c, states[i], move);
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

/** One upgrade open to one file, as of that file's `version` (any later move of the file makes it stale). */
interface Option {
  readonly file: number;
  readonly version: number;
  /** Position among the file's options: the last tie-break, as in a scan of them in order. */
  readonly order: number;
  readonly move: Move;
  readonly gain: number;
  readonly cost: number;
  readonly density: number;
}

/** Best first: most value per token, then most value, then the file ranked higher, then the earlier option. */
function better(a: Option, b: Option): boolean {
  return a.density !== b.density ? a.density > b.density : a.gain !== b.gain ? a.gain > b.gain : a.file !== b.file ? a.file < b.file : a.order < b.order;
}

/** A binary max-heap of options. */
class OptionHeap {
  private readonly items: Option[] = [];

  get size(): number {
    return this.items.length;
  }

  push(option: Option): void {
    const items = this.items;
    let i = items.push(option) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): Option {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ; ) {
        const left = 2 * i + 1;
        const right = left + 1;
        let best = i;
        if (left < items.length && better(items[left], items[best])) best = left;
        if (right < items.length && better(items[right], items[best])) best = right;
        if (best === i) break;
        [items[i], items[best]] = [items[best], items[i]];
        i = best;
      }
    }
    return top;
  }
}

/** The file's worthwhile upgrades that fit in `remaining`, priced against its current state. */
function pushOptions(heap: OptionHeap, c: FileCandidate, file: number, version: number, state: FileState, remaining: number, pricing: Pricing): void {
  const value = stateValue(c, state, pricing);
  const cost = stateCost(c, state, pricing);
  const moves = possibleMoves(c, state, pricing);
  for (let order = 0; order < moves.length; order++) {
    const next = applyMove(c, state, moves[order]);
    // The cost first: it is cheap, and a move that does not fit is not worth valuing (most, once the budget fills).
    const added = stateCost(c, next, pricing) - cost;
    if (added > remaining) continue;
    const gain = stateValue(c, next, pricing) - value;
    if (gain <= 0) continue;
    heap.push({ file, version, order, move: moves[order], gain, cost: added, density: added <= 0 ? Number.POSITIVE_INFINITY : gain / added });
  }
}

/**
 * `levels` packing: repeatedly applies the upgrade (outline, whole file, one more declaration) with the most
 * value per token that still fits, until none does. Signatures of many relevant files usually win over the
 * body of one; a file whose spans are most of it gets upgraded to the whole file. Ties break by rank, so
 * the result is deterministic.
 *
 * Options live in a max-heap and only the moved file's options are priced again: an option that does not
 * fit now never will (what is left only shrinks), and one of a file that has moved since is stale.
 */
export function selectByValue(candidates: readonly FileCandidate[], budget: number, pricing: Pricing, stop?: StopCheck): Selection {
  const states: FileState[] = candidates.map(() => EMPTY_STATE);
  let remaining = placePinned(candidates, states, budget, pricing);
  const versions = new Int32Array(candidates.length);
  const heap = new OptionHeap();
  candidates.forEach((c, file) => pushOptions(heap, c, file, 0, states[file], remaining, pricing));
  // Stopped (deadline, cancel): the upgrades made so far are a valid selection, only a smaller one.
  while (heap.size > 0 && !stop?.shouldStop()) {
    const best = heap.pop();
    if (best.version !== versions[best.file] || best.cost > remaining) continue;
    const file = best.file;
    states[file] = applyMove(candidates[file], states[file], best.move);
    remaining -= best.cost;
    pushOptions(heap, candidates[file], file, ++versions[file], states[file], remaining, pricing);
  }
  return { states, remaining };
}

/**
 * `in-order` packing, faithful to how retrieval baselines fill a prompt: spans in rank order (score, then
 * the ranking's own order), each at the level it asks for, skipping what is already shown or does not fit.
 */
export function selectInOrder(candidates: readonly FileCandidate[], budget: number, pricing: Pricing, stop?: StopCheck): Selection {
  const states: FileState[] = candidates.map(() => EMPTY_STATE);
  let remaining = placePinned(candidates, states, budget, pricing);
  const queue = candidates
    .flatMap((c, file) => c.spans.map((span, index) => ({ file, index, score: span.score, level: span.level })))
    .sort((a, b) => b.score - a.score || a.file - b.file || a.index - b.index);
  for (const item of queue) {
    if (stop?.shouldStop()) break;
    const c = candidates[item.file];
    const move: Move = item.level === 'snippet' ? { kind: 'snippet', span: item.index } : { kind: item.level };
    if (move.kind === 'outline' && c.outline.length === 0) continue;
    if (move.kind === 'snippet' && isSpanShown(c, states[item.file], item.index)) continue;
    const next = applyMove(c, states[item.file], move);
    if (next === states[item.file]) continue;
    const cost = stateCost(c, next, pricing) - stateCost(c, states[item.file], pricing);
    if (cost > remaining) continue;
    states[item.file] = next;
    remaining -= cost;
  }
  return { states, remaining };
}
