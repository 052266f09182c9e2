import type { StopCheck } from '../types';
import type { FileCandidate } from './candidates';
import { applyMove, EMPTY_STATE, isSpanShown, moveGain, outlineWorthwhile, possibleMoves, snippetPriceKept, stateCost, type FileState, type Move, type Pricing } from './file-state';

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

/** A file's snippet moves as last priced, by span: what each costs and adds (NaN: not valued, it did not fit). */
type SnippetPrices = ReadonlyMap<number, { readonly cost: number; readonly gain: number }>;

/** The file's state before its last upgrade, a snippet, with the prices its snippet moves had then. */
interface PricedBefore {
  readonly state: FileState;
  readonly added: number;
  readonly prices: SnippetPrices;
}

/**
 * The file's worthwhile upgrades that fit in `remaining`, priced against its current state; its outline,
 * section outline and whole-file options are also added to `bases` when given. A snippet move whose price
 * the last upgrade left as it was (`snippetPriceKept`) is not priced again. Returns the snippet moves' prices.
 */
function pushOptions(heap: OptionHeap, c: FileCandidate, file: number, version: number, state: FileState, remaining: number, pricing: Pricing, bases?: Option[], before?: PricedBefore): SnippetPrices {
  const cost = stateCost(c, state, pricing);
  const moves = possibleMoves(c, state, pricing);
  const prices = new Map<number, { cost: number; gain: number }>();
  for (let order = 0; order < moves.length; order++) {
    const move = moves[order];
    const known = move.kind === 'snippet' && before && snippetPriceKept(c, before.state, state, before.added, move.span) ? before.prices.get(move.span) : undefined;
    let added: number;
    let gain = Number.NaN;
    let next: FileState | undefined;
    if (known) ({ cost: added, gain } = known);
    else {
      next = applyMove(c, state, move);
      added = stateCost(c, next, pricing) - cost;
    }
    // The cost first: it is cheap, and a move that does not fit is not worth valuing (most, once the budget fills).
    if (added <= remaining && Number.isNaN(gain)) gain = moveGain(c, state, move, next ?? applyMove(c, state, move), pricing);
    if (move.kind === 'snippet') prices.set(move.span, { cost: added, gain });
    if (added > remaining || !(gain > 0)) continue;
    const option: Option = { file, version, order, move, gain, cost: added, density: added <= 0 ? Number.POSITIVE_INFINITY : gain / added };
    heap.push(option);
    if (bases && option.move.kind !== 'snippet') bases.push(option);
  }
  return prices;
}

/**
 * One upgrade a fill made: the file's state before it, what it cost and the value it added, so it can be
 * taken back. Taken back latest first, each restores exactly the state its upgrade started from, so the
 * value lost is the sum of their gains.
 */
interface Step {
  readonly file: number;
  readonly before: FileState;
  readonly cost: number;
  readonly gain: number;
}

/** The selection a fill by density reached, with the upgrades it made in order and the least value per token of any. */
interface Fill {
  readonly states: FileState[];
  readonly remaining: number;
  readonly steps: readonly Step[];
  readonly marginal: number;
  /** The outline, section outline and whole-file upgrades open before any upgrade was made, priced against the states the fill started from. */
  readonly firstBases: readonly Option[];
}

/**
 * From `states` (which leave `remaining`), repeatedly applies the upgrade (outline, whole file, one more
 * declaration) with the most value per token that still fits, until none does. Ties break by rank, so the
 * result is deterministic.
 *
 * Options live in a max-heap and only the moved file's options are priced again: an option that does not
 * fit now never will (what is left only shrinks), and one of a file that has moved since is stale.
 */
function fillByDensity(candidates: readonly FileCandidate[], states: FileState[], remaining: number, pricing: Pricing, stop?: StopCheck): Fill {
  const versions = new Int32Array(candidates.length);
  const heap = new OptionHeap();
  const steps: Step[] = [];
  let marginal = Number.POSITIVE_INFINITY;
  const firstBases: Option[] = [];
  const prices = candidates.map((c, file) => pushOptions(heap, c, file, 0, states[file], remaining, pricing, firstBases));
  // Stopped (deadline, cancel): the upgrades made so far are a valid selection, only a smaller one.
  while (heap.size > 0 && !stop?.shouldStop()) {
    const best = heap.pop();
    if (best.version !== versions[best.file] || best.cost > remaining) continue;
    const file = best.file;
    const before = states[file];
    steps.push({ file, before, cost: best.cost, gain: best.gain });
    states[file] = applyMove(candidates[file], before, best.move);
    remaining -= best.cost;
    marginal = Math.min(marginal, best.density);
    const priced = best.move.kind === 'snippet' ? { state: before, added: best.move.span, prices: prices[file] } : undefined;
    prices[file] = pushOptions(heap, candidates[file], file, ++versions[file], states[file], remaining, pricing, undefined, priced);
  }
  return { states, remaining, steps, marginal, firstBases };
}

/**
 * The outlines and whole files a fill left out although, standing alone, they are worth more per token than
 * the least its upgrades were worth: they met their turn with too little room left, not too little value.
 * Standing alone they were priced already, by the fill's first pass (a file not pinned starts empty), which
 * kept those that fit the whole room and add value (the least any upgrade was worth is more than nothing):
 * pricing them again cost a pass over every span of every candidate on each keystroke.
 */
function crowdedOut(candidates: readonly FileCandidate[], fill: Fill): { file: number; move: Move }[] {
  return fill.firstBases.filter(({ file, move, density }) => {
    const c = candidates[file];
    const chosen = fill.states[file];
    if (chosen.base === 'file' || c.ranked.pinned) return false;
    return applyMove(c, chosen, move) !== chosen && density > fill.marginal;
  });
}

/** A crowded-out upgrade made after taking back the fill's upgrades from `kept` on: what it costs and the value it adds, net. */
interface Displacement {
  readonly file: number;
  readonly move: Move;
  readonly kept: number;
  readonly gain: number;
}

/**
 * The fill's last upgrades taken back, latest first, until `move` of `file` fits: the outline or whole file
 * in place of the snippets that filled its room, with the value it adds less the value they covered.
 * Undefined when even taking back every upgrade leaves too little room.
 */
function displacement(candidates: readonly FileCandidate[], fill: Fill, file: number, move: Move, pricing: Pricing): Displacement | undefined {
  const c = candidates[file];
  const added = (state: FileState) => stateCost(c, applyMove(c, state, move), pricing) - stateCost(c, state, pricing);
  let state = fill.states[file];
  let cost = added(state);
  let remaining = fill.remaining;
  let lost = 0;
  let kept = fill.steps.length;
  while (cost > remaining) {
    if (kept === 0) return undefined;
    const step = fill.steps[--kept];
    remaining += step.cost;
    lost += step.gain;
    if (step.file === file) [state, cost] = [step.before, added(step.before)];
  }
  return { file, move, kept, gain: moveGain(c, state, move, applyMove(c, state, move), pricing) - lost };
}

/** The fill with a displacement made: its upgrades from `kept` on taken back, then the crowded-out one. */
function displaced(candidates: readonly FileCandidate[], fill: Fill, d: Displacement, pricing: Pricing): { states: FileState[]; remaining: number } {
  const states = [...fill.states];
  let remaining = fill.remaining;
  for (let k = fill.steps.length - 1; k >= d.kept; k--) {
    states[fill.steps[k].file] = fill.steps[k].before;
    remaining += fill.steps[k].cost;
  }
  const c = candidates[d.file];
  const next = applyMove(c, states[d.file], d.move);
  remaining -= stateCost(c, next, pricing) - stateCost(c, states[d.file], pricing);
  states[d.file] = next;
  return { states, remaining };
}

/**
 * `levels` packing: upgrades by value per token (fillByDensity). Signatures of many relevant files usually
 * win over the body of one; a file whose spans are most of it gets upgraded to the whole file.
 *
 * Filling by density alone fails where one large upgrade competes with many small ones: an outline that
 * shows several of a file's ranked declarations comes after the denser snippets, and when the room left at
 * its turn is a little short of it, it is skipped and the room goes to snippets worth less per token than
 * it (zod's errors.ts at 8K: its outline held four gold members, lost to about 22 more snippets once the
 * budget was 9% smaller). So each crowded-out outline or whole file is weighed against the snippets it
 * would displace, the fill's last and least dense upgrades: taken back until it fits, it goes in when the
 * value it adds is more than the value they covered, and the room it leaves is filled again. Of several,
 * the one that covers most value in all wins; on a tie the fill stands. Pinned files go in before any.
 */
export function selectByValue(candidates: readonly FileCandidate[], budget: number, pricing: Pricing, stop?: StopCheck): Selection {
  const states: FileState[] = candidates.map(() => EMPTY_STATE);
  const room = placePinned(candidates, states, budget, pricing);
  const fill = fillByDensity(candidates, states, room, pricing, stop);
  // Judged before the room a displacement leaves is filled again, which only adds value: the filling is done once, for the winner.
  let best: Displacement | undefined;
  for (const { file, move } of crowdedOut(candidates, fill)) {
    if (stop?.shouldStop()) break;
    const d = displacement(candidates, fill, file, move, pricing);
    if (d && d.gain > (best?.gain ?? 0)) best = d;
  }
  if (!best) return fill;
  const made = displaced(candidates, fill, best, pricing);
  return fillByDensity(candidates, made.states, made.remaining, pricing, stop);
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
