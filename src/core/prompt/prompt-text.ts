import type { CompletionPrompt } from './templates';

/** The prompt as a person reads it: completion text (plus the `suffix` field when used) or the chat messages. */
export function promptAsText(prompt: CompletionPrompt): string {
  if (prompt.kind === 'chat') return prompt.messages.map(m => `──── ${m.role} ────\n${m.content}`).join('\n\n');
  if (prompt.suffix === undefined) return prompt.prompt;
  return `${prompt.prompt}\n\n──── suffix (sent in the request's \`suffix\` field) ────\n${prompt.suffix}`;
}
