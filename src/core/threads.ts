import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from the bundle when it exists (dist/<bundledName>.js beside the running bundle),
 * else from its TypeScript source through tsx. Node 20 does not pass `--import` loaders on to worker
 * threads, so the source form registers tsx inside the worker before requiring the file.
 */
export function startWorker(bundledName: string, sourceFile: string, options: WorkerOptions = {}): Worker {
  const bundled = path.join(__dirname, `${bundledName}.js`);
  if (fs.existsSync(bundled)) return new Worker(bundled, options);
  const tsx = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(sourceFile)});`, { ...options, eval: true });
}
