export { ModelClient } from './client';
export type { ModelSettings } from './client';
export { ModelError } from './errors';
export type { ModelErrorCode } from './errors';
