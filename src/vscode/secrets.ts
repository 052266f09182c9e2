import * as vscode from 'vscode';
import type { Log } from './log';

const API_KEY = 'codebaseContext.apiKey';

/**
 * The endpoint's API key, kept in VS Code's SecretStorage only: never in settings, logs or manifests.
 * The model client is the only consumer, and it sends the key to the configured endpoint only.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.subscription = secrets.onDidChange(e => {
      if (e.key === API_KEY) this.emitter.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  async get(): Promise<string | undefined> {
    const key = await this.secrets.get(API_KEY);
    this.log.neverLog(key);
    return key || undefined;
  }

  /** An empty key removes it (for endpoints without authentication). */
  async set(key: string): Promise<void> {
    this.log.neverLog(key);
    if (key) await this.secrets.store(API_KEY, key);
    else await this.secrets.delete(API_KEY);
    // SecretStorage reports the change asynchronously; the next request must already use the new key.
    this.emitter.fire();
    this.log.info(key ? 'API key stored in SecretStorage.' : 'API key removed.');
  }
}

/** "Set API Key": a password box; an argument (for scripts and tests) skips the box. */
export function register(store: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand('codebaseContext.setApiKey', async (key?: unknown) => {
    const entered =
      typeof key === 'string'
        ? key
        : await vscode.window.showInputBox({
            title: 'Codebase Context: API key',
            prompt: 'The key for your completion endpoint. It is kept in SecretStorage and sent only to that endpoint. Leave empty to remove it.',
            password: true,
            ignoreFocusOut: true,
          });
    if (entered === undefined) return;
    await store.set(entered.trim());
    if (typeof key !== 'string') void vscode.window.showInformationMessage(entered.trim() ? 'Codebase Context: API key saved.' : 'Codebase Context: API key removed.');
  });
}
