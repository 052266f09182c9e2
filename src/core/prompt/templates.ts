import type { LanguageId } from '../types';
import { pathHeader } from '../pack/header';
import { splitContextFiles } from './context-files';
import type { PromptFormat } from './formats';

export type { PromptFormat } from './formats';
export { formatForModel } from './formats';

/** What goes to the model: raw text for /v1/completions (optionally with the `suffix` field), or chat messages. */
export type CompletionPrompt =
  | { kind: 'completion'; prompt: string; suffix?: string; stop: string[] }
  | { kind: 'chat'; messages: { role: 'system' | 'user'; content: string }[]; stop: string[] };

export interface PromptInput {
  /** Packed cross-file context, each block headed by `<line comment> path: <path>`. */
  context: string;
  prefix: string;
  suffix: string;
  /** The current file's workspace path. */
  file: string;
  language: LanguageId;
  format: PromptFormat;
  /** Repository name for the repository-level templates (Qwen, StarCoder2). */
  repoName?: string;
}

export const DEFAULT_REPO_NAME = 'workspace';

/** Marks the hole in the chat format; named in the instruction so the model knows what to fill. */
export const CURSOR_MARKER = '<CURSOR>';

export const CHAT_INSTRUCTION =
  `You are a code completion engine. Files of the repository come first for reference, each headed by its path; ` +
  `the last one is the file being edited. Complete the code at ${CURSOR_MARKER}: answer with the inserted code only, ` +
  `without explanations, without Markdown fences, and without repeating the code before or after ${CURSOR_MARKER}.`;

// Special tokens of each family, as their tokenizers spell them (DeepSeek uses full-width bars U+FF5C and U+2581).
const QWEN = { repo: '<|repo_name|>', file: '<|file_sep|>', pre: '<|fim_prefix|>', suf: '<|fim_suffix|>', mid: '<|fim_middle|>' };
const STARCODER = { repo: '<repo_name>', file: '<file_sep>', pre: '<fim_prefix>', suf: '<fim_suffix>', mid: '<fim_middle>' };
const DEEPSEEK = { begin: '<｜fim▁begin｜>', hole: '<｜fim▁hole｜>', end: '<｜fim▁end｜>' };
const CODESTRAL = { pre: '[PREFIX]', suf: '[SUFFIX]', mid: '[MIDDLE]' };
const CODELLAMA = { pre: '<PRE>', suf: '<SUF>', mid: '<MID>' };

/** The special tokens each format writes into the prompt: one token each for the family's tokenizer. */
export const TEMPLATE_MARKERS: Readonly<Record<PromptFormat, readonly string[]>> = {
  qwen: Object.values(QWEN),
  starcoder: Object.values(STARCODER),
  deepseek: Object.values(DEEPSEEK),
  codestral: Object.values(CODESTRAL),
  codellama: Object.values(CODELLAMA),
  'suffix-field': [],
  chat: [],
  plain: [],
};

/** Stop sequences: the family's end-of-text tokens and any FIM token, which a well-behaved model emits only when done. */
const STOPS = {
  qwen: ['<|endoftext|>', QWEN.file, QWEN.pre, QWEN.suf, QWEN.mid, QWEN.repo, '<|im_end|>'],
  starcoder: ['<|endoftext|>', STARCODER.file, STARCODER.pre, STARCODER.suf, STARCODER.mid, STARCODER.repo],
  deepseek: [DEEPSEEK.begin, DEEPSEEK.hole, DEEPSEEK.end, '<｜end▁of▁sentence｜>', '<|EOT|>'],
  codestral: [CODESTRAL.pre, CODESTRAL.suf, CODESTRAL.mid, '</s>'],
  codellama: ['<EOT>', CODELLAMA.pre, CODELLAMA.suf, CODELLAMA.mid, '</s>'],
} as const;

export function renderPrompt(input: PromptInput): CompletionPrompt {
  const { prefix, suffix, file } = input;
  const header = pathHeader(file, input.language);
  // Context, a blank line, the current file's header, its prefix: the layout of the non-repository formats.
  const flat = `${contextBlock(input.context)}${header}\n${prefix}`;
  // For the formats without end-of-file tokens, a new path header means the model started inventing a file.
  const nextFileStop = `\n${header.slice(0, header.length - file.length)}`;
  switch (input.format) {
    case 'qwen':
      return completion(`${repoLevelContext(QWEN, input, '\n')}${QWEN.file}${file}\n${QWEN.pre}${prefix}${QWEN.suf}${suffix}${QWEN.mid}`, STOPS.qwen);
    case 'starcoder':
      // StarCoder2 was trained with the current file's path after <fim_prefix> (repository-level FIM).
      return completion(`${repoLevelContext(STARCODER, input, '')}${STARCODER.file}${STARCODER.pre}${file}\n${prefix}${STARCODER.suf}${suffix}${STARCODER.mid}`, STOPS.starcoder);
    case 'deepseek':
      return completion(`${DEEPSEEK.begin}${flat}${DEEPSEEK.hole}${suffix}${DEEPSEEK.end}`, STOPS.deepseek);
    case 'codestral':
      return completion(`${CODESTRAL.suf}${suffix}${CODESTRAL.pre}${flat}`, STOPS.codestral);
    case 'codellama':
      // Meta's reference infilling format: spaces after <PRE> and before <SUF>/<MID> are part of it.
      return completion(`${CODELLAMA.pre} ${flat} ${CODELLAMA.suf}${suffix} ${CODELLAMA.mid}`, STOPS.codellama);
    case 'suffix-field':
      return { kind: 'completion', prompt: flat, suffix, stop: [nextFileStop] };
    case 'plain':
      return { kind: 'completion', prompt: flat, stop: [nextFileStop] };
    case 'chat':
      return {
        kind: 'chat',
        messages: [
          { role: 'system', content: CHAT_INSTRUCTION },
          { role: 'user', content: `${flat}${CURSOR_MARKER}${suffix}` },
        ],
        stop: [],
      };
  }
}

function completion(prompt: string, stop: readonly string[]): CompletionPrompt {
  return { kind: 'completion', prompt, stop: [...stop] };
}

function contextBlock(context: string): string {
  const trimmed = context.replace(/\n+$/, '');
  return trimmed === '' ? '' : `${trimmed}\n\n`;
}

/**
 * The repository name and one file-separator block per context file, as Qwen2.5-Coder and StarCoder2 were
 * trained on them. `afterRepoName` is Qwen's newline after the name (StarCoder2 has none).
 */
function repoLevelContext(tokens: { repo: string; file: string }, input: PromptInput, afterRepoName: string): string {
  const { preamble, files } = splitContextFiles(input.context);
  const blocks = files.map(f => `${tokens.file}${f.path}\n${f.text}\n`).join('');
  const repoName = `${tokens.repo}${input.repoName ?? DEFAULT_REPO_NAME}`;
  // Text outside any path block (not what packing produces) is kept on its own lines, never dropped.
  if (preamble.trim() !== '') return `${repoName}\n${preamble.replace(/\n*$/, '\n')}${blocks}`;
  return `${repoName}${afterRepoName}${blocks}`;
}
