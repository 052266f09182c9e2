import * as vscode from 'vscode';
import { formatForModel } from '../core/prompt';
import { describeReport, isProblem, listModels, probeModel, type ConnectionReport } from './connection-check';
import type { Log } from './log';
import type { ModelHost } from './model-host';
import type { ApiKeyStore } from './secrets';
import { SECTION, type PromptFormatSetting, type SettingsStore } from './settings';

/** The endpoint the first-run check last found working: it is not asked again on every start. */
const CHECKED_KEY = 'codebaseContext.checkedEndpoint';
const FORMATS: readonly PromptFormatSetting[] = ['auto', 'qwen', 'starcoder', 'deepseek', 'codestral', 'codellama', 'suffix-field', 'chat'];

/**
 * "Test Connection": lists the server's models, lets the user pick the model and the prompt format, then
 * tries a fill-in-the-middle completion, whole and streamed, and says in plain words what works. The
 * first-run check (and each change of the endpoint) only lists the models, quietly unless it fails, so a
 * bad endpoint is reported at setup rather than at the first keystroke.
 */
export function register(context: vscode.ExtensionContext, settings: SettingsStore, keys: ApiKeyStore, model: ModelHost, log: Log): vscode.Disposable {
  const quickCheck = async () => {
    const { endpoint } = settings.current;
    if (context.globalState.get(CHECKED_KEY) === endpoint) return;
    const models = await listModels(endpoint, await keys.get());
    if (isProblem(models)) return model.failed(models.code, models.message);
    model.succeeded();
    log.info(`The endpoint ${endpoint} answers (${models.length} models).`);
    await context.globalState.update(CHECKED_KEY, endpoint);
  };
  void quickCheck();
  let endpoint = settings.current.endpoint;
  return vscode.Disposable.from(
    settings.onDidChange(s => {
      if (s.endpoint === endpoint) return;
      endpoint = s.endpoint;
      void quickCheck();
    }),
    vscode.commands.registerCommand('codebaseContext.testConnection', () => testConnection(settings, keys, model, log)),
  );
}

async function testConnection(settings: SettingsStore, keys: ApiKeyStore, host: ModelHost, log: Log): Promise<ConnectionReport> {
  const { endpoint } = settings.current;
  const apiKey = await keys.get();
  const models = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Codebase Context: asking ${endpoint} for its models…` }, () => listModels(endpoint, apiKey));
  if (isProblem(models)) {
    host.failed(models.code, models.message);
    return report({ endpoint, models }, settings.current.model, log);
  }
  const model = (await pickModel(models, settings.current.model)) ?? settings.current.model;
  const format = await pickFormat(model, settings.current.promptFormat);
  const config = vscode.workspace.getConfiguration(SECTION);
  if (model !== settings.current.model) await config.update('model', model, vscode.ConfigurationTarget.Global);
  if (format !== undefined && format !== settings.current.promptFormat) await config.update('promptFormat', format, vscode.ConfigurationTarget.Global);
  const probes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Codebase Context: trying a completion with ${model}…` }, () => probeModel(endpoint, apiKey, model));
  const found: ConnectionReport = { endpoint, models, ...probes };
  const failure = [probes.fim, probes.streaming].find(isProblem);
  if (failure) host.failed(failure.code, failure.message);
  else host.succeeded();
  return report(found, model, log);
}

function report(found: ConnectionReport, model: string, log: Log): ConnectionReport {
  const lines = describeReport(found, model);
  log.info(`Test Connection: ${lines.join(' ')}`);
  const ok = !isProblem(found.models) && found.fim === true && found.streaming === true;
  const show = ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`Codebase Context: ${lines.join(' ')}`);
  return found;
}

/** The served models, the configured one first; undefined when the server lists none or the user dismisses. */
async function pickModel(models: readonly string[], current: string): Promise<string | undefined> {
  if (models.length === 0) return undefined;
  const ordered = models.includes(current) ? [current, ...models.filter(m => m !== current)] : models;
  const picked = await vscode.window.showQuickPick(
    ordered.map(id => ({ label: id, description: id === current ? 'current' : undefined })),
    { title: 'Codebase Context: model for completions', placeHolder: `The server serves ${models.length} model${models.length === 1 ? '' : 's'}` },
  );
  return picked?.label;
}

/** `auto` first, saying which template it would choose for this model. */
async function pickFormat(model: string, current: PromptFormatSetting): Promise<PromptFormatSetting | undefined> {
  const picked = await vscode.window.showQuickPick(
    FORMATS.map(format => ({
      label: format,
      format,
      description: [format === 'auto' ? `chooses '${formatForModel(model)}' for ${model}` : '', format === current ? 'current' : ''].filter(Boolean).join(' · ') || undefined,
    })),
    { title: 'Codebase Context: prompt format' },
  );
  return picked?.format;
}
