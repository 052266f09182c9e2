import type { SymbolTable } from '../index/view';
import { outEdgesFrom, type OutEdges } from './pagerank';

/** What the graph reads of the rest of the ranking state. */
export interface GraphSources {
  readonly symbols: SymbolTable;
  isMirror(path: string): boolean;
  /** The file's referenced names with their number of uses, undefined for a file not in the state. */
  referenceCounts(path: string): ReadonlyMap<string, number> | undefined;
  readonly fileCount: number;
}

/** One referenced name of a file that makes edges: to every other file defining it. */
interface Term {
  readonly uses: number;
  readonly targets: readonly string[];
}

/**
 * The reference graph (file -> file when one references a name the other defines) as maintained state:
 * per file and name the edge's targets, who references each name, who points at each file. Weights are
 * not stored: they depend on the file count through the names' specificity, so each node's out-edges are
 * weighed when ranking asks for them (and memoised for that file count), and a fresh build and a
 * maintained one always agree. Mirrors make no edges and receive none.
 */
export class ReferenceGraph {
  private readonly definerMemo = new Map<string, readonly string[]>();
  /**
   * Names defined in more files than an edge may go to, as fewDefiners found them: a keystroke recomputes every
   * term of its file, and a common name's definitions were read again each time (about 0.8 ms a keystroke in a
   * large file). Only the names: their lists, which definerMemo would keep, run to thousands of paths.
   */
  private readonly manyDefiners = new Set<string>();
  private readonly terms = new Map<string, Map<string, Term>>();
  /** name -> number of files with a term (an edge) for it. */
  private readonly termsByName = new Map<string, number>();
  /**
   * name -> the files referencing it, in the order they came (as a Set keeps them): the path itself while it
   * is one file (most names are referenced by one file), an exact-length array of up to
   * MAX_LISTED_REFERENCERS paths, a Set beyond. A Set costs ~150 bytes even holding two paths (50,000 of them
   * on a 10,000-file workspace), an array of two ~60; a Set's lookups keep adding a file to a common name's
   * thousands of referencers cheap.
   */
  private readonly referencers = new Map<string, Referencers>();
  /** target -> source -> number of the source's names with an edge to it. */
  private readonly inbound = new Map<string, Map<string, number>>();
  private readonly weighed = new Map<string, { readonly fileCount: number; readonly edges: OutEdges }>();

  constructor(
    private readonly sources: GraphSources,
    private readonly maxDefiningFilesPerEdge: number,
  ) {}

  /** The files (not mirrors) defining `name`, in path order. */
  definers(name: string): readonly string[] {
    let paths = this.definerMemo.get(name);
    if (!paths) {
      const all = new Set<string>();
      for (const location of this.sources.symbols.definitionsOf(name)) if (!this.sources.isMirror(location.path)) all.add(location.path);
      this.definerMemo.set(name, (paths = [...all].sort()));
    }
    return paths;
  }

  /** A weight in (0, 1] that is 1 for a name defined in one file and falls as more files define it. */
  specificity(name: string): number {
    const count = this.definers(name).length;
    const fileCount = Math.max(this.sources.fileCount, 1);
    // IDF normalised to 1 for a name defined once: log(1 + N / df) / log(1 + N).
    return count <= 1 ? 1 : Math.log(1 + fileCount / count) / Math.log(1 + fileCount);
  }

  /** Files whose references name `name` (mirrors included: they still reference). */
  referencersOf(name: string): ReadonlySet<string> {
    const held = this.referencers.get(name);
    if (held === undefined) return EMPTY;
    return held instanceof Set ? held : new Set(typeof held === 'string' ? [held] : held);
  }

  /** Number of distinct other files with an edge to `path`. */
  referencedBy(path: string): number {
    return this.inbound.get(path)?.size ?? 0;
  }

  /** Records that `path` now references `after`'s names instead of `before`'s. */
  replaceReferences(path: string, before: Iterable<string>, after: Iterable<string>): void {
    const was = new Set(before);
    const now = new Set(after);
    for (const name of was) {
      if (now.has(name)) continue;
      const held = withoutReferencer(this.referencers.get(name)!, path);
      if (held === undefined) this.referencers.delete(name);
      else this.referencers.set(name, held);
    }
    // A keystroke leaves nearly all of a file's names referenced: only the new ones are added.
    for (const name of now) if (!was.has(name)) this.referencers.set(name, withReferencer(this.referencers.get(name), path));
  }

  /** The set of files defining `name` may have changed: its edges, from every file referencing it, are redone. */
  definersChanged(name: string): void {
    this.definerMemo.delete(name);
    this.manyDefiners.delete(name);
    // A name defined in more files than an edge may split among makes no edge from any file: while that
    // stays so, there is nothing to redo (a workspace-wide name is referenced by every file, so redoing
    // them made each file event cost the workspace).
    if (!this.termsByName.has(name) && !this.fewDefiners(name)) return;
    for (const path of this.referencersOf(name)) this.recomputeTerm(path, name);
  }

  /** Redoes every edge of `path` (its references or its mirror status changed, or it left). */
  recomputeFile(path: string): void {
    this.weighed.delete(path); // the file's reference order may have changed, and with it the order of the sums
    const counts = this.sources.referenceCounts(path);
    for (const name of [...(this.terms.get(path)?.keys() ?? [])]) if (!counts?.has(name)) this.setTerm(path, name, undefined);
    counts?.forEach((uses, name) => this.recomputeTerm(path, name, uses)); // the counts as they come: no lookup per name
  }

  private recomputeTerm(path: string, name: string, uses = this.sources.referenceCounts(path)?.get(name)): void {
    let term: Term | undefined;
    if (uses !== undefined && !this.sources.isMirror(path)) {
      const definers = this.fewDefiners(name);
      const targets = definers && withoutPath(definers, path);
      if (targets && targets.length > 0 && targets.length <= this.maxDefiningFilesPerEdge) term = { uses, targets };
    }
    this.setTerm(path, name, term);
  }

  /**
   * The definers of `name` when an edge may go to them (at most one more than an edge splits among: the
   * referencing file may be one of them), else undefined, known after reading that many definitions: a
   * name many files define costs no more than a rare one.
   */
  private fewDefiners(name: string): readonly string[] | undefined {
    const most = this.maxDefiningFilesPerEdge + 1;
    const known = this.definerMemo.get(name);
    if (known) return known.length <= most ? known : undefined;
    if (this.manyDefiners.has(name)) return undefined;
    const paths = new Set<string>();
    for (const location of this.sources.symbols.definitionsOf(name)) {
      if (this.sources.isMirror(location.path)) continue;
      paths.add(location.path);
      if (paths.size > most) {
        this.manyDefiners.add(name);
        return undefined;
      }
    }
    const sorted = [...paths].sort();
    this.definerMemo.set(name, sorted);
    return sorted;
  }

  private setTerm(path: string, name: string, term: Term | undefined): void {
    let terms = this.terms.get(path);
    const old = terms?.get(name);
    if (!old && !term) return;
    if (old && term && old.uses === term.uses && sameList(old.targets, term.targets)) return;
    this.weighed.delete(path);
    for (const target of old?.targets ?? []) {
      const from = this.inbound.get(target)!;
      const count = from.get(path)! - 1;
      if (count > 0) from.set(path, count);
      else if (from.delete(path) && from.size === 0) this.inbound.delete(target);
    }
    if (old) this.countTerm(name, -1);
    if (!term) {
      terms?.delete(name);
      if (terms?.size === 0) this.terms.delete(path);
      return;
    }
    if (!terms) this.terms.set(path, (terms = new Map()));
    terms.set(name, term);
    this.countTerm(name, 1);
    for (const target of term.targets) {
      let from = this.inbound.get(target);
      if (!from) this.inbound.set(target, (from = new Map()));
      from.set(path, (from.get(path) ?? 0) + 1);
    }
  }

  private countTerm(name: string, change: 1 | -1): void {
    const count = (this.termsByName.get(name) ?? 0) + change;
    if (count > 0) this.termsByName.set(name, count);
    else this.termsByName.delete(name);
  }

  /**
   * The out-edges of `path`: for each name it references with an edge, sqrt(uses) x specificity, split
   * among the name's other definers (Aider's repo map: sqrt damps names used very often; splitting keeps
   * ambiguity cheap). Summed in the file's reference order, so the sums do not depend on update history.
   */
  outEdges(path: string): OutEdges | undefined {
    const fileCount = this.sources.fileCount;
    const known = this.weighed.get(path);
    if (known?.fileCount === fileCount) return known.edges;
    const terms = this.terms.get(path);
    const counts = this.sources.referenceCounts(path);
    if (!terms || !counts) return undefined;
    const weights = new Map<string, number>();
    for (const name of counts.keys()) {
      const term = terms.get(name);
      if (!term) continue;
      const weight = (Math.sqrt(term.uses) * this.specificity(name)) / term.targets.length;
      for (const target of term.targets) weights.set(target, (weights.get(target) ?? 0) + weight);
    }
    const edges = outEdgesFrom(weights);
    this.weighed.set(path, { fileCount, edges });
    return edges;
  }

  /** A canonical copy of the stored tables, for comparing a maintained graph with a fresh one. */
  tables(): { readonly terms: unknown; readonly referencers: unknown; readonly inbound: unknown } {
    const sorted = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      terms: sorted([...this.terms].map(([path, byName]) => [path, sorted(byName)] as [string, unknown])),
      referencers: sorted([...this.referencers.keys()].map(name => [name, [...this.referencersOf(name)].sort()] as [string, unknown])),
      inbound: sorted([...this.inbound].map(([target, from]) => [target, sorted(from)] as [string, unknown])),
    };
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The sorted `definers` without `path`: the list itself when `path` is not in it (the usual case: one list
 * shared by every file referencing the name), else a copy of exactly its length (a filtered array keeps 16
 * spare slots: on a 10,000-file workspace, 17 MB of them over the graph's edges).
 */
function withoutPath(definers: readonly string[], path: string): readonly string[] {
  const at = definers.indexOf(path);
  return at < 0 ? definers : definers.slice(0, at).concat(definers.slice(at + 1));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Referencers a name keeps as an array; from one more on, a Set. */
const MAX_LISTED_REFERENCERS = 8;

type Referencers = string | readonly string[] | Set<string>;

/** `held` with `path` added last (unless it is there already). Arrays at exact length: concat's is, a spread's has ~16 spare slots. */
function withReferencer(held: Referencers | undefined, path: string): Referencers {
  if (held === undefined) return path;
  if (typeof held === 'string') return held === path ? held : [held, path];
  if (held instanceof Set) return held.add(path);
  if (held.includes(path)) return held;
  return held.length < MAX_LISTED_REFERENCERS ? held.concat(path) : new Set(held).add(path);
}

/** `held` without `path`; undefined when no file is left. */
function withoutReferencer(held: Referencers, path: string): Referencers | undefined {
  if (typeof held === 'string') return held === path ? undefined : held;
  if (held instanceof Set) {
    held.delete(path);
    return held.size === 1 ? held.values().next().value! : held;
  }
  const rest = held.filter(p => p !== path);
  return rest.length === 1 ? rest[0] : rest.slice(); // slice: exact length, filter's array has spare slots
}
