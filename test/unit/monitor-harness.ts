// What the monitor tests share: a fixture file split at its cursor marker into the monitored document, and
// a harness holding the real language server (HeadlessLanguageFacts on the fixture) and the real
// OpenAI-protocol HTTP server that plays a scripted model and records every request.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadlessLanguageFacts, type LanguageFacts } from '../../src/core/facts';
import { ModelClient } from '../../src/core/model';
import { completeMonitored, type MonitoredDocument, type MonitorSettings } from '../../src/core/monitor';
import { renderPrompt, type CompletionPrompt } from '../../src/core/prompt';
import type { LanguageId } from '../../src/core/types';
import { OpenAITestServer } from '../servers/openai-server';
import { scriptedModel, type ScriptedModelOptions } from '../servers/scripted-model';

export type FixtureDocument = MonitoredDocument & { readonly language: LanguageId };

/** `file` of the fixture folder `root`, the buffer before and after `cursor` (the marker is dropped). */
export function fixtureDocument(root: string, file: string, cursor: string, language: LanguageId): FixtureDocument {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const at = source.indexOf(cursor);
  if (at < 0) throw new Error(`${file} has no cursor marker '${cursor}'`);
  return { path: file, language, prefix: source.slice(0, at), suffix: source.slice(at + cursor.length) };
}

export function promptFor(document: FixtureDocument): CompletionPrompt {
  return renderPrompt({ context: '', prefix: document.prefix, suffix: document.suffix, file: document.path, language: document.language, format: 'qwen' });
}

export interface MonitorCall {
  readonly settings?: Partial<MonitorSettings>;
  /** The document written into (default: the harness's). */
  readonly document?: FixtureDocument;
  readonly stream?: ScriptedModelOptions;
  /** Other language facts than the harness's (a server that cannot start). */
  readonly facts?: LanguageFacts;
}

export class MonitorHarness {
  readonly model = new OpenAITestServer();
  facts!: HeadlessLanguageFacts;
  private url = '';

  constructor(
    readonly root: string,
    readonly document: FixtureDocument,
  ) {}

  /** Starts both servers; the language server opens the document, as the editor has it open. */
  async start(): Promise<void> {
    ({ url: this.url } = await this.model.start());
    this.facts = new HeadlessLanguageFacts({ root: this.root, defaultBudgetMs: 20_000 });
    await this.facts.warmUp({ path: this.document.path, text: this.document.prefix + this.document.suffix });
  }

  async stop(): Promise<void> {
    await this.facts.dispose();
    await this.model.stop();
  }

  client(): ModelClient {
    return new ModelClient({ baseUrl: this.url, model: 'test-model', maxTokens: 64, temperature: 0, timeoutMs: 20_000 });
  }

  /** Serves `intended` as the model's completion and runs the monitor; the requests it caused and its log lines come back too. */
  async monitor(intended: string, call: MonitorCall = {}) {
    const document = call.document ?? this.document;
    const prompt = promptFor(document);
    this.model.respondWith(scriptedModel(intended, prompt.kind === 'completion' ? prompt.prompt : '', call.stream));
    const first = this.model.requests.length;
    const logged: string[] = [];
    const result = await completeMonitored({
      model: this.client(),
      prompt,
      document,
      facts: call.facts ?? this.facts,
      settings: call.settings ?? {},
      signal: new AbortController().signal,
      log: line => logged.push(line),
    });
    await this.model.idle();
    return { result, requests: this.model.requests.slice(first), logged };
  }
}
