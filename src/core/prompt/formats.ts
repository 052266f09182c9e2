import type { PromptFormat } from '../types';

// The type lives with the request (types.ts): a request names the format its prompt will be rendered in.
export type { PromptFormat };

/**
 * Model-name patterns, first match wins. Served names vary (`Qwen/Qwen2.5-Coder-7B`, `qwen2.5-coder:7b-base`,
 * `bigcode/starcoder2-15b`), so they are matched anywhere in the name, case-insensitively.
 */
const MODEL_FORMATS: readonly (readonly [RegExp, PromptFormat])[] = [
  [/qwen[\d.]*-?coder/i, 'qwen'],
  // StarCoder (1) has different repository tokens (<reponame>, <filename>): it is left to the server.
  [/starcoder-?2/i, 'starcoder'],
  [/deepseek-?coder/i, 'deepseek'],
  [/codestral/i, 'codestral'],
  [/code-?llama/i, 'codellama'],
  // The only OpenAI model that takes the `suffix` field of /v1/completions; other gpt-* are chat-only.
  [/gpt-3\.5-turbo-instruct/i, 'suffix-field'],
  [/(^|\/)(gpt-|chatgpt|o[1-9](-|$)|claude|gemini|deepseek-(chat|reasoner))/i, 'chat'],
];

/** The prompt format for a model name; unknown models get `suffix-field` and let the server apply its template. */
export function formatForModel(model: string): PromptFormat {
  return MODEL_FORMATS.find(([pattern]) => pattern.test(model))?.[1] ?? 'suffix-field';
}
