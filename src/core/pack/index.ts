import { isExcludedBy } from '../exclusions';
import type { IndexView } from '../index/view';
import type { LanguageId, ManifestItem, Position, Ranking, StopCheck } from '../types';
import { contextTokens, entryOf, orderBlocks, type Block } from './blocks';
import { fileCandidate, type FileCandidate } from './candidates';
import { CurrentFileCut } from './current-file';
import type { Pricing } from './file-state';
import { pathHeader } from './header';
import { candidateRows, unavailableRow } from './manifest';
import { extendKept, type FreshPack } from './extend';
import { DEFAULT_REUSE_LIMITS, expectedMustHaves, judge, keepBlocks, keptBlocksOf, keptRows, rankedMustHaves, required, stillCovers, type KeptContext, type MustHave, type ReuseLimits } from './reuse';
import { selectByValue, selectInOrder, type Selection } from './select';
import { tokenCacheFor, type TokenCache } from './source-lines';
import type { Tokenizer } from '../tokenizer';
export { KEPT_REASON, type KeptContext } from './reuse';
export { APPENDED_REASON, DROPPED_FROM_END, GROWN_REASON, KEPT_START_REASON } from './extend';

/** How much of the previous request's context starts this one. */
export type Reuse = 'all' | 'start' | 'none';

export { tokenizerFor, DEFAULT_TOKENIZER, type Tokenizer } from '../tokenizer';
export { pathHeader } from './header';
export { mostImportedFirst, warmTokenCounts, type WarmUpOptions } from './warm-up';

export interface PackInput {
  index: IndexView;
  ranking: Ranking;
  /** The current file (workspace-relative), its language, buffer text and the 0-based cursor. */
  file: string;
  language: LanguageId;
  text: string;
  /** `text` split on `\n`, when the caller has it already (the cursor stage splits the buffer once per request). */
  lines?: readonly string[];
  position: Position;
  budgetTokens: number;
  /** Shares of the budget reserved for the current file before and after the cursor. */
  prefixShare?: number;
  suffixShare?: number;
  tokenizer: Tokenizer;
  /** Paths never to include. */
  excluded?: readonly string[];
  /**
   * The context packed for the previous request in the same file (and strategy, budget, pins, excludes).
   * Emitted again verbatim while it still shows what this ranking needs; else its start is kept and only
   * its end changes (extend.ts), when that leaves room for what is needed.
   */
  previous?: KeptContext;
  /** Past the deadline (or cancelled): consider no more candidates and stop upgrading; what is chosen so far is packed. */
  stop?: StopCheck;
}

export interface PackResult {
  context: string;
  prefix: string;
  suffix: string;
  items: ManifestItem[];
  usedTokens: number;
  tokensBySource: Record<string, number>;
  /** The cross-file context as packed, for `PackInput.previous` of the next request in the same file. */
  kept: KeptContext;
  /** How much of `previous` starts this context: all of it (emitted again), its start, or none. */
  reuse: Reuse;
}

export interface PackingDefaults {
  readonly prefixShare: number;
  readonly suffixShare: number;
  readonly pricing: Pricing;
  /**
   * Tokens held back for the seams where the prompt template joins the parts (context | header | prefix):
   * BPE may merge a character or two across a seam, which separate counts cannot see.
   */
  readonly seamReserveTokens: number;
  /** Times selection is redone with a smaller budget when the exact count is over (rare: estimates run high). */
  readonly maxRefits: number;
  /**
   * How far down the ranking packing looks: files in rank order until their rough outline costs add up to
   * this many budgets (at least `minCandidates` files). Below that a file could only enter if everything
   * above it were dropped, so considering it costs time and tells the user nothing.
   */
  readonly candidateBudgets: number;
  readonly minCandidates: number;
  readonly reuse: ReuseLimits;
}

export const PACKING_DEFAULTS: PackingDefaults = {
  prefixShare: 0.25,
  suffixShare: 0.1,
  // residualWeight: fitted by likelihood to the tuning set's gold at 8K (8 corpora, both masks) with
  // stateValue's model: gold falls on a span ∝ its score × √(file score), on one of the file's unranked
  // declarations ∝ residualWeight × file score × √(file score) / their count. Best at 0.175, the likelihood
  // nearly flat from 0.15 to 0.2 (bench/reports/pack-value.md).
  // outlineCoverage: 0.5 before sections could be outlined alone; with them 0.625 gains at every budget on
  // the tuning set's means and loses no gold on any corpus, 0.6875 and 0.75 lose two at mobx 32K (holes).
  pricing: { outlineCoverage: 0.625, markerTokens: 4, residualWeight: 0.175 },
  seamReserveTokens: 4,
  maxRefits: 3,
  candidateBudgets: 3,
  minCandidates: 24,
  reuse: DEFAULT_REUSE_LIMITS,
};

/**
 * Fits the current file around the cursor and the ranked cross-file context into the token budget.
 * Every emitted part is counted exactly (from cached counts of line groups, see line-groups.ts); nothing is
 * shown twice; the result depends only on the input (and `previous`). The current file's header
 * (`pathHeader(file, language)`) is reserved in the budget, so a template that shows it stays within budget.
 */
export function packContext(input: PackInput, defaults: PackingDefaults = PACKING_DEFAULTS): PackResult {
  const cache = tokenCacheFor(input.tokenizer);
  const budget = Math.max(0, Math.floor(input.budgetTokens));
  const headerTokens = cache.line(pathHeader(input.file, input.language) + '\n') + defaults.seamReserveTokens;
  const shares = { prefix: input.prefixShare ?? defaults.prefixShare, suffix: input.suffixShare ?? defaults.suffixShare };
  const forCurrent = Math.max(0, budget - headerTokens);
  const suffixBudget = Math.floor(forCurrent * shares.suffix);
  const current = new CurrentFileCut(input.lines ?? input.text.split('\n'), input.position, cache);
  // Excludes are applied here, for every strategy: the baselines know nothing of them.
  const unavailable = (path: string) => (isExcludedBy(input.excluded, path) ? EXCLUDED : path === input.file ? CURRENT_FILE : undefined);

  // The cross-file budget is what the current file's shares leave; what it leaves unused flows back.
  const initial = current.window({ prefix: Math.floor(forCurrent * shares.prefix), suffix: suffixBudget });
  const crossBudget = Math.max(0, forCurrent - initial.prefixTokens - initial.suffixTokens);
  const previous = input.previous;
  const continues = previous !== undefined && previous.forCurrent === forCurrent && input.ranking.packing === 'levels';
  // A context packed in order (a baseline's) is never continued: nothing to judge for the next request.
  const ranked = input.ranking.packing === 'levels' ? rankedMustHaves(input.ranking, path => unavailable(path) !== undefined) : [];
  const { kept, items, reuse } = continues ? continueFrom(previous, input, ranked, crossBudget, unavailable, cache, defaults) : { ...packFresh(input, ranked, crossBudget, forCurrent, unavailable, cache, defaults), reuse: 'none' as const };
  const window = current.windowWithin(forCurrent - kept.tokens, suffixBudget);
  const header = headerTokens - defaults.seamReserveTokens;
  return {
    context: kept.context,
    prefix: window.prefix,
    suffix: window.suffix,
    items,
    usedTokens: header + window.prefixTokens + window.suffixTokens + kept.tokens,
    tokensBySource: { header, prefix: window.prefixTokens, suffix: window.suffixTokens, ...kept.tokensBySource },
    kept,
    reuse,
  };
}

/**
 * The previous context again when it shows what this request needs (checked first against the ranking
 * alone, with the last fresh pack's judgement of its best spans, which costs no packing; then against what
 * a fresh pack shows first); else its start, extended; else the fresh pack.
 */
function continueFrom(previous: KeptContext, input: PackInput, ranked: readonly MustHave[], crossBudget: number, unavailable: (path: string) => string | undefined, cache: TokenCache, defaults: PackingDefaults): { kept: KeptContext; items: ManifestItem[]; reuse: Reuse } {
  const skip = (path: string) => unavailable(path) !== undefined;
  const again = (kept: KeptContext) => ({ kept, items: keptRows(kept, input.ranking, unavailable), reuse: 'all' as const });
  if (stillCovers(previous, expectedMustHaves(previous, ranked, defaults.reuse, input.index), input.index)) return again(previous);
  const fresh = packFresh(input, ranked, crossBudget, previous.forCurrent, unavailable, cache, defaults);
  const needed = required(fresh.kept.judged);
  if (stillCovers(previous, needed, input.index)) return again({ ...previous, judged: fresh.kept.judged });
  const extended = extendKept(previous, fresh, needed, crossBudget, input.index, skip, cache);
  return extended ? { ...extended, reuse: 'start' } : { ...fresh, reuse: 'none' };
}

/** Packs the cross-file context within `crossBudget` without regard to any previous request. */
function packFresh(input: PackInput, ranked: readonly MustHave[], crossBudget: number, forCurrent: number, unavailable: (path: string) => string | undefined, cache: TokenCache, defaults: PackingDefaults): FreshPack & { items: ManifestItem[] } {
  const { candidates, rows } = gatherCandidates(input, unavailable, cache, defaults);
  const packed = fitCrossFile(input.ranking.packing, candidates, crossBudget, defaults, cache, input.stop);
  const { states, remaining } = packed.selection;
  const items = [...candidates.flatMap((c, i) => candidateRows(input.ranking.packing, c, states[i], packed.entries[i], remaining, defaults.pricing, cache)), ...rows];
  const kept = keepBlocks(keptBlocksOf(packed.blocks, items), packed.tokens, forCurrent, shown => judge(ranked, defaults.reuse, shown, input.index));
  return { kept, items, candidates };
}

const EXCLUDED = 'excluded by you';
const CURRENT_FILE = 'the current file is already in the prompt around the cursor';

/** A cheap upper estimate of a file's outline in tokens, from the index alone (no tokenizing). */
function roughOutlineTokens(index: IndexView, path: string): number {
  const file = index.file(path);
  if (!file) return 0;
  return Math.min(file.size / 4, 12 * file.definitions.length + 10);
}

/** How far down the ranking packing reads (PackingDefaults.candidateBudgets), as the candidates are taken. */
class CandidateReach {
  private considered = 0;
  private readonly enough: number;

  constructor(
    private readonly index: IndexView,
    budgetTokens: number,
    private readonly defaults: PackingDefaults,
  ) {
    this.enough = defaults.candidateBudgets * budgetTokens;
  }

  /** Whether `candidates` files, those taken so far, are enough: no file further down is read (but a pinned one). */
  reached(candidates: number): boolean {
    return this.considered >= this.enough && candidates >= this.defaults.minCandidates;
  }

  take(path: string): void {
    this.considered += roughOutlineTokens(this.index, path);
  }
}

/**
 * The ranked files within packing's reach whose texts are neither in the index's memory nor held by their
 * cached token counts: a workspace with more text than the index keeps. Loaded before packing, they stay
 * candidates; asking for them here has started their loads.
 */
export function textsPackingLacks(ranking: Ranking, index: IndexView, budgetTokens: number, tokenizer: Tokenizer, defaults: PackingDefaults = PACKING_DEFAULTS): string[] {
  const cache = tokenCacheFor(tokenizer);
  const reach = new CandidateReach(index, budgetTokens, defaults);
  const lacking: string[] = [];
  let taken = 0;
  for (const ranked of ranking.files) {
    const file = index.file(ranked.path);
    if (!file || (reach.reached(taken) && !ranked.pinned)) continue;
    taken++;
    reach.take(ranked.path);
    if (index.text(ranked.path) === undefined && !cache.sourceLines(file.hash, undefined)) lacking.push(ranked.path);
  }
  return lacking;
}

function gatherCandidates(input: PackInput, unavailable: (path: string) => string | undefined, cache: TokenCache, defaults: PackingDefaults): { candidates: FileCandidate[]; rows: ManifestItem[] } {
  const candidates: FileCandidate[] = [];
  const rows: ManifestItem[] = [];
  const seen = new Set<string>();
  const reach = new CandidateReach(input.index, input.budgetTokens, defaults);
  input.ranking.files.forEach((ranked, rank) => {
    if (seen.has(ranked.path)) return; // a ranking lists each file once; guard against duplicates anyway
    if (reach.reached(candidates.length) && !ranked.pinned) return;
    // A candidate costs tokenizing its file when its counts are not cached yet: none more past the deadline.
    if (!ranked.pinned && input.stop?.shouldStop()) return;
    seen.add(ranked.path);
    const reason = unavailable(ranked.path);
    if (reason !== undefined) return rows.push(unavailableRow(ranked, reason));
    const candidate = fileCandidate(ranked, rank, input.index, cache);
    if ('reason' in candidate) return rows.push(unavailableRow(ranked, candidate.reason));
    candidates.push(candidate);
    reach.take(ranked.path);
  });
  return { candidates, rows };
}

interface CrossFile {
  readonly selection: Selection;
  /** The files' entries in prompt order. */
  readonly blocks: readonly Block[];
  /** Aligned with the candidates: each one's entry, if it shows anything. */
  readonly entries: readonly (Block | undefined)[];
  /** Exact tokens of the joined blocks. */
  readonly tokens: number;
}

/**
 * Selects once on estimates (line sums, which run about 1% over the exact count), then counts the blocks
 * exactly. Only when that is over budget is selection redone, with the overshoot taken off (after
 * `maxRefits` tries, with nothing), so the budget is never exceeded. What the estimates left unused goes
 * to the current file.
 */
function fitCrossFile(mode: Ranking['packing'], candidates: readonly FileCandidate[], budget: number, defaults: PackingDefaults, cache: TokenCache, stop?: StopCheck): CrossFile {
  const select = mode === 'levels' ? selectByValue : selectInOrder;
  let target = budget;
  for (let refit = 0; ; refit++) {
    const selected = select(candidates, target, defaults.pricing, stop);
    const entries = candidates.map((c, i) => entryOf(c, selected.states[i], cache));
    const blocks = orderBlocks(entries.filter(entry => entry !== undefined));
    const tokens = contextTokens(blocks, cache);
    if (tokens <= budget) {
      // What the selection saw as left, in the caller's budget: the manifest explains drops against it.
      const remaining = Math.min(selected.remaining + (budget - target), budget - tokens);
      return { selection: { states: selected.states, remaining }, blocks, entries, tokens };
    }
    target = refit < defaults.maxRefits ? target - (tokens - budget) : 0;
  }
}
