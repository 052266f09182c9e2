/** The streams a command writes to: the process's in production, captured ones in tests. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** A usage mistake: the command prints the message and its usage, and exits with code 2. */
export class UsageError extends Error {}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
