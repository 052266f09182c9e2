import type { PromptFormat } from '../types';
import { promptTokens } from './prompt-tokens';
import type { CompletionPrompt } from './templates';

/** What packing hands the template: the cross-file context and the current file around the cursor. */
export interface PromptParts {
  readonly context: string;
  readonly prefix: string;
  readonly suffix: string;
}

export interface FittedPrompt<T extends PromptParts> {
  readonly packed: T;
  readonly prompt: CompletionPrompt;
  /** The rendered prompt's tokens as the model family counts them: at most the budget. */
  readonly tokens: number;
}

/** Packings tried before giving up: the first usually fits, the second corrects a family whose text runs long. */
const MAX_PACKINGS = 4;

/**
 * Packs for a budget that bounds the whole rendered prompt. Packing counts its parts with its own tokenizer
 * and knows nothing of the template, so the template's own tokens (markers, repository name, file
 * separators) are taken off first, and when the family's count of the rendered prompt is still over, the
 * packing budget shrinks in proportion and packing runs again. Throws rather than exceed the budget.
 */
export function fitPrompt<T extends PromptParts>(budget: number, format: PromptFormat, pack: (budget: number) => T, render: (parts: PromptParts) => CompletionPrompt): FittedPrompt<T> {
  const template = promptTokens(render({ context: '', prefix: '', suffix: '' }), format);
  let target = budget - template;
  let tokens = template;
  for (let attempt = 0; attempt < MAX_PACKINGS && target > 0; attempt++) {
    const packed = pack(target);
    const prompt = render(packed);
    tokens = promptTokens(prompt, format);
    if (tokens <= budget) return { packed, prompt, tokens };
    target = Math.floor((target * budget) / tokens) - 1;
  }
  throw new Error(`A budget of ${budget} tokens is too small for a ${format} prompt here (the template alone takes ${template}, the smallest packing tried ${tokens}).`);
}
