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
  const { damping, iterations, tolerance } = { ...DEFAULT_PAGERANK_OPTIONS, ...options };
  const indexOf = new Map<string, number>();
  for (const node of nodes) if (!indexOf.has(node)) indexOf.set(node, indexOf.size);
  const n = indexOf.size;
  const result = new Map<string, number>();
  if (n === 0) return result;

  const jump = jumpDistribution(indexOf, personalization);
  const outWeight = new Float64Array(n);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const edgeWeight: number[] = [];
  for (const edge of edges) {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined || !(edge.weight > 0)) continue;
    edgeFrom.push(from);
    edgeTo.push(to);
    edgeWeight.push(edge.weight);
    outWeight[from] += edge.weight;
  }

  let rank = Float64Array.from(jump);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const next = new Float64Array(n);
    let danglingMass = 0;
    for (let i = 0; i < n; i++) if (outWeight[i] === 0) danglingMass += rank[i];
    for (let e = 0; e < edgeFrom.length; e++) {
      const from = edgeFrom[e];
      next[edgeTo[e]] += damping * rank[from] * (edgeWeight[e] / outWeight[from]);
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] += ((1 - damping) + damping * danglingMass) * jump[i];
      change += Math.abs(next[i] - rank[i]);
    }
    rank = next;
    if (change < tolerance) break;
  }
  for (const [node, i] of indexOf) result.set(node, rank[i]);
  return result;
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
