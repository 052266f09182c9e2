import { ChangeSignal } from './change-signal';

/**
 * What the model side is doing right now, for the status bar: how many completions or context builds are in
 * flight, and the message of the last failed request until one succeeds again.
 */
export class Activity {
  private inFlight = 0;
  private failure: string | undefined;
  private readonly changes = new ChangeSignal();

  get busy(): boolean {
    return this.inFlight > 0;
  }

  get lastFailure(): string | undefined {
    return this.failure;
  }

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight++;
    this.changes.fire();
    try {
      return await work;
    } finally {
      this.inFlight--;
      this.changes.fire();
    }
  }

  failed(message: string): void {
    this.failure = message;
    this.changes.fire();
  }

  succeeded(): void {
    if (this.failure === undefined) return;
    this.failure = undefined;
    this.changes.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.listen(listener);
  }
}
