// A change notice for the editor layer's small state holders (activity, snooze, pins and exclusions). Not
// `vscode.EventEmitter`: these classes import nothing from `vscode`, so their unit tests run in plain Node.

export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  /** The shape of a VS Code event subscription: dispose to stop listening. */
  listen(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  fire(): void {
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.listeners.clear();
  }
}
