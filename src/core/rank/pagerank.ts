import type { StopCheck } from '../types';

/**
 * Tuning of the local push. Damping is Brin & Page's. The tolerance bounds the work: a node is pushed
 * while its residual exceeds `tolerance` per out-edge, so all pushes together touch at most
 * 1 / ((1 - damping) * tolerance) edges whatever the size of the graph (Andersen, Chung & Lang 2006), and
 * every estimate is below the exact rank by less than `tolerance` times the node's out-degree.
 */
export interface PageRankOptions {
  /** Probability of following an edge rather than jumping back to the personalization. */
  readonly damping?: number;
  readonly tolerance?: number;
  /** A hard bound on pushes, whatever the tolerance. */
  readonly maxPushes?: number;
}

export const DEFAULT_PAGERANK_OPTIONS: Required<PageRankOptions> = { damping: 0.85, tolerance: 1e-5, maxPushes: 20_000 };

/** A node's out-edges with their transition probabilities (shares sum to 1). None: a dangling node. */
export interface OutEdges {
  readonly targets: readonly string[];
  readonly shares: readonly number[];
}

/** How often the stop check is asked, in pushes. */
const PUSHES_PER_STOP_CHECK = 256;

/**
 * Personalized PageRank by forward push (Andersen, Chung & Lang): residual mass starts on the
 * personalization and is pushed along out-edges; each push settles (1 - damping) of a node's residual as
 * its rank. A dangling node's residual jumps back to the personalization, as in the power iteration. The
 * graph is read through `outEdges`, node by node, so only the nodes the mass reaches are ever looked at:
 * the cost depends on the tolerance, not on the graph's size. Nodes never reached are absent (rank 0); an
 * empty personalization ranks nothing. Deterministic: pushes go in first-in first-out order from the seeds
 * in their map order.
 */
export function personalizedPageRank(
  personalization: ReadonlyMap<string, number>,
  outEdges: (node: string) => OutEdges | undefined,
  options: PageRankOptions = {},
  stop?: StopCheck,
): Map<string, number> {
  const { damping, tolerance, maxPushes } = { ...DEFAULT_PAGERANK_OPTIONS, ...options };
  const jump = jumpDistribution(personalization);
  const rank = new Map<string, number>();
  // One record per node reached, so a push along an edge looks its target up once (about 4 ms a request on zod with a map per field).
  const reached = new Map<string, PushState>();
  const stateOf = (node: string): PushState => {
    let state = reached.get(node);
    if (!state) {
      const edges = outEdges(node);
      state = { residual: 0, queued: false, edges, threshold: tolerance * Math.max(1, edges?.targets.length ?? 0) };
      reached.set(node, state);
    }
    return state;
  };
  const queue: string[] = [];
  for (const [seed, share] of jump) {
    const state = stateOf(seed);
    state.residual = share;
    state.queued = true;
    queue.push(seed);
  }
  const add = (node: string, mass: number): void => {
    const state = stateOf(node);
    state.residual += mass;
    if (!state.queued && state.residual > state.threshold) {
      state.queued = true;
      queue.push(node);
    }
  };
  for (let head = 0, pushes = 0; head < queue.length && pushes < maxPushes; head++, pushes++) {
    if (pushes % PUSHES_PER_STOP_CHECK === 0 && stop?.shouldStop()) break;
    const node = queue[head];
    const state = reached.get(node)!;
    state.queued = false;
    const mass = state.residual;
    state.residual = 0;
    rank.set(node, (rank.get(node) ?? 0) + (1 - damping) * mass);
    const { edges } = state;
    const onward = damping * mass;
    if (edges && edges.targets.length > 0) {
      for (let i = 0; i < edges.targets.length; i++) add(edges.targets[i], onward * edges.shares[i]);
    } else {
      for (const [seed, share] of jump) add(seed, onward * share);
    }
  }
  return rank;
}

/** A reached node's residual mass, whether it waits in the queue, its out-edges and the residual above which it is pushed. */
interface PushState {
  residual: number;
  queued: boolean;
  readonly edges: OutEdges | undefined;
  readonly threshold: number;
}

function jumpDistribution(personalization: ReadonlyMap<string, number>): Map<string, number> {
  let total = 0;
  for (const weight of personalization.values()) if (weight > 0) total += weight;
  const jump = new Map<string, number>();
  for (const [node, weight] of personalization) if (weight > 0) jump.set(node, weight / total);
  return jump;
}

/** Out-edges from summed weights: non-positive weights are dropped, the rest normalised to shares. */
export function outEdgesFrom(weights: ReadonlyMap<string, number>): OutEdges {
  const targets: string[] = [];
  const raw: number[] = [];
  let total = 0;
  for (const [target, weight] of weights) {
    if (!(weight > 0)) continue;
    targets.push(target);
    raw.push(weight);
    total += weight;
  }
  return { targets, shares: raw.map(w => w / total) };
}
