export { ModelClient } from './client';
export type { ModelSettings, RequestOptions, TokenAlternatives } from './client';
export { detectBackend, type ModelBackend } from './backend';
export { ModelError } from './errors';
export type { ModelErrorCode } from './errors';
