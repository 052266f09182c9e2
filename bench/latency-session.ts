// The editing session the latency benchmark replays: a seeded script of editor events over a workspace's
// typing sites. Pure (no disk, no engine): the same sites, files and seed always give the same script, so
// runs on different code replay the same session.
import { mulberry32 } from '../src/core/eval/sample';

/** A place where the session types: the start of a statement inside a function body. */
export interface TypingSite {
  /** Workspace-relative path. */
  readonly file: string;
  /** Offset in the file's text on disk, at the statement's first character. */
  readonly offset: number;
  /** The statement's indentation, typed again after each line break (the editor's auto-indent). */
  readonly indent: string;
  /** First lines of the body's statements: what a burst types there (real code of this function). */
  readonly lines: readonly string[];
}

/** The label of a timed request; 'first' is the first request after ready, whatever the event. */
export const EVENT_KINDS = ['first', 'keystroke', 'jump', 'edit-elsewhere', 'return', 'save', 'new-file', 'branch-switch'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * One step of the script. A request follows what the user does next: the first keystroke after a jump, a
 * save or a branch switch is timed under that event's name (a request at an unchanged buffer would only
 * measure a cached answer).
 * - jump: move the cursor to a site (another function, usually another file).
 * - type: keystrokes at the cursor, one request each (a line break and its indentation are one keystroke);
 *   the first is labelled `after`.
 * - edit-elsewhere: paste a line at a site of another file (an unsaved buffer) and request there; the
 *   cursor stays home, and the next burst there is a 'return'.
 * - save: write the cursor's buffer to disk.
 * - new-file: create a file beside the cursor's file and request inside it; the cursor stays home.
 * - branch-switch: many files change on disk at once (a checkout).
 */
export type SessionStep =
  | { readonly kind: 'jump'; readonly site: TypingSite }
  | { readonly kind: 'type'; readonly keystrokes: readonly string[]; readonly after: EventKind }
  | { readonly kind: 'edit-elsewhere'; readonly site: TypingSite; readonly line: string }
  | { readonly kind: 'save' }
  | { readonly kind: 'new-file'; readonly file: string; readonly text: string; readonly cursorOffset: number }
  | { readonly kind: 'branch-switch'; readonly files: readonly string[]; readonly round: number };

export interface SessionOptions {
  readonly seed: number;
  /** Each round: jump home and type, edit elsewhere and return, save, then a new file or a branch switch; typing after each. */
  readonly rounds: number;
  /** Share of the workspace's files a branch switch changes. */
  readonly branchShare: number;
  /** Longest burst; a longer line is typed up to here. */
  readonly maxBurstChars: number;
}

export const DEFAULT_SESSION: Omit<SessionOptions, 'seed'> = { rounds: 8, branchShare: 0.05, maxBurstChars: 24 };

/** The benchmark sampler's seeded generator: a script depends on nothing but its seed. */
export const seededRandom = mulberry32;

/**
 * The script for one session. `files` are the workspace files a branch switch may change (the session's
 * own files are left alone, so the buffers it types in stay what the editor holds).
 */
export function planSession(sites: readonly TypingSite[], files: readonly string[], options: SessionOptions): SessionStep[] {
  const siteFiles = new Set(sites.map(s => s.file));
  if (siteFiles.size < 2) throw new Error('The session needs typing sites in at least two files (functions with a few statements in TypeScript or JavaScript files).');
  const random = seededRandom(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const steps: SessionStep[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const home = pick(sites);
    const elsewhere = pick(sites.filter(s => s.file !== home.file));
    const burst = (after: EventKind): SessionStep => ({ kind: 'type', keystrokes: keystrokesOf(pick(home.lines), home.indent, options.maxBurstChars), after });
    steps.push({ kind: 'jump', site: home }, burst('jump'));
    steps.push({ kind: 'edit-elsewhere', site: elsewhere, line: pick(elsewhere.lines) }, burst('return'));
    steps.push({ kind: 'save' }, burst('save'));
    if (round % 2 === 0) steps.push(newFileStep(home, round, pick(home.lines)), burst('return'));
    else {
      const candidates = files.filter(f => !siteFiles.has(f));
      const count = Math.max(1, Math.round(files.length * options.branchShare));
      steps.push({ kind: 'branch-switch', files: sample(candidates, count, random), round }, burst('branch-switch'));
    }
  }
  return steps;
}

/** A line typed character by character, then a line break with the indentation as one keystroke. */
export function keystrokesOf(line: string, indent: string, maxChars: number): string[] {
  return [...line.slice(0, maxChars), `\n${indent}`];
}

function newFileStep(home: TypingSite, round: number, line: string): SessionStep {
  const slash = home.file.lastIndexOf('/');
  const extension = home.file.slice(home.file.lastIndexOf('.'));
  const file = `${home.file.slice(0, slash + 1)}latency-new-${round}${extension}`;
  const head = `export function latencyNew${round}() {\n  ${line}\n  `;
  return { kind: 'new-file', file, text: `${head}\n}\n`, cursorOffset: head.length };
}

/** `count` distinct items in a seeded order (a partial Fisher-Yates shuffle). */
function sample<T>(xs: readonly T[], count: number, random: () => number): T[] {
  const pool = [...xs];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
