// A completion streamed under the monitor's eye. At every member access the model writes, the oracle is
// asked (in the background, as soon as the dot appears, while the stream goes on) which members exist there;
// once the name being written can no longer become one of them, the stream is stopped and the name put right
// by what the backend supports: a grammar (llama.cpp) or a choice (vLLM) makes the server pick, otherwise the
// monitor picks the closest member; then generation continues from the corrected text with a new request.
// An answer is used whenever it comes while the model still writes; once the model is done, the monitor
// waits at most the trigger budget for the answers still open. Anything the monitor cannot do in time (no
// server, a slow server, the repair limit) leaves the model's text as it is, with a note saying so.
import type { LanguageFacts } from '../facts';
import { ModelError, type ModelBackend, type ModelClient, type TokenAlternatives } from '../model';
import type { CompletionPrompt } from '../prompt';
import type { LanguageId } from '../types';
import { waitAtMost } from '../wait-at-most';
import { constraintFields, strategyFor, type SteeringStrategy } from './constraints';
import { findingsIn, type DiagnosticFinding } from './diagnostic-findings';
import { closestMember } from './identifier-distance';
import { endOf, Oracle, type MonitoredDocument, type OracleAnswer } from './oracle';
import { memberAccesses, monitoredLanguage, type MemberAccess } from './triggers';
import { DEFAULT_MONITOR_SETTINGS, type MonitorChange, type MonitoredCompletion, type MonitorSettings } from './types';

export interface MonitorInput {
  readonly model: ModelClient;
  readonly prompt: CompletionPrompt;
  readonly document: MonitoredDocument & { readonly language: LanguageId };
  /** The headless language servers; without them the completion stays raw. */
  readonly facts: LanguageFacts | undefined;
  readonly settings?: Partial<MonitorSettings>;
  readonly signal: AbortSignal;
  /** Receives each note as a log line. */
  readonly log?: (line: string) => void;
}

/** Streams a completion of `input.prompt` and checks it as it streams (see the file's comment). */
export async function completeMonitored(input: MonitorInput): Promise<MonitoredCompletion> {
  const settings = { ...DEFAULT_MONITOR_SETTINGS, ...input.settings };
  const off = whyOff(input, settings);
  if (off === undefined) return new MonitorRun(input, settings, settings.backend as ModelBackend).run();
  const text = await input.model.complete(input.prompt, input.signal);
  const notes = off === '' ? [] : [off];
  for (const note of notes) input.log?.(`monitor: ${note}`);
  return { text, strategy: 'off', changes: [], findings: [], rejected: false, notes, checkMs: [], waitedMs: 0, requests: 1 };
}

/** Why the completion goes unmonitored ('' when the user chose so), or undefined when it is monitored. */
function whyOff(input: MonitorInput, settings: MonitorSettings): string | undefined {
  if (settings.backend === 'off') return '';
  if (input.prompt.kind === 'chat') return 'not checked: a chat answer cannot be continued from a corrected text';
  if (!monitoredLanguage(input.document.language)) return `not checked: no monitor for ${input.document.language}`;
  if (!input.facts) return 'not checked: no language server runs for the monitor; the completion is raw';
  return undefined;
}

/** A member access whose name cannot become an allowed member, with the members allowed there. */
interface Violation {
  readonly access: MemberAccess;
  readonly members: readonly string[];
  /** The name ended (or the stream did): compared as a whole, not by its start. */
  readonly whole: boolean;
}

/** How a wrong name is put right: the text to continue from, that request's constraint, and why (given what was written). */
interface Repair {
  readonly text: string;
  readonly extraBody: Record<string, unknown>;
  readonly strategy: SteeringStrategy;
  readonly why: (written: string) => string;
}

/** The part of the name the user typed before the cursor (`cursor` is where the completion starts). */
function typedPart(access: MemberAccess, cursor: number): string {
  return access.name.slice(0, Math.max(0, cursor - access.nameStart));
}

/** The receiver before a member's dot, for notes: `user?.` → `user`. */
function receiverOf(textBeforeName: string): string {
  // Lazy, so that the `?` of `?.` is not taken into the receiver.
  return /([^\s([{,;=]{0,40}?)\??\.$/.exec(textBeforeName)?.[1] ?? '';
}

function because(violation: Violation, how: string): (written: string) => string {
  return written => `'${violation.access.name}' is not a member here (the server offers ${violation.members.length}); ${how} '${written}'`;
}

class MonitorRun {
  private readonly oracle: Oracle;
  private readonly strategy: SteeringStrategy;
  /** The document's line up to the cursor: the lexer's context for the completion. */
  private readonly line: string;
  /** Oracle answers per member access, keyed by where its name starts (in line + completion). */
  private readonly answers = new Map<number, Promise<OracleAnswer<readonly string[]>>>();
  private readonly settled = new Map<number, OracleAnswer<readonly string[]>>();
  /** The first token's alternatives of each streamed piece, by where the piece starts. */
  private readonly alternatives = new Map<number, TokenAlternatives>();
  private readonly changes: MonitorChange[] = [];
  private readonly notes: string[] = [];
  private readonly checkMs: number[] = [];
  private readonly startedAt = performance.now();
  private waitedMs = 0;
  private requests = 0;
  private serverMissing = false;
  /** Aborted once the completion is decided (or cancelled): the oracle's open questions are dropped. */
  private readonly done = new AbortController();
  /** Called when an oracle answer arrives, to judge the stream it belongs to. */
  private onAnswer: () => void = () => {};

  constructor(
    private readonly input: MonitorInput,
    private readonly settings: MonitorSettings,
    private readonly backend: ModelBackend,
  ) {
    this.oracle = new Oracle(input.facts!, input.document, this.done.signal, settings.maxSteeringMs);
    this.strategy = strategyFor(backend);
    this.line = input.document.prefix.slice(input.document.prefix.lastIndexOf('\n') + 1);
  }

  async run(): Promise<MonitoredCompletion> {
    const cancel = () => this.done.abort();
    this.input.signal.addEventListener('abort', cancel, { once: true });
    try {
      return await this.steer();
    } finally {
      this.done.abort();
      this.input.signal.removeEventListener('abort', cancel);
    }
  }

  private async steer(): Promise<MonitoredCompletion> {
    let round = await this.round('', {});
    for (let violation = round.violation; violation; violation = round.violation) {
      const { access } = violation;
      const before = this.textBeforeName(round.text, access);
      this.forgetAfter(access.nameStart);
      let repaired = await this.repair(before, violation);
      try {
        round = await this.round(repaired.text, repaired.extraBody, repaired.strategy !== 'grammar');
      } catch (error) {
        if (!(error instanceof ModelError) || repaired.strategy !== 'grammar' || this.input.signal.aborted) throw error;
        this.note(`the endpoint refused the grammar (${error.userMessage}); the monitor picks instead`);
        repaired = this.localPick(before, violation);
        round = await this.round(repaired.text, {}, true);
      }
      const written = this.accesses(round.text).find(a => a.nameStart === access.nameStart)?.name ?? '';
      this.changes.push({ offset: before.length, from: access.name, to: written, strategy: repaired.strategy, why: repaired.why(written) });
    }
    // The member questions still open are no longer needed, and would hold the server up.
    this.done.abort();
    const findings = await this.diagnosticFindings(round.text);
    return {
      text: round.text,
      strategy: this.strategy,
      changes: this.changes,
      findings,
      rejected: findings.length > 0,
      notes: this.notes,
      checkMs: this.checkMs,
      waitedMs: this.waitedMs,
      requests: this.requests,
    };
  }

  /**
   * One streamed request continuing `base`: checks each member access as it comes, stops the stream at the
   * first wrong name it may still repair, and at the end waits (within the budget) for the open checks.
   */
  private async round(base: string, extraBody: Record<string, unknown>, closesName = false): Promise<{ text: string; violation?: Violation }> {
    const stop = new AbortController();
    const cancel = () => stop.abort();
    this.input.signal.addEventListener('abort', cancel, { once: true });
    let text = base;
    let violation: Violation | undefined;
    // A name put right is whole: the model, continuing from it, would add the rest of the name it meant
    // (`message` + `s`). Identifier characters right after it are dropped (a grammar excludes them itself).
    let closing = closesName;
    const judge = () => {
      violation ??= this.firstViolation(text, false);
      if (violation) stop.abort();
    };
    this.onAnswer = judge;
    const steer = this.strategy === 'stop-and-repair' && this.settings.topLogprobs > 0;
    try {
      this.requests++;
      await this.input.model.complete(
        this.continuing(base),
        stop.signal,
        delta => {
          const kept = closing ? delta.replace(/^[\w$]+/, '') : delta;
          if (kept === '') return;
          closing = false;
          text += kept;
          this.ask(text);
          judge();
        },
        {
          extraBody,
          ...(steer
            ? { topLogprobs: this.settings.topLogprobs, onAlternatives: alternatives => alternatives[0] && this.alternatives.set(this.line.length + text.length, alternatives[0]) }
            : {}),
        },
      );
    } catch (error) {
      if (!violation || this.input.signal.aborted) throw error;
    } finally {
      this.input.signal.removeEventListener('abort', cancel);
      this.onAnswer = () => {};
    }
    if (violation) return { text, violation };
    this.ask(text);
    await this.waitForAnswers(text);
    const last = this.firstViolation(text, true);
    return last ? { text, violation: last } : { text };
  }

  /** The prompt whose completion continues after `base` (the templates end where the completion starts). */
  private continuing(base: string): CompletionPrompt {
    return this.input.prompt.kind === 'completion' ? { ...this.input.prompt, prompt: this.input.prompt.prompt + base } : this.input.prompt;
  }

  private accesses(text: string): MemberAccess[] {
    return memberAccesses(this.line + text, this.line.length, this.input.document.language);
  }

  /**
   * Once the model is done: waits, at most the trigger budget, for the answers about `text`'s member
   * accesses still open. Those asked while the model wrote had that time too.
   */
  private async waitForAnswers(text: string): Promise<void> {
    const open = this.accesses(text).filter(access => !this.settled.has(access.nameStart));
    if (open.length === 0) return;
    const waitStarted = performance.now();
    await waitAtMost(Promise.all(open.map(access => this.answers.get(access.nameStart))), this.settings.triggerBudgetMs);
    this.waitedMs += performance.now() - waitStarted;
    for (const access of open) {
      if (!this.settled.has(access.nameStart)) this.note(`member of '${receiverOf(this.textBeforeName(text, access))}' not checked: no answer within the ${this.settings.triggerBudgetMs} ms budget`);
    }
  }

  /** Starts an oracle question for each member access not asked about yet. */
  private ask(text: string): void {
    if (this.serverMissing) return;
    for (const access of this.accesses(text)) {
      if (this.answers.has(access.nameStart)) continue;
      const textBeforeName = this.textBeforeName(text, access);
      const answer = this.oracle.allowedMembers(textBeforeName, text).then(result => {
        // An answer after the completion was decided belongs to no one.
        if (this.done.signal.aborted || this.answers.get(access.nameStart) !== answer) return result;
        this.settled.set(access.nameStart, result);
        this.checkMs.push(result.ms);
        if ('why' in result) this.note(result.serverMissing ? `not checked: ${result.why}; the completion is raw` : `member of '${receiverOf(textBeforeName)}' not checked: ${result.why}`, result.serverMissing);
        this.onAnswer();
        return result;
      });
      this.answers.set(access.nameStart, answer);
    }
  }

  /** The completion up to the name of `access` (it ends with the dot, or is empty when the user typed it). */
  private textBeforeName(text: string, access: MemberAccess): string {
    return text.slice(0, Math.max(0, access.nameStart - this.line.length));
  }

  /** Answers about names after `nameStart` belong to text that is about to be replaced. */
  private forgetAfter(nameStart: number): void {
    for (const key of [...this.answers.keys()]) {
      if (key > nameStart) {
        this.answers.delete(key);
        this.settled.delete(key);
      }
    }
    for (const start of [...this.alternatives.keys()]) if (start > nameStart) this.alternatives.delete(start);
  }

  /** The first member access whose name cannot become an allowed member, if the monitor may still act. */
  private firstViolation(text: string, streamEnded: boolean): Violation | undefined {
    for (const access of this.accesses(text)) {
      const answer = this.settled.get(access.nameStart);
      if (!answer || 'why' in answer || answer.value.length === 0) continue;
      // The part of the name the user typed before the cursor is theirs: only members that keep it count.
      const typed = typedPart(access, this.line.length);
      const members = answer.value.filter(member => member.startsWith(typed));
      const whole = access.ended || streamEnded;
      const fits = whole ? members.includes(access.name) : members.some(member => member.startsWith(access.name));
      if (fits || members.length === 0) continue;
      if (this.changes.length >= this.settings.maxRepairs) {
        this.note(`'${access.name}' is not a member here, left as written: ${this.settings.maxRepairs} repairs is the limit`);
      } else if (performance.now() - this.startedAt > this.settings.maxSteeringMs) {
        this.note(`'${access.name}' is not a member here, left as written: past the ${this.settings.maxSteeringMs} ms steering time`);
      } else {
        return { access, members, whole };
      }
    }
    return undefined;
  }

  /**
   * Puts the wrong name right from `before` (the completion up to the name): the text to continue from and
   * the constraint of that request, by the backend's strategy; the local pick whenever the server cannot.
   */
  private async repair(before: string, violation: Violation): Promise<Repair> {
    const typed = typedPart(violation.access, this.line.length);
    const remainders = violation.members.map(member => member.slice(typed.length));
    if (this.strategy === 'grammar') {
      return { text: before, extraBody: constraintFields(this.backend, remainders), strategy: 'grammar', why: because(violation, 'a grammar of the members made the server write') };
    }
    if (this.strategy === 'choice') {
      const chosen = await this.choose(before, remainders);
      if (chosen !== undefined) return { text: before + chosen, extraBody: {}, strategy: 'choice', why: because(violation, 'a choice of the members made the server write') };
    }
    return this.localPick(before, violation);
  }

  /** Stop-and-repair: the member closest to the model's attempt, and no constraint on what follows. */
  private localPick(before: string, violation: Violation): Repair {
    const { access, members } = violation;
    const typed = typedPart(access, this.line.length);
    const member = closestMember(access.name, members, !violation.whole, this.alternativesAt(access.nameStart))!;
    return { text: before + member.slice(typed.length), extraBody: {}, strategy: 'stop-and-repair', why: because(violation, 'the closest member is') };
  }

  /** One constrained request whose answer is one of `choices`; undefined (with a note) when the server would not. */
  private async choose(before: string, choices: readonly string[]): Promise<string | undefined> {
    this.requests++;
    try {
      const answer = await this.input.model.complete(this.continuing(before), this.input.signal, undefined, { extraBody: constraintFields(this.backend, choices) });
      if (choices.includes(answer)) return answer;
      this.note(`the endpoint did not keep to the choice of members (it wrote '${answer.slice(0, 40)}'); the monitor picks instead`);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      this.note(`the endpoint refused the choice constraint (${error.userMessage}); the monitor picks instead`);
    }
    return undefined;
  }

  /** The model's alternatives for the first token of the name starting at `nameStart`, its leading dot dropped. */
  private alternativesAt(nameStart: number): TokenAlternatives | undefined {
    const starts = [...this.alternatives.keys()].filter(start => start <= nameStart);
    if (starts.length === 0) return undefined;
    const found = this.alternatives.get(Math.max(...starts))!;
    return Object.fromEntries(Object.entries(found).map(([token, logprob]) => [token.replace(/^[\s?.]+/, ''), logprob]));
  }

  /** The second monitor: invented names and wrong argument counts in the finished completion. */
  private async diagnosticFindings(text: string): Promise<DiagnosticFinding[]> {
    if (!this.settings.checkDiagnostics || this.serverMissing || text.trim() === '') return [];
    const answer = await this.oracle.diagnostics(text, this.settings.triggerBudgetMs, this.input.signal);
    this.waitedMs += answer.ms;
    if ('why' in answer) {
      this.note(`diagnostics not checked: ${answer.why}`, answer.serverMissing);
      return [];
    }
    const start = endOf(this.input.document.prefix);
    return findingsIn(answer.value, start, endOf(this.input.document.prefix + text));
  }

  private note(note: string, serverMissing = false): void {
    if (serverMissing) this.serverMissing = true;
    if (this.notes.includes(note)) return;
    this.notes.push(note);
    this.input.log?.(`monitor: ${note}`);
  }
}
