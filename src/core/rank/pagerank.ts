/** Tuning of the power iteration; the defaults are the usual ones (Brin & Page's damping, NetworkX's tolerance). */
export interface PageRankOptions {
  /** Probability of following an edge rather than jumping back to the personalization. */
  readonly damping?: number;
  /** Upper bound on power iterations. */
  readonly iterations?: number;
  /** Stop when the L1 change between two iterations falls below this. */
  readonly tolerance?: number;
}

export interface WeightedEdge {
  readonly from: string;
  readonly to: string;
  readonly weight: number;
}

export const DEFAULT_PAGERANK_OPTIONS: Required<PageRankOptions> = { damping: 0.85, iterations: 100, tolerance: 1e-9 };

/**
 * Personalized PageRank by power iteration. The random surfer follows an out-edge with probability
 * `damping` (proportionally to edge weight) and otherwise jumps to a node drawn from `personalization`
 * (uniform when it is empty or sums to zero). Dangling nodes (no out-weight) jump the same way, so the
 * scores always sum to 1. Edges touching unknown nodes and non-positive weights are ignored; parallel
 * edges add up. Deterministic: the result depends only on the inputs, not on map iteration order.
 */
export function personalizedPageRank(
  nodes: readonly string[],
  edges: readonly WeightedEdge[],
  personalization: ReadonlyMap<string, number>,
  options: PageRankOptions = {},
): Map<string, number> {
  return CompiledGraph.compile(nodes, edges).rank(personalization, options);
}

/**
 * A graph prepared once for many personalized rankings: node indices and normalised edge weights in
 * typed arrays, so each ranking is only the power iteration.
 */
export class CompiledGraph {
  private constructor(
    private readonly indexOf: ReadonlyMap<string, number>,
    private readonly edgeFrom: Int32Array,
    private readonly edgeTo: Int32Array,
    /** Edge weight divided by its source's out-weight: the transition probability. */
    private readonly edgeShare: Float64Array,
    private readonly dangling: Int32Array,
  ) {}

  static compile(nodes: readonly string[], edges: readonly WeightedEdge[]): CompiledGraph {
    const indexOf = new Map<string, number>();
    for (const node of nodes) if (!indexOf.has(node)) indexOf.set(node, indexOf.size);
    // Sorted by target, then source: the iteration then writes each target once, reading sources in order.
    const kept = edges
      .filter(e => indexOf.has(e.from) && indexOf.has(e.to) && e.weight > 0)
      .map(e => ({ ...e, fromIndex: indexOf.get(e.from)!, toIndex: indexOf.get(e.to)! }))
      .sort((a, b) => a.toIndex - b.toIndex || a.fromIndex - b.fromIndex);
    const outWeight = new Float64Array(indexOf.size);
    for (const edge of kept) outWeight[edge.fromIndex] += edge.weight;
    const edgeFrom = Int32Array.from(kept, e => e.fromIndex);
    const edgeTo = Int32Array.from(kept, e => e.toIndex);
    const edgeShare = Float64Array.from(kept, (e, i) => e.weight / outWeight[edgeFrom[i]]);
    const dangling = Int32Array.from([...outWeight.keys()].filter(i => outWeight[i] === 0));
    return new CompiledGraph(indexOf, edgeFrom, edgeTo, edgeShare, dangling);
  }

  rank(personalization: ReadonlyMap<string, number>, options: PageRankOptions = {}): Map<string, number> {
    const { damping, iterations, tolerance } = { ...DEFAULT_PAGERANK_OPTIONS, ...options };
    const n = this.indexOf.size;
    const result = new Map<string, number>();
    if (n === 0) return result;
    const jump = jumpDistribution(this.indexOf, personalization);
    const { edgeFrom, edgeTo, edgeShare, dangling } = this; // locals keep the hot loop monomorphic
    const edgeCount = edgeFrom.length;
    let rank = Float64Array.from(jump);
    let next = new Float64Array(n);
    for (let iteration = 0; iteration < iterations; iteration++) {
      next.fill(0);
      let danglingMass = 0;
      for (let i = 0; i < dangling.length; i++) danglingMass += rank[dangling[i]];
      for (let e = 0; e < edgeCount; ) {
        const target = edgeTo[e];
        let inflow = 0;
        for (; e < edgeCount && edgeTo[e] === target; e++) inflow += rank[edgeFrom[e]] * edgeShare[e];
        next[target] = inflow;
      }
      const teleport = 1 - damping + damping * danglingMass;
      let change = 0;
      for (let i = 0; i < n; i++) {
        const value = damping * next[i] + teleport * jump[i];
        change += Math.abs(value - rank[i]);
        next[i] = value;
      }
      const previous = rank;
      rank = next;
      next = previous;
      if (change < tolerance) break;
    }
    for (const [node, i] of this.indexOf) result.set(node, rank[i]);
    return result;
  }
}

function jumpDistribution(indexOf: ReadonlyMap<string, number>, personalization: ReadonlyMap<string, number>): Float64Array {
  const jump = new Float64Array(indexOf.size);
  let total = 0;
  for (const [node, weight] of personalization) {
    const i = indexOf.get(node);
    if (i === undefined || !(weight > 0)) continue;
    jump[i] += weight;
    total += weight;
  }
  if (total === 0) return jump.fill(1 / indexOf.size);
  for (let i = 0; i < jump.length; i++) jump[i] /= total;
  return jump;
}
