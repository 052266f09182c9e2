// Monitor-guided completions in the editor (src/core/monitor/): for TypeScript, JavaScript and Python the
// engine thread writes the completion, checking each member access the model writes against its own hidden
// language server. Not here: the extension host's main thread must not run a server's shadow queries, and
// the editor's own providers cannot answer for text that is not in the document.
import * as vscode from 'vscode';
import { languageForVscodeId } from '../core/languages';
import type { ModelSettings } from '../core/model';
import { monitoredLanguage, type MonitoredCompletion } from '../core/service/api';
import type { BuiltContext, ContextService } from './context-service';
import type { EngineHost } from './engine-host';
import type { Log } from './log';
import type { ModelWriter } from './model-host';
import { changeLine, findingLine, monitorDetails } from './monitor-report';
import { workspacePath } from './paths';
import type { SettingsStore } from './settings';

export class CompletionMonitor {
  constructor(
    private readonly host: EngineHost,
    private readonly contexts: ContextService,
    private readonly settings: SettingsStore,
    private readonly log: Log,
  ) {}

  /** The engine thread as the completion's writer, or undefined when the monitor is off or cannot help here. */
  writerFor(document: vscode.TextDocument, position: vscode.Position, built: BuiltContext): ModelWriter | undefined {
    const { monitor: backend, monitorBudgetMs } = this.settings.current;
    const language = languageForVscodeId(document.languageId);
    const file = workspacePath(this.host.folder, document.uri);
    const engine = this.host.engine();
    if (backend === 'off' || !language || !monitoredLanguage(language) || !file || !engine || built.prompt.kind === 'chat') return undefined;
    // The whole buffer, not the prompt's budgeted share: the server's shadow must resolve imports as the real file does.
    const text = document.getText();
    const offset = document.offsetAt(position);
    const monitored = { path: file, language, prefix: text.slice(0, offset), suffix: text.slice(offset) };
    return async (model: ModelSettings, signal: AbortSignal) => {
      const result = await engine.completeMonitored({ prompt: built.prompt, document: monitored, model, backend, triggerBudgetMs: monitorBudgetMs, trustWorkspace: vscode.workspace.isTrusted }, { signal });
      this.report(file, result);
      // The inspector shows it with the context it belongs to, in the log's words.
      this.contexts.recordMonitor(built, result);
      return result.text;
    };
  }

  private report(file: string, result: MonitoredCompletion): void {
    for (const change of result.changes) this.log.info(`Monitor (${file}): ${changeLine(change).sentence}.`);
    for (const finding of result.findings) this.log.info(`Monitor (${file}): ${findingLine(finding).sentence}.`);
    // Once at info level: a missing server would otherwise be news at every keystroke.
    for (const note of result.notes) this.log.tellOnce('info', note, `Monitor (${file}): ${note}.`);
    if (result.checkMs.length) this.log.debug(`Monitor (${file}): ${monitorDetails(result)}.`);
  }
}
