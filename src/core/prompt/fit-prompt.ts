import type { PromptFormat } from '../types';
import { FAMILY_SCALE, promptTokens } from './prompt-tokens';
import type { CompletionPrompt } from './templates';

/** What packing hands the template: the cross-file context and the current file around the cursor. */
export interface PromptParts {
  readonly context: string;
  readonly prefix: string;
  readonly suffix: string;
}

/** What a packing hands back: the parts and the tokens it spent on them by its own count. */
export interface PackedParts extends PromptParts {
  readonly usedTokens: number;
}

export interface FittedPrompt<T extends PackedParts> {
  readonly packed: T;
  readonly prompt: CompletionPrompt;
  /** The rendered prompt's tokens as the model family counts them: at most the budget. */
  readonly tokens: number;
}

/** Packings tried before giving up: the first usually fits, the second corrects a family whose text runs long. */
const MAX_PACKINGS = 4;
/** Taken off beyond the proportional shrink on a repack: 8, then 16, then 32 tokens. */
const SLACK_TOKENS = 8;

/**
 * The template's tokens per format, for the last empty rendering seen. Keystroke after keystroke the file
 * and repository name are the same, so the count (50-85 µs for the o200k formats) is taken once, while the
 * rendering that tells whether they changed costs 1-3 µs.
 */
const templates = new Map<PromptFormat, { readonly rendering: string; readonly tokens: number }>();

function templateTokens(format: PromptFormat, render: (parts: PromptParts) => CompletionPrompt): number {
  const empty = render({ context: '', prefix: '', suffix: '' });
  const rendering = JSON.stringify(empty);
  const known = templates.get(format);
  if (known?.rendering === rendering) return known.tokens;
  const tokens = promptTokens(empty, format);
  templates.set(format, { rendering, tokens });
  return tokens;
}

/**
 * Packs for a budget that bounds the whole rendered prompt. Packing counts its parts with its own tokenizer
 * and knows nothing of the template, so the template's own tokens (markers, repository name, file
 * separators) are taken off first, and when the family's count of the rendered prompt is still over, the
 * packing budget shrinks in proportion to what was spent and packing runs again. Throws rather than exceed the budget.
 */
export function fitPrompt<T extends PackedParts>(budget: number, format: PromptFormat, pack: (budget: number) => T, render: (parts: PromptParts) => CompletionPrompt): FittedPrompt<T> {
  const template = templateTokens(format, render);
  // Scaled to the packing's own count from the start, so the first packing usually fits: the packing
  // budget is then the same keystroke after keystroke, which is what lets the kept context be emitted
  // again (pack/reuse.ts needs the same budget) and the model server reuse the prompt's start.
  let target = Math.floor((budget - template) / FAMILY_SCALE[format]);
  let tokens = template;
  for (let attempt = 0; attempt < MAX_PACKINGS && target > 0; attempt++) {
    const packed = pack(target);
    const prompt = render(packed);
    tokens = promptTokens(prompt, format);
    if (tokens <= budget) return { packed, prompt, tokens };
    // From what the packing spent (it often leaves part of its budget unused, and a shrink within that part
    // changes nothing), in proportion, less a slack that doubles on each try: packing cuts whole lines.
    target = Math.floor((Math.min(target, packed.usedTokens) * budget) / tokens) - SLACK_TOKENS * 2 ** attempt;
  }
  throw new Error(`A budget of ${budget} tokens is too small for a ${format} prompt here (the template alone takes ${template}, the smallest packing tried ${tokens}).`);
}
