import { ChangeSignal } from './change-signal';

/**
 * "Snooze" pauses inline completions for a while and ends by itself, like Copilot's: the user never has to
 * remember to switch them back on. Kept in memory: a new window starts awake.
 */
export class Snooze {
  private until: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changes = new ChangeSignal();

  constructor(private readonly now: () => number = Date.now) {}

  /** Minutes left, rounded up; undefined when not snoozed. */
  minutesLeft(): number | undefined {
    if (this.until === undefined) return undefined;
    return Math.max(1, Math.ceil((this.until - this.now()) / 60_000));
  }

  get active(): boolean {
    return this.until !== undefined && this.until > this.now();
  }

  start(minutes: number): void {
    this.clearTimer();
    this.until = this.now() + minutes * 60_000;
    this.timer = setTimeout(() => this.stop(), minutes * 60_000);
    this.changes.fire();
  }

  stop(): void {
    this.clearTimer();
    if (this.until === undefined) return;
    this.until = undefined;
    this.changes.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.listen(listener);
  }

  dispose(): void {
    this.clearTimer();
    this.changes.clear();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
