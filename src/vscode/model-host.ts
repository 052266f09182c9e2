import * as vscode from 'vscode';
import { ModelClient, type ModelSettings } from '../core/model';
import type { CompletionPrompt } from '../core/prompt';
import type { Activity } from './activity';
import { EndpointHealth } from './endpoint-health';
import type { Log } from './log';
import type { Notifier } from './notifier';
import type { ApiKeyStore } from './secrets';
import { SECTION, type SettingsStore } from './settings';

/** Writes a completion with the endpoint's settings somewhere else (the monitor's engine thread). */
export type ModelWriter = (model: ModelSettings, signal: AbortSignal) => Promise<string>;

/**
 * Talks to the configured endpoint: one ModelClient, rebuilt when the settings or the key change (so the key
 * only ever goes to the endpoint configured with it). Failures are logged every time but notified once per
 * failure streak; completions simply yield nothing until the endpoint answers again.
 */
export class ModelHost implements vscode.Disposable {
  private client: Promise<ModelClient> | undefined;
  private readonly health = new EndpointHealth<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly settings: SettingsStore,
    private readonly log: Log,
    private readonly notifier: Notifier,
    private readonly activity: Activity,
  ) {
    const reset = () => (this.client = undefined);
    this.subscriptions = [settings.onDidChange(reset), keys.onDidChange(reset)];
  }

  /**
   * The completion text, or undefined when the request was cancelled or failed (the user was told). `writer`
   * writes it instead of this side's client; its failures are told the same way.
   */
  async complete(prompt: CompletionPrompt, signal: AbortSignal, writer?: ModelWriter): Promise<string | undefined> {
    const settings = this.settings.current;
    const started = Date.now();
    this.log.debug(`Request to ${settings.endpoint} (model ${settings.model}, ${prompt.kind}, ${promptChars(prompt)} chars).`);
    try {
      const text = writer ? await writer(await this.modelSettings(), signal) : await (await (this.client ??= this.createClient())).complete(prompt, signal);
      this.log.debug(`Answer in ${Date.now() - started} ms (${text.length} chars).`);
      this.succeeded();
      return text;
    } catch (error) {
      if (signal.aborted) {
        this.log.debug(`Request cancelled after ${Date.now() - started} ms.`);
        return undefined;
      }
      this.failedWith(error, settings.endpoint);
      return undefined;
    }
  }

  /** Records a request that worked (a completion or the setup check): the next failure is news again. */
  succeeded(): void {
    this.health.succeeded();
    this.activity.succeeded();
  }

  /**
   * Records a failed request and tells the user once per failure streak. The setup check reports through
   * here too, so a bad endpoint found at setup is not announced again at the first keystroke.
   */
  failed(code: string, message: string): void {
    this.log.error(`Request failed (${code})`, message);
    this.activity.failed(message);
    if (!this.health.failed(code)) return;
    const keyProblem = code === 'unauthorized' || code === 'forbidden';
    const actions = keyProblem ? ['Set API Key', 'Test Connection', 'Show Log'] : ['Open Settings', 'Test Connection', 'Show Log'];
    this.notifier.error(`Codebase Context: ${message}`, actions, choice => {
      if (choice === 'Set API Key') void vscode.commands.executeCommand('codebaseContext.setApiKey');
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.endpoint`);
      if (choice === 'Test Connection') void vscode.commands.executeCommand('codebaseContext.testConnection');
      if (choice === 'Show Log') this.log.show();
    });
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
  }

  /** The endpoint's settings with the key: for this side's client and for a writer. */
  private async modelSettings(): Promise<ModelSettings> {
    const s = this.settings.current;
    const apiKey = await this.keys.get();
    return { baseUrl: s.endpoint, apiKey, model: s.model, maxTokens: s.maxOutputTokens, temperature: s.temperature, timeoutMs: s.requestTimeoutMs };
  }

  private async createClient(): Promise<ModelClient> {
    try {
      return new ModelClient(await this.modelSettings());
    } catch (error) {
      this.client = undefined; // a settings or key change may fix it: try again on the next request
      throw error;
    }
  }

  private failedWith(error: unknown, endpoint: string): void {
    // By name, not class: a ModelError from the engine thread arrives as a plain Error with its name and code.
    const modelError = error instanceof Error && error.name === 'ModelError' ? (error as Error & { code?: string }) : undefined;
    const code = modelError?.code ?? 'invalid-settings';
    const message = modelError ? modelError.message : `The completion request to ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`;
    this.failed(code, message);
  }
}

function promptChars(prompt: CompletionPrompt): number {
  return prompt.kind === 'chat' ? prompt.messages.reduce((n, m) => n + m.content.length, 0) : prompt.prompt.length + (prompt.suffix?.length ?? 0);
}
