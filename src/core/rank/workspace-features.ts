import type { IndexView } from '../index/view';
import type { IndexedFile } from '../types';
import { declarationMirrors } from './declaration-mirrors';
import { fileFeatures } from './file-features';
import { CompiledGraph, type WeightedEdge } from './pagerank';

/** Workspace-wide data for ranking, rebuilt only when some file's hash changed. */
export interface WorkspaceFeatures {
  /** Indexed paths, sorted (the PageRank node order). */
  readonly paths: readonly string[];
  /** file -> file edges: `from` references a name that `to` defines, weighted by how many uses and how specific the name. */
  readonly referenceEdges: readonly WeightedEdge[];
  /** The same graph, ready for personalized PageRank. */
  readonly referenceGraph: CompiledGraph;
  /** Declaration files that repeat the sources' declarations (emitted `.d.ts`): never candidates, never definers. */
  readonly mirrors: ReadonlySet<string>;
  /** Number of distinct other files whose references point at each file. */
  readonly referencedBy: ReadonlyMap<string, number>;
  /** Number of distinct files that define `name` (memoized). */
  definingFileCount(name: string): number;
  /** A weight in (0, 1] that is 1 for a name defined in one file and falls as more files define it. */
  specificity(name: string): number;
}

interface Cached {
  /** The index generation last found up to date: while it holds, the features are current. */
  generation: number;
  readonly paths: readonly string[];
  readonly hashes: readonly string[];
  readonly features: WorkspaceFeatures;
}

const cache = new WeakMap<IndexView, Cached>();

/**
 * The features of `index`; the check is one pass over the files comparing hashes. A changed hash of
 * `editedFile` (the file being typed in, re-indexed on every change) does not trigger a rebuild: its few
 * changed references barely move the graph, and rebuilding per keystroke would cost far more than ranking.
 */
export function workspaceFeatures(index: IndexView, maxDefiningFilesPerEdge: number, editedFile?: string): WorkspaceFeatures {
  const cached = cache.get(index);
  if (cached?.generation === index.generation) return cached.features;
  const files = [...index.files()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (cached && upToDate(cached, files, editedFile)) {
    cached.generation = index.generation;
    return cached.features;
  }
  const features = buildFeatures(index, files, maxDefiningFilesPerEdge);
  cache.set(index, { generation: index.generation, paths: files.map(f => f.path), hashes: files.map(f => f.hash), features });
  return features;
}

function upToDate(cached: Cached, files: readonly IndexedFile[], editedFile: string | undefined): boolean {
  if (cached.paths.length !== files.length) return false;
  return files.every((file, i) => cached.paths[i] === file.path && (cached.hashes[i] === file.hash || file.path === editedFile));
}

function buildFeatures(index: IndexView, files: readonly IndexedFile[], maxDefiningFilesPerEdge: number): WorkspaceFeatures {
  const mirrors = declarationMirrors(index, files);
  const definers = new Map<string, readonly string[]>();
  const definingFiles = (name: string): readonly string[] => {
    let paths = definers.get(name);
    if (!paths) definers.set(name, (paths = [...new Set(index.symbols.definitionsOf(name).map(l => l.path))].filter(p => !mirrors.has(p)).sort()));
    return paths;
  };
  const fileCount = Math.max(files.length, 1);
  const specificity = (name: string): number => {
    const count = definingFiles(name).length;
    // IDF normalised to 1 for a name defined once: log(1 + N / df) / log(1 + N).
    return count <= 1 ? 1 : Math.log(1 + fileCount / count) / Math.log(1 + fileCount);
  };

  const edgeWeights = new Map<string, Map<string, number>>();
  const referrers = new Map<string, Set<string>>();
  for (const file of files) {
    if (mirrors.has(file.path)) continue;
    for (const [name, uses] of fileFeatures(file).referenceCounts) {
      const targets = definingFiles(name).filter(path => path !== file.path);
      if (targets.length === 0 || targets.length > maxDefiningFilesPerEdge) continue;
      // Aider's repo map: sqrt damps names used very often; splitting among definers keeps ambiguity cheap.
      const weight = (Math.sqrt(uses) * specificity(name)) / targets.length;
      let out = edgeWeights.get(file.path);
      if (!out) edgeWeights.set(file.path, (out = new Map()));
      for (const target of targets) {
        out.set(target, (out.get(target) ?? 0) + weight);
        let from = referrers.get(target);
        if (!from) referrers.set(target, (from = new Set()));
        from.add(file.path);
      }
    }
  }
  const referenceEdges: WeightedEdge[] = [];
  for (const [from, out] of edgeWeights) for (const [to, weight] of out) referenceEdges.push({ from, to, weight });
  const referencedBy = new Map([...referrers].map(([path, from]) => [path, from.size] as const));
  const paths = files.map(f => f.path);
  return {
    paths,
    referenceEdges,
    referenceGraph: CompiledGraph.compile(paths, referenceEdges),
    mirrors,
    referencedBy,
    definingFileCount: name => definingFiles(name).length,
    specificity,
  };
}
