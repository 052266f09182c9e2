// One error type for everything that can keep a fact from arriving. Callers (gatherFacts, the editor)
// turn it into "facts missing, and why" instead of failing the completion: facts are an extra, never a
// requirement.

export type FactsErrorCode =
  /** No server is configured or installed for the language. */
  | 'no-server'
  /** The server would run a binary from inside an untrusted workspace. */
  | 'untrusted'
  /** The server process could not start or died; it restarts after a backoff. */
  | 'crashed'
  /** The answer did not come within its time budget; the request was cancelled on the server. */
  | 'timeout'
  /** The caller cancelled (AbortSignal). */
  | 'cancelled'
  /** The server answered with an error. */
  | 'server-error'
  /** The facts were disposed. */
  | 'disposed';

export class FactsError extends Error {
  constructor(
    readonly code: FactsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FactsError';
  }
}

/** The message of any thrown value, for the "missing, because …" lines. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
