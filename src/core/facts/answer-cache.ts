// The server's answers, asked once. Within one gathering the same question comes from several paths (a
// receiver's type is also the member hole's; two types name the same third one). Across gatherings,
// consecutive keystrokes ask nearly the same questions, and the declarations followed in files the user
// is not editing give the same answers as a moment ago: on zod the followed types (schemas.ts, checks.ts,
// errors.ts) are most of the depth-1 and depth-2 round trips, each a sequential round of the gathering.
//
// An answer is reused while the texts it rests on are unchanged: the text of the file it was asked in
// (the buffer for the current file, so every keystroke asks anew there), and of every workspace file its
// locations point into (an edit that moves a declaration drops the answers that point at it). Not caught:
// a name of an unchanged file that an edit elsewhere makes resolve to another declaration, or a workspace
// symbol declared anew in another file; the next edit of the asking file, or of the file the answer
// pointed into, drops the answer. The current file's questions, asked anew at every keystroke, are not
// concerned; what lasts is the followed types' declarations in files the user is not editing.
import type { Position } from '../types';
import type { DocumentRef, FactLocation, FactsRequestOptions, HoverFact, LanguageFacts, SignatureFact, SymbolFact } from './types';

/** The questions a gathering asks. */
export type FactsQuestions = Pick<LanguageFacts, 'definition' | 'typeDefinition' | 'hover' | 'signatureHelp' | 'documentSymbols' | 'workspaceSymbols'>;

interface Remembered {
  readonly answer: unknown;
  /** Path → the text it had when the question was answered. */
  readonly texts: ReadonlyMap<string, string>;
}

/** Answers kept per provider, the least recently used forgotten first: a gathering asks 10-50 questions. */
const CAPACITY = 4000;

/**
 * How long an answer of nothing about a file not being edited holds. A server still starting gives such
 * answers (the editor's providers have no readiness to wait for); kept until that file's text changed, they
 * would hold for as long as the user does not edit it, often the whole session. Longer than a typing burst,
 * so consecutive keystrokes do not ask them again (each is a round trip: zod's holes, facts p95 56 ms against
 * 47 when asked at every gathering); short enough that a start's emptiness is forgotten soon after it.
 */
export const NOTHING_HOLDS_MS = 10_000;

export class AnswerCache {
  private readonly entries = new Map<string, { readonly entry: Remembered; readonly until: number }>();

  constructor(
    private readonly capacity = CAPACITY,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): Remembered | undefined {
    const kept = this.entries.get(key);
    if (!kept) return undefined;
    this.entries.delete(key);
    if (this.now() > kept.until) return undefined;
    // Most recently used last: the first entry is the one forgotten.
    this.entries.set(key, kept);
    return kept.entry;
  }

  /** Remembers an answer, for `holdsForMs` at most if given (else until its texts change or it is pushed out). */
  set(key: string, entry: Remembered, holdsForMs = Number.POSITIVE_INFINITY): void {
    this.entries.delete(key);
    this.entries.set(key, { entry, until: this.now() + holdsForMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

const caches = new WeakMap<LanguageFacts, AnswerCache>();

/** The answers remembered for `facts`: they live as long as the provider. */
export function answerCacheOf(facts: LanguageFacts): AnswerCache {
  let cache = caches.get(facts);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(facts, cache);
  }
  return cache;
}

/**
 * One gathering's view of `facts`: each question is asked at most once, and not at all while a remembered
 * answer still holds. `textOf` gives the texts answers rest on (the buffer for `current`, the document
 * being edited). A question that fails is not remembered: it is asked again by the next gathering. Nor is
 * an answer of nothing about the document being edited: a server still starting gives it (the editor's
 * providers have no readiness to wait for, as the headless servers do), and the preparation at a resting
 * cursor and the completion after it ask at the same text, so the completion got the starting server's
 * nothing too (a hosted pyright's expected type in the extension-host tests, missed in 2 runs of 6). Answers
 * of nothing about other files are kept for NOTHING_HOLDS_MS.
 */
export function rememberingQuestions(facts: LanguageFacts, cache: AnswerCache, textOf: (path: string) => Promise<string | undefined>, current: string): FactsQuestions {
  const asked = new Map<string, Promise<unknown>>();
  const ask = <T>(method: string, doc: DocumentRef, detail: string, question: () => Promise<T>): Promise<T> => {
    const key = `${method}\n${doc.path}\n${detail}`;
    let answer = asked.get(key);
    if (!answer) {
      answer = answerOf(key, doc.path, question);
      asked.set(key, answer);
    }
    return answer as Promise<T>;
  };
  const answerOf = async <T>(key: string, path: string, question: () => Promise<T>): Promise<T> => {
    const known = cache.get(key);
    if (known) {
      if (await stillHolds(known.texts)) return known.answer as T;
      cache.forget(key);
    }
    const askedOf = await textOf(path);
    const answer = await question();
    const nothing = isNothing(answer);
    if (askedOf !== undefined && !(path === current && nothing)) void remember(key, path, askedOf, answer, nothing ? NOTHING_HOLDS_MS : undefined);
    return answer;
  };
  const stillHolds = async (texts: ReadonlyMap<string, string>): Promise<boolean> => {
    for (const [path, text] of texts) if ((await textOf(path)) !== text) return false;
    return true;
  };
  // Off the answer's path: the texts of the files the answer points into are read after it is returned.
  const remember = async (key: string, path: string, askedOf: string, answer: unknown, holdsForMs: number | undefined): Promise<void> => {
    const texts = new Map([[path, askedOf]]);
    for (const target of new Set(locationsIn(answer).filter(location => location.inWorkspace).map(location => location.path))) {
      const text = target === path ? askedOf : await textOf(target);
      // A location in a file that cannot be read cannot be checked later: not remembered.
      if (text === undefined) return cache.forget(key);
      texts.set(target, text);
    }
    cache.set(key, { answer, texts }, holdsForMs);
  };
  const at = (position: Position) => `${position.line}:${position.character}`;
  return {
    definition: (doc, position, options) => ask('definition', doc, at(position), () => facts.definition(doc, position, options)),
    typeDefinition: (doc, position, options) => ask('typeDefinition', doc, at(position), () => facts.typeDefinition(doc, position, options)),
    hover: (doc, position, options): Promise<HoverFact | undefined> => ask('hover', doc, at(position), () => facts.hover(doc, position, options)),
    signatureHelp: (doc, position, options): Promise<SignatureFact | undefined> => ask('signatureHelp', doc, at(position), () => facts.signatureHelp(doc, position, options)),
    documentSymbols: (doc, options?: FactsRequestOptions): Promise<readonly SymbolFact[]> => ask('documentSymbols', doc, '', () => facts.documentSymbols(doc, options)),
    workspaceSymbols: (doc, name, options) => ask('workspaceSymbols', doc, name, () => facts.workspaceSymbols(doc, name, options)),
  };
}

function isNothing(answer: unknown): boolean {
  return answer === undefined || answer === null || (Array.isArray(answer) && answer.length === 0);
}

function locationsIn(answer: unknown): readonly FactLocation[] {
  return Array.isArray(answer) ? (answer as unknown[]).filter((item): item is FactLocation => typeof item === 'object' && item !== null && 'inWorkspace' in item) : [];
}
