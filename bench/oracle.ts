// The upper bound: context made of exactly the gold declarations' signatures, packed by the real packer
// with the same budget rules as every strategy, so its numbers say what a perfect ranking could reach.
import type { IndexView } from '../src/core/index/view';
import { languageForPath } from '../src/core/languages';
import { packContext, tokenizerFor } from '../src/core/pack';
import { fitPrompt } from '../src/core/prompt/fit-prompt';
import { renderPrompt } from '../src/core/prompt/templates';
import type { ManifestItem, Position, PromptFormat, RankedFile } from '../src/core/types';
import type { GoldPosition } from './ground-truth';

export interface OracleRequest {
  readonly gold: GoldPosition;
  /** The masked buffer and cursor. */
  readonly text: string;
  readonly position: Position;
  readonly budgetTokens: number;
  /** As for every strategy: with a format, the budget bounds the rendered prompt, template markers included. */
  readonly format?: PromptFormat;
}

/** Each gold symbol's first declaration site, from its first line to the end of its signature, in gold order. */
function oracleRanking(gold: GoldPosition): RankedFile[] {
  const byPath = new Map<string, RankedFile>();
  gold.gold.forEach((symbol, order) => {
    const site = symbol.sites[0];
    const span = { startLine: site.startLine, endLine: site.signatureEndLine, score: 1 / (order + 1), reasons: [`gold: \`${symbol.name}\``] };
    const known = byPath.get(site.file);
    byPath.set(site.file, known ? { ...known, spans: [...known.spans, span] } : { path: site.file, score: span.score, reasons: span.reasons, source: 'oracle', spans: [span] });
  });
  return [...byPath.values()];
}

/** The manifest rows of the oracle's context for one position and budget. */
export function oracleItems(index: IndexView, request: OracleRequest): readonly ManifestItem[] {
  const language = languageForPath(request.gold.file);
  if (!language) throw new Error(`${request.gold.file} has no supported language; the oracle only runs on sampled TypeScript files.`);
  const file = request.gold.file;
  const pack = (budgetTokens: number) => packContext({
    index,
    ranking: { files: oracleRanking(request.gold), packing: 'in-order' },
    file,
    language,
    text: request.text,
    position: request.position,
    budgetTokens,
    tokenizer: tokenizerFor(),
  });
  const { format } = request;
  if (!format) return pack(request.budgetTokens).items;
  return fitPrompt(request.budgetTokens, format, pack, parts => renderPrompt({ ...parts, file, language, format })).packed.items;
}
