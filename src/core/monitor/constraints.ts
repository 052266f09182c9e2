// How each backend is told "the next identifier is one of these": the request fields that make the server
// itself choose from the allowed members (constrained decoding), or none where the server cannot.
import type { ModelBackend } from '../model';

/** How a wrong member is put right. */
export type SteeringStrategy =
  /** llama.cpp: a GBNF grammar makes the server write an allowed member, then whatever it wants. */
  | 'grammar'
  /** vLLM: a choice constraint makes the server write one allowed member; the rest is a new request. */
  | 'choice'
  /** Any OpenAI-compatible server: the monitor picks the closest member and asks again from there. */
  | 'stop-and-repair';

export function strategyFor(backend: ModelBackend): SteeringStrategy {
  if (backend === 'llama.cpp') return 'grammar';
  if (backend === 'vllm' || backend === 'vllm-legacy') return 'choice';
  return 'stop-and-repair';
}

/**
 * The body fields of the constrained request. Grammar: the member, then either the end or a character that
 * cannot continue an identifier followed by anything, so the name ends exactly at an allowed member.
 * Choice: vLLM 0.12 and later read `structured_outputs.choice`, earlier versions `guided_choice`.
 */
export function constraintFields(backend: ModelBackend, members: readonly string[]): Record<string, unknown> {
  if (backend === 'llama.cpp') return { grammar: memberGrammar(members) };
  if (backend === 'vllm') return { structured_outputs: { choice: [...members] } };
  if (backend === 'vllm-legacy') return { guided_choice: [...members] };
  return {};
}

/** GBNF (llama.cpp's grammar format) whose `member` rule is one of `members`. */
export function memberGrammar(members: readonly string[]): string {
  return [
    'root ::= member rest',
    `member ::= ${members.map(gbnfString).join(' | ')}`,
    'rest ::= ([^a-zA-Z0-9_$] .*)?',
  ].join('\n');
}

function gbnfString(text: string): string {
  return JSON.stringify(text);
}
