// The engine as a library, bundled to dist/engine.js: for scripts and the benchmarks, which measure the
// code as it ships (bundled worker, no on-the-fly TypeScript).
export { ContextEngine, STRATEGY_NAMES, type EngineOptions } from './engine';
export { WorkspaceIndex, type IndexOptions } from './index/workspace-index';
// The engine in its own thread, as the editor runs it (dist/engine-worker.js beside this bundle).
export { EngineThread, type EngineThreadHooks } from './service/engine-thread';
export type { EngineApi, EngineStats } from './service/api';
export type * from './types';
