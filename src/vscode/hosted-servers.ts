// Language servers the extension hosts itself, with vscode-languageclient: one per language the user gave a
// command line in `codebaseContext.languageServers` and no other extension serves. Hosted, a server's
// providers answer VS Code's provider commands like any extension's, so the editor's facts (editor-facts.ts)
// reach it with no special case. A language another extension serves is left to it: a second server would
// register duplicate providers (two hovers, two lists of completions) in the user's editor.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { FactsError, parseLanguageServers, serverFor, type ConfiguredServer } from '../core/facts';
import { languageForVscodeId, languageInfo } from '../core/languages';
import type { LanguageId } from '../core/types';
import type { Log } from './log';
import type { Notifier } from './notifier';
import { SECTION } from './settings';

const SETTING = 'languageServers';

export class HostedLanguageServers implements vscode.Disposable {
  private configured: Partial<Record<LanguageId, ConfiguredServer>> = {};
  /** Per configured language once a document of it opened: its client, or undefined where none runs (the log said why). */
  private readonly hosted = new Map<LanguageId, LanguageClient | undefined>();
  /** Counts configurations read, so that only the newest one starts servers. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly folder: vscode.WorkspaceFolder,
    private readonly ownExtensionId: string,
    private readonly log: Log,
    private readonly notifier: Notifier,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(`${SECTION}.${SETTING}`)) void this.reconfigure();
      }),
      // Trust decides whether a command inside the workspace may run (server-registry.ts).
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reconfigure()),
      vscode.workspace.onDidOpenTextDocument(document => this.hostFor(document)),
    ];
    void this.reconfigure();
  }

  async dispose(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.dispose();
    await this.stopAll();
  }

  private async reconfigure(): Promise<void> {
    const { servers, problems } = parseLanguageServers(vscode.workspace.getConfiguration(SECTION).get<unknown>(SETTING), `The setting ${SECTION}.${SETTING}`);
    if (problems.length > 0) this.notifier.error(problems.join(' '), []);
    // Nothing starts while the old servers stop: a document opened meanwhile waits for the new configuration.
    this.configured = {};
    const generation = ++this.generation;
    await this.stopAll();
    // A later change of the setting came while these stopped: its configuration is the one that counts.
    if (generation !== this.generation) return;
    this.configured = servers;
    // Servers start with the first document of their language, not before: most configured languages are
    // not in every workspace.
    for (const document of vscode.workspace.textDocuments) this.hostFor(document);
  }

  private hostFor(document: vscode.TextDocument): void {
    const language = languageForVscodeId(document.languageId);
    if (!language || !this.configured[language] || this.hosted.has(language)) return;
    const served = servingExtension(language, this.ownExtensionId);
    if (served) {
      // A built-in extension's manifest may hold a placeholder (`%displayName%`) instead of its name.
      const displayName = (served.packageJSON as { displayName?: string }).displayName;
      const name = displayName && !displayName.startsWith('%') ? `${displayName} (${served.id})` : served.id;
      this.notHosted(language, `${name} already serves ${language}: its answers are the language facts, and a second server would register duplicate providers. Remove ${language} from ${SECTION}.${SETTING}, or disable that extension, to use the configured one.`);
      return;
    }
    let spec;
    try {
      spec = serverFor(language, this.folder.uri.fsPath, { servers: this.configured, trustWorkspace: vscode.workspace.isTrusted });
    } catch (error) {
      this.notHosted(language, error instanceof FactsError ? error.message : String(error));
      return;
    }
    const client = new LanguageClient(
      `${SECTION}.${language}`,
      `Codebase Context: ${spec.name}`,
      { command: spec.command.command, args: [...spec.command.args], options: { cwd: this.folder.uri.fsPath } },
      {
        documentSelector: languageInfo(language).vscodeIds.map(id => ({ scheme: 'file', language: id })),
        workspaceFolder: this.folder,
        initializationOptions: spec.initializationOptions,
      },
    );
    this.hosted.set(language, client);
    client.start().then(
      () => this.log.info(`Started ${spec.name} for ${language} (${SECTION}.${SETTING}): its answers are the language facts for ${language} files.`),
      (error: unknown) => {
        // The client retries nothing once start failed: say what to fix, and leave the language to tree-sitter.
        if (this.hosted.get(language) === client) this.hosted.set(language, undefined);
        client.dispose().catch(() => undefined);
        this.notifier.error(`Codebase Context could not start ${spec.name} for ${language} (${error instanceof Error ? error.message : String(error)}). Check ${SECTION}.${SETTING}; until then ${language} files get tree-sitter context only.`, []);
      },
    );
  }

  private notHosted(language: LanguageId, why: string): void {
    this.hosted.set(language, undefined);
    this.log.info(`Not starting the configured ${language} server: ${why}`);
  }

  private async stopAll(): Promise<void> {
    const clients = [...this.hosted.values()].filter(client => client !== undefined);
    this.hosted.clear();
    await Promise.all(clients.map(client => client.dispose(STOP_TIMEOUT_MS).catch(() => undefined)));
  }
}

/** How long a hosted server may take to shut down before its process is killed. */
const STOP_TIMEOUT_MS = 2000;

/**
 * Another extension with code that activates on the language (`onLanguage:<id>`, or implicitly by
 * contributing it): the one that would serve it. An extension that registers providers for it on some other
 * activation is not seen; the log's line on starting a hosted server is where a duplicate would show.
 */
function servingExtension(language: LanguageId, ownId: string): vscode.Extension<unknown> | undefined {
  const ids = languageInfo(language).vscodeIds;
  return vscode.extensions.all.find(extension => {
    const manifest = extension.packageJSON as { main?: string; browser?: string; activationEvents?: string[]; contributes?: { languages?: { id?: string }[] } };
    if (extension.id === ownId || (!manifest.main && !manifest.browser)) return false;
    const activates = (manifest.activationEvents ?? []).some(event => ids.some(id => event === `onLanguage:${id}`));
    const contributes = (manifest.contributes?.languages ?? []).some(l => l.id !== undefined && ids.includes(l.id));
    return activates || contributes;
  });
}
