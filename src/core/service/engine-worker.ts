// The engine thread: owns one ContextEngine and everything that grows with the workspace (the index, the
// ranking state, the parse caches), and starts the tree-sitter index workers itself. The editor side
// (engine-thread.ts) only sends calls and receives answers, so indexing and ranking never hold the extension
// host's main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { ContextEngine } from '../engine';
import { checkVersion, PROTOCOL_VERSION, toWireError, type CallMessage, type CallName, type EngineCalls, type EngineMessage, type EngineWorkerData } from './protocol';
import { abortSignalOf, cancelledReader } from './shared-cancel';

type Handlers = { [K in CallName]: (engine: ContextEngine, params: EngineCalls[K]['params']) => Promise<EngineCalls[K]['result']> };

const handlers: Handlers = {
  buildContext: (engine, { request, deadlineMs, startedAt, cancel }) => engine.buildContext(request, { deadlineMs, startedAt, isCancelled: cancelledReader(cancel) }),
  prepareContext: (engine, { request, deadlineMs, startedAt, cancel }) => engine.prepareContext(request, { deadlineMs, startedAt, isCancelled: cancelledReader(cancel) }),
  completeMonitored: async (engine, { request, cancel }) => {
    const cancellation = abortSignalOf(cancel);
    try {
      return await engine.completeMonitored(request, { signal: cancellation.signal });
    } finally {
      cancellation.dispose();
    }
  },
  warmUpMonitor: (engine, { document }) => engine.warmUpMonitor(document),
  updateFile: (engine, { path, text }) => engine.updateFile(path, text),
  removeFile: (engine, { path }) => engine.removeFile(path),
  renameFile: (engine, { from, to }) => engine.renameFile(from, to),
  warmUp: (engine, request) => engine.warmUp(request),
  text: (engine, { path }) => engine.text(path),
  stats: engine => engine.stats(),
  dispose: engine => engine.dispose(),
};

function serve(port: NonNullable<typeof parentPort>, data: EngineWorkerData): void {
  const post = (message: EngineMessage) => port.postMessage(message);
  const opening = ContextEngine.open({ ...data.options, onProgress: progress => post({ version: PROTOCOL_VERSION, kind: 'progress', progress }) });
  opening.then(
    engine => post({ version: PROTOCOL_VERSION, kind: 'ready', summary: engine.summary }),
    error => post({ version: PROTOCOL_VERSION, kind: 'failed', error: toWireError(error) }),
  );
  port.on('message', (raw: CallMessage) => {
    const id = typeof raw?.id === 'number' ? raw.id : -1;
    let message: CallMessage;
    try {
      message = checkVersion(raw, 'editor side');
    } catch (error) {
      post({ version: PROTOCOL_VERSION, kind: 'error', id, error: toWireError(error) });
      return;
    }
    const handler = handlers[message.call] as (engine: ContextEngine, params: unknown) => Promise<unknown>;
    opening
      .then(engine => {
        if (!handler) throw new Error(`The engine thread does not know the call '${String(message.call)}'.`);
        return handler(engine, message.params);
      })
      .then(
        value => post({ version: PROTOCOL_VERSION, kind: 'result', id, value }),
        error => post({ version: PROTOCOL_VERSION, kind: 'error', id, error: toWireError(error) }),
      );
  });
}

if (parentPort) {
  try {
    serve(parentPort, checkVersion(workerData as EngineWorkerData, 'editor side'));
  } catch (error) {
    parentPort.postMessage({ version: PROTOCOL_VERSION, kind: 'failed', error: toWireError(error) } satisfies EngineMessage);
  }
}
