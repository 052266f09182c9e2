import { ChangeSignal } from './change-signal';

/** The subset of VS Code's Memento that selections need, so the logic is testable without an editor. */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}

const PINNED_KEY = 'codebaseContext.pinned';
const EXCLUDED_KEY = 'codebaseContext.excluded';

export type SelectionChange = 'pinned' | 'unpinned' | 'excluded' | 'included';

/**
 * The files the user pinned into, or excluded from, every prompt (workspace-relative paths), persisted in
 * the workspace state. A file is never both: pinning a file takes it out of the exclusions and vice versa.
 */
export class ContextSelections {
  private readonly changes = new ChangeSignal();

  constructor(private readonly store: StateStore) {}

  pinned(): readonly string[] {
    return this.store.get<string[]>(PINNED_KEY, []);
  }

  excluded(): readonly string[] {
    return this.store.get<string[]>(EXCLUDED_KEY, []);
  }

  /** Pins a file, or unpins it when it already is pinned. */
  async togglePin(path: string): Promise<SelectionChange> {
    if (this.pinned().includes(path)) {
      await this.store.update(PINNED_KEY, this.pinned().filter(p => p !== path));
      return this.changed('unpinned');
    }
    await this.store.update(PINNED_KEY, [...this.pinned(), path]);
    await this.store.update(EXCLUDED_KEY, this.excluded().filter(p => p !== path));
    return this.changed('pinned');
  }

  /** Excludes a file, or includes it again when it already is excluded. */
  async toggleExclude(path: string): Promise<SelectionChange> {
    if (this.excluded().includes(path)) {
      await this.store.update(EXCLUDED_KEY, this.excluded().filter(p => p !== path));
      return this.changed('included');
    }
    await this.store.update(EXCLUDED_KEY, [...this.excluded(), path]);
    await this.store.update(PINNED_KEY, this.pinned().filter(p => p !== path));
    return this.changed('excluded');
  }

  async rename(from: string, to: string): Promise<void> {
    const swap = (paths: readonly string[]) => paths.map(p => (p === from ? to : p));
    await this.store.update(PINNED_KEY, swap(this.pinned()));
    await this.store.update(EXCLUDED_KEY, swap(this.excluded()));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.listen(listener);
  }

  private changed(change: SelectionChange): SelectionChange {
    this.changes.fire();
    return change;
  }
}
