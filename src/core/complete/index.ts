export { wantsMultiline } from './multiline';
export { postprocessCompletion } from './postprocess';
export type { PostprocessInput } from './postprocess';
export { CompletionCache, completionCacheKey, DEFAULT_CACHE_ENTRIES } from './cache';
