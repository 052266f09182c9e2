// `import = require` on purpose: the package exports its CommonJS encodings under the `require` condition
// only, which esbuild applies to require calls, not to import statements.
import cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base');
import o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');
import type { TokenizerName } from './types';

export interface Tokenizer {
  readonly name: TokenizerName;
  count(text: string): number;
}

export const DEFAULT_TOKENIZER: TokenizerName = 'o200k_base';

// Source code may contain strings such as `<|endoftext|>`; the model sees them as plain text, so they are
// counted as plain text instead of making the tokenizer throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const ENCODINGS: Record<TokenizerName, (text: string) => number> = {
  o200k_base: text => o200k.countTokens(text, PLAIN_TEXT),
  cl100k_base: text => cl100k.countTokens(text, PLAIN_TEXT),
};

const instances = new Map<TokenizerName, Tokenizer>();

/** The real BPE tokenizer of that name (one shared instance per name, so caches keyed by it are shared). */
export function tokenizerFor(name: TokenizerName = DEFAULT_TOKENIZER): Tokenizer {
  let tokenizer = instances.get(name);
  if (!tokenizer) {
    const encode = ENCODINGS[name];
    if (!encode) throw new Error(`Unknown tokenizer '${name}'. Use one of: ${Object.keys(ENCODINGS).join(', ')}.`);
    tokenizer = { name, count: text => (text.length === 0 ? 0 : encode(text)) };
    instances.set(name, tokenizer);
  }
  return tokenizer;
}
