export { renderPrompt, formatForModel, CHAT_INSTRUCTION, CURSOR_MARKER, DEFAULT_REPO_NAME } from './templates';
export type { CompletionPrompt, PromptFormat, PromptInput } from './templates';
export { promptAsText } from './prompt-text';
