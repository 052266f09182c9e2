// The messages between the editor side (EngineThread) and the engine thread (engine-worker.ts). Every message
// carries the protocol version: a bundle of the extension paired with an engine bundle from another build
// fails at once with a message that says what to do, instead of misreading each other's fields.
import type { EngineOptions } from '../engine';
import type { ContextResult, IndexProgress, IndexSummary } from '../types';
import type { EngineRequest, EngineStats, MonitoredCompletion, MonitoredRequest, MonitorWarmUp, WarmUpRequest } from './api';

/** Bump on any change to the shapes below. */
/** 2: a context request may carry the editor's language facts (EngineRequest.facts). */
/** 3: completeMonitored; errors carry their code (a ModelError's, for the editor's failure notices). */
/** 4: warmUpMonitor (the editor starts a document's hidden server when the document becomes active). */
/** 5: warmUp may be told not to rehearse (WarmUpRequest.rehearse). */
/** 6: prepareContext (the editor builds where the cursor rests, before the first keystroke there). */
export const PROTOCOL_VERSION = 6;

/** What the engine thread is started with (workerData). Only data: functions do not cross threads. */
export interface EngineWorkerData {
  readonly version: number;
  readonly options: Omit<EngineOptions, 'onProgress'>;
}

/** Each call the engine thread answers: its parameters and its result. */
export interface EngineCalls {
  buildContext: {
    params: {
      readonly request: EngineRequest;
      readonly deadlineMs?: number;
      /** When the editor side asked (see BuildControl.startedAt), so time queued in the engine thread counts. */
      readonly startedAt: number;
      /** A one-element Int32Array's buffer that the editor side sets to 1 to cancel (see shared-cancel.ts). */
      readonly cancel: SharedArrayBuffer;
    };
    result: ContextResult;
  };
  /** Whether it built. */
  prepareContext: { params: EngineCalls['buildContext']['params']; result: boolean };
  completeMonitored: {
    /** `cancel` as in buildContext: set when the completion's cancellation token fires. */
    params: { readonly request: MonitoredRequest; readonly cancel: SharedArrayBuffer };
    result: MonitoredCompletion;
  };
  warmUpMonitor: { params: { readonly document: MonitorWarmUp }; result: void };
  updateFile: { params: { readonly path: string; readonly text?: string }; result: void };
  removeFile: { params: { readonly path: string }; result: void };
  renameFile: { params: { readonly from: string; readonly to: string }; result: void };
  warmUp: { params: WarmUpRequest; result: void };
  text: { params: { readonly path: string }; result: string | undefined };
  stats: { params: Record<string, never>; result: EngineStats };
  /** Ends the index workers and writes the cache; the editor side then ends the thread. */
  dispose: { params: Record<string, never>; result: void };
}

export type CallName = keyof EngineCalls;

export interface CallMessage<K extends CallName = CallName> {
  readonly version: number;
  readonly kind: 'call';
  readonly id: number;
  readonly call: K;
  readonly params: EngineCalls[K]['params'];
}

/** An error as it crosses the thread boundary: its name survives (AbortError stays an AbortError). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** A ModelError's code ('unauthorized', 'timeout', …), which the editor's notices tell apart. */
  readonly code?: string;
}

/** What the engine thread posts: answers to calls, and events of its own. */
export type EngineMessage =
  | { readonly version: number; readonly kind: 'result'; readonly id: number; readonly value: unknown }
  | { readonly version: number; readonly kind: 'error'; readonly id: number; readonly error: WireError }
  | { readonly version: number; readonly kind: 'progress'; readonly progress: IndexProgress }
  | { readonly version: number; readonly kind: 'ready'; readonly summary: IndexSummary }
  | { readonly version: number; readonly kind: 'failed'; readonly error: WireError };

/** Thrown when the two sides were built from different versions of the protocol. */
export class ProtocolVersionError extends Error {
  override readonly name = 'ProtocolVersionError';
  constructor(side: string, got: unknown) {
    super(
      `The ${side} speaks engine protocol version ${String(got)}, this side version ${PROTOCOL_VERSION}: the extension's files come ` +
        'from different builds. Reinstall the extension (or run `npm run build` when working from sources) and reload the window.',
    );
  }
}

export function callMessage<K extends CallName>(id: number, call: K, params: EngineCalls[K]['params']): CallMessage<K> {
  return { version: PROTOCOL_VERSION, kind: 'call', id, call, params };
}

/** The message, when it is a message of this protocol version; throws ProtocolVersionError otherwise. */
export function checkVersion<M extends { readonly version: number }>(message: M, side: string): M {
  const version = (message as { version?: unknown } | null)?.version;
  if (version !== PROTOCOL_VERSION) throw new ProtocolVersionError(side, version);
  return message;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  if (wire.code) Object.assign(error, { code: wire.code });
  return error;
}
