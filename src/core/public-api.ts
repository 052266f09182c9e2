// The engine as a library, bundled to dist/engine.js: for scripts and the benchmarks, which measure the
// code as it ships (bundled worker, no on-the-fly TypeScript).
export { ContextEngine, STRATEGY_NAMES, type EngineOptions } from './engine';
export { WorkspaceIndex, type IndexOptions } from './index/workspace-index';
export type * from './types';
