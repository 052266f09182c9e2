// Monitored completions where the headless language servers can live: beside the engine (in the editor, the
// engine thread), never on the extension host's main thread. One HeadlessLanguageFacts for the workspace,
// started when the editor shows a monitored document (warmUp) or at the first monitored request; the
// endpoint's backend detected once it answers (DetectedBackends).
import { HeadlessLanguageFacts } from '../facts';
import { ModelClient } from '../model';
import { completeMonitored, type MonitoredCompletion } from '../monitor';
import type { MonitoredRequest, MonitorWarmUp } from './api';
import { DetectedBackends, guessedNote } from './detected-backends';

/** How long the warm-up's check of the document may take: it runs in the background, but a server stuck past this is news. */
const WARM_UP_CHECK_BUDGET_MS = 30_000;

export class MonitorService {
  private facts: { readonly trusted: boolean; readonly facts: HeadlessLanguageFacts } | undefined;
  private readonly backends = new DetectedBackends();

  constructor(private readonly root: string) {}

  /** The notes in the result are the log lines: this thread has no log of its own. */
  async complete(request: MonitoredRequest, signal: AbortSignal): Promise<MonitoredCompletion> {
    const { backend, guessed } = request.backend === 'auto' ? await this.backends.of(request.model.baseUrl, request.model.apiKey) : { backend: request.backend, guessed: false };
    const result = await completeMonitored({
      model: new ModelClient(request.model),
      prompt: request.prompt,
      document: request.document,
      facts: backend === 'off' ? undefined : this.factsFor(request.trustWorkspace),
      settings: { backend, triggerBudgetMs: request.triggerBudgetMs },
      signal,
    });
    return guessed ? { ...result, notes: [guessedNote(request.model.baseUrl), ...result.notes] } : result;
  }

  /**
   * Starts the document's server, opens the document in it and has it check the document once: a ready tsc
   * still loads the program at its first question (the first member check took 350+ ms on a two-file
   * project, 10-50 ms after one check of the document).
   */
  async warmUp(document: MonitorWarmUp): Promise<void> {
    const facts = this.factsFor(document.trustWorkspace);
    const doc = { path: document.path, text: document.text };
    await facts.warmUp(doc);
    await facts.diagnostics(doc, { budgetMs: WARM_UP_CHECK_BUDGET_MS });
  }

  async dispose(): Promise<void> {
    await this.facts?.facts.dispose();
    this.facts = undefined;
  }

  /** The servers, restarted when the workspace's trust changed: an untrusted workspace never runs its own binaries. */
  private factsFor(trusted: boolean): HeadlessLanguageFacts {
    if (this.facts?.trusted !== trusted) {
      // The old servers go in the background; a failure to stop one must not become an unhandled rejection
      // (dispose already kills the process group, the only thing left to do).
      this.facts?.facts.dispose().catch(() => undefined);
      this.facts = { trusted, facts: new HeadlessLanguageFacts({ root: this.root, trustWorkspace: trusted }) };
    }
    return this.facts.facts;
  }
}
