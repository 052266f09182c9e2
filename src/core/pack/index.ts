import type { IndexView } from '../index/view';
import type { LanguageId, ManifestItem, Position, Ranking } from '../types';
import { blocksOf, orderBlocks, type Block } from './blocks';
import { fileCandidate, type FileCandidate } from './candidates';
import { cutAroundCursor, type CurrentFileWindow } from './current-file';
import type { Pricing } from './file-state';
import { pathHeader } from './header';
import { candidateRows, unavailableRow } from './manifest';
import { selectByValue, selectInOrder, type Selection } from './select';
import { tokenCacheFor, type TokenCache } from './source-lines';
import type { Tokenizer } from './tokenizer';

export { tokenizerFor, DEFAULT_TOKENIZER, type Tokenizer } from './tokenizer';
export { pathHeader } from './header';

export interface PackInput {
  index: IndexView;
  ranking: Ranking;
  /** The current file (workspace-relative), its language, buffer text and the 0-based cursor. */
  file: string;
  language: LanguageId;
  text: string;
  position: Position;
  budgetTokens: number;
  /** Shares of the budget reserved for the current file before and after the cursor. */
  prefixShare?: number;
  suffixShare?: number;
  tokenizer: Tokenizer;
  /** Paths never to include. */
  excluded?: readonly string[];
}

export interface PackResult {
  context: string;
  prefix: string;
  suffix: string;
  items: ManifestItem[];
  usedTokens: number;
  tokensBySource: Record<string, number>;
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
  /** Times selection is redone with a smaller budget when the emitted text counts more than estimated. */
  readonly maxRefits: number;
  /**
   * How far down the ranking packing looks: files in rank order until their rough outline costs add up to
   * this many budgets (at least `minCandidates` files). Below that a file could only enter if everything
   * above it were dropped, so considering it costs time and tells the user nothing.
   */
  readonly candidateBudgets: number;
  readonly minCandidates: number;
}

export const PACKING_DEFAULTS: PackingDefaults = {
  prefixShare: 0.25,
  suffixShare: 0.1,
  pricing: { outlineCoverage: 0.5, markerTokens: 4, residualWeight: 0.25 },
  seamReserveTokens: 4,
  maxRefits: 3,
  candidateBudgets: 3,
  minCandidates: 24,
};

/**
 * Fits the current file around the cursor and the ranked cross-file context into the token budget.
 * Every emitted part is counted with the real tokenizer; nothing is shown twice; the result depends only
 * on the input. The current file's header (`pathHeader(file, language)`) is reserved in the budget, so a
 * template that shows it stays within budget.
 */
export function packContext(input: PackInput, defaults: PackingDefaults = PACKING_DEFAULTS): PackResult {
  const cache = tokenCacheFor(input.tokenizer);
  const budget = Math.max(0, Math.floor(input.budgetTokens));
  const headerTokens = cache.line(pathHeader(input.file, input.language) + '\n') + defaults.seamReserveTokens;
  const shares = { prefix: input.prefixShare ?? defaults.prefixShare, suffix: input.suffixShare ?? defaults.suffixShare };
  const forCurrent = Math.max(0, budget - headerTokens);
  let window = cutAroundCursor(input.text, input.position, { prefix: Math.floor(forCurrent * shares.prefix), suffix: Math.floor(forCurrent * shares.suffix) }, cache);

  const { candidates, rows: unavailable } = gatherCandidates(input, cache, defaults);
  const crossBudget = Math.max(0, forCurrent - window.prefixTokens - window.suffixTokens);
  const packed = fitCrossFile(input.ranking.packing, candidates, crossBudget, defaults, cache);

  // What the cross-file context left unused goes back to the current file, nearest lines first.
  const unused = crossBudget - packed.tokens;
  if (unused > 0 && (window.prefixCut || window.suffixCut)) window = regrow(input, window, unused, cache);

  const items = [...candidates.flatMap((c, i) => candidateRows(input.ranking.packing, c, packed.selection.states[i], packed.blocksByFile[i], packed.selection.remaining, defaults.pricing, cache)), ...unavailable];
  const tokensBySource: Record<string, number> = { header: headerTokens - defaults.seamReserveTokens, prefix: window.prefixTokens, suffix: window.suffixTokens };
  for (const block of packed.blocks) tokensBySource[block.candidate.ranked.source] = (tokensBySource[block.candidate.ranked.source] ?? 0) + block.tokens;
  return {
    context: packed.context,
    prefix: window.prefix,
    suffix: window.suffix,
    items,
    usedTokens: headerTokens - defaults.seamReserveTokens + window.prefixTokens + window.suffixTokens + packed.tokens,
    tokensBySource,
  };
}

/** A cheap upper estimate of a file's outline in tokens, from the index alone (no tokenizing). */
function roughOutlineTokens(index: IndexView, path: string): number {
  const file = index.file(path);
  if (!file) return 0;
  return Math.min(file.size / 4, 12 * file.definitions.length + 10);
}

function gatherCandidates(input: PackInput, cache: TokenCache, defaults: PackingDefaults): { candidates: FileCandidate[]; rows: ManifestItem[] } {
  const excluded = new Set(input.excluded ?? []);
  const candidates: FileCandidate[] = [];
  const rows: ManifestItem[] = [];
  const seen = new Set<string>();
  const enough = defaults.candidateBudgets * input.budgetTokens;
  let considered = 0;
  input.ranking.files.forEach((ranked, rank) => {
    if (seen.has(ranked.path)) return; // a ranking lists each file once; guard against duplicates anyway
    if (considered >= enough && candidates.length >= defaults.minCandidates && !ranked.pinned) return;
    seen.add(ranked.path);
    if (excluded.has(ranked.path)) return rows.push(unavailableRow(ranked, 'excluded by you'));
    if (ranked.path === input.file) return rows.push(unavailableRow(ranked, 'the current file is already in the prompt around the cursor'));
    const candidate = fileCandidate(ranked, rank, input.index, cache);
    if ('reason' in candidate) return rows.push(unavailableRow(ranked, candidate.reason));
    candidates.push(candidate);
    considered += roughOutlineTokens(input.index, ranked.path);
  });
  return { candidates, rows };
}

interface CrossFile {
  readonly selection: Selection;
  readonly blocks: readonly Block[];
  readonly blocksByFile: readonly (readonly Block[])[];
  readonly context: string;
  /** Exact tokens of `context`. */
  readonly tokens: number;
}

/**
 * Selects on estimates, then counts the emitted text. Over budget: select again with the overshoot taken
 * off (after `maxRefits` tries, with nothing), so the budget is never exceeded. Under budget by more than
 * the estimates' error: try once more with the slack added, keeping the larger result only if it fits.
 */
function fitCrossFile(mode: Ranking['packing'], candidates: readonly FileCandidate[], budget: number, defaults: PackingDefaults, cache: TokenCache): CrossFile {
  const select = mode === 'levels' ? selectByValue : selectInOrder;
  const attempt = (target: number): CrossFile => {
    const selected = select(candidates, target, defaults.pricing);
    const blocksByFile = candidates.map((c, i) => blocksOf(c, selected.states[i], cache));
    const blocks = orderBlocks(blocksByFile.flat());
    const context = blocks.map(b => b.text()).join('\n');
    // Consecutive requests mostly emit the same blocks: the joined text's exact count is cached by their keys.
    const tokens = cache.block(blocks.map(b => b.key).join('\n'), () => context);
    // What the selection saw as left, in the caller's budget: the manifest explains drops against it.
    const remaining = Math.min(selected.remaining + (budget - target), budget - Math.min(budget, tokens));
    return { selection: { states: selected.states, remaining }, blocks, blocksByFile, context, tokens };
  };
  let target = budget;
  let fitted: CrossFile | undefined;
  for (let refit = 0; !fitted; refit++) {
    const result = attempt(target);
    if (result.tokens <= budget) fitted = result;
    else target = refit < defaults.maxRefits ? target - (result.tokens - budget) : 0;
  }
  const slack = budget - fitted.tokens;
  if (target === budget && slack > defaults.pricing.markerTokens) {
    const fuller = attempt(budget + slack);
    if (fuller.tokens <= budget && fuller.tokens > fitted.tokens) return { ...fuller, selection: { ...fuller.selection, remaining: budget - fuller.tokens } };
  }
  return fitted;
}

function regrow(input: PackInput, window: CurrentFileWindow, unused: number, cache: TokenCache): CurrentFileWindow {
  const prefixGets = window.prefixCut ? unused : 0;
  const grown = cutAroundCursor(input.text, input.position, { prefix: window.prefixTokens + prefixGets, suffix: window.suffixTokens }, cache);
  const left = window.prefixTokens + prefixGets - grown.prefixTokens;
  if (left <= 0 || !window.suffixCut) return grown;
  return cutAroundCursor(input.text, input.position, { prefix: grown.prefixTokens, suffix: window.suffixTokens + left }, cache);
}
