/** How many recent contexts are kept (completion and Build Context together). */
export const HISTORY_SIZE = 20;

export interface HistoryEntry<T> {
  readonly id: number;
  readonly at: Date;
  readonly origin: 'completion' | 'command';
  readonly value: T;
}

/**
 * The recent contexts and which one the inspector shows. It follows the newest until a Build Context result
 * arrives or the user picks an entry: then that one stays shown, so the next keystroke's completion context
 * does not replace what the user asked to see.
 */
export class ContextHistory<T> {
  private readonly entries: HistoryEntry<T>[] = [];
  private nextId = 1;
  private pinnedId: number | undefined;

  constructor(private readonly size = HISTORY_SIZE, private readonly now: () => Date = () => new Date()) {}

  add(origin: HistoryEntry<T>['origin'], value: T): HistoryEntry<T> {
    const entry = { id: this.nextId++, at: this.now(), origin, value };
    this.entries.unshift(entry);
    if (this.entries.length > this.size) this.entries.pop();
    if (origin === 'command') this.pinnedId = entry.id;
    if (this.pinnedId !== undefined && !this.entries.some(e => e.id === this.pinnedId)) this.pinnedId = undefined;
    return entry;
  }

  /** Puts `next` in the place of `value` (what became known about a context later); false when it is gone. */
  replace(value: T, next: T): boolean {
    const at = this.entries.findIndex(e => e.value === value);
    if (at < 0) return false;
    this.entries[at] = { ...this.entries[at]!, value: next };
    return true;
  }

  /** Newest first. */
  all(): readonly HistoryEntry<T>[] {
    return this.entries;
  }

  latest(): HistoryEntry<T> | undefined {
    return this.entries[0];
  }

  shown(): HistoryEntry<T> | undefined {
    return this.entries.find(e => e.id === this.pinnedId) ?? this.entries[0];
  }

  /** True while the shown entry stays put instead of following the newest. */
  get holding(): boolean {
    return this.pinnedId !== undefined;
  }

  /** Shows one entry and keeps it shown; undefined follows the newest again. */
  show(id: number | undefined): void {
    this.pinnedId = id !== undefined && this.entries.some(e => e.id === id) ? id : undefined;
  }

  /** How many entries arrived after the shown one. */
  newerThanShown(): number {
    const shown = this.shown();
    return shown ? this.entries.indexOf(shown) : 0;
  }
}
