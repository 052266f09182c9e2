// Finds secrets in text and redacts them: the one function every text passes before it can reach a prompt
// (files as the index reads them, unsaved buffers, the buffer a request brings). The secret is replaced by
// `[redacted: <kind>]` and keeps its line breaks, so line numbers in the index stay those of the file; the
// findings say what was removed and where, never the value.
import type { SecretFinding } from '../types';
import { SECRET_RULES, type SecretRule } from './secret-rules';

export interface RedactedText {
  readonly text: string;
  /** In text order; empty when nothing was redacted (and `text` is the input itself). */
  readonly findings: readonly SecretFinding[];
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

/**
 * The last text redacted in this thread, and what it became: a keystroke's buffer comes twice, for the index's
 * copy of the unsaved file and with the request that follows, and comparing two equal texts costs a small
 * fraction of scanning one.
 */
let lastRedacted: { readonly text: string; readonly result: RedactedText } | undefined;

/** Replaces every secret in `text`; idempotent (a redaction marker is never a secret). */
export function redactSecrets(text: string): RedactedText {
  if (lastRedacted?.text === text) return lastRedacted.result;
  const result = redacted(text);
  lastRedacted = { text, result };
  return result;
}

/**
 * Takes the word of a scan made in another thread with these same rules (the index worker's, of a buffer it
 * indexed) that `text` holds no secret: the next `redactSecrets(text)` here returns it as is without scanning.
 */
export function rememberClean(text: string): void {
  lastRedacted = { text, result: { text, findings: [] } };
}

function redacted(text: string): RedactedText {
  const spans = mergeOverlapping(findSpans(text));
  if (spans.length === 0) return { text, findings: [] };
  const parts: string[] = [];
  const findings: SecretFinding[] = [];
  let at = 0;
  let line = 1;
  for (const span of spans) {
    line += countLineBreaks(text, at, span.start);
    parts.push(text.slice(at, span.start), `[redacted: ${span.kind}]`, lineBreaksIn(text.slice(span.start, span.end)));
    findings.push({ kind: span.kind, line });
    line += countLineBreaks(text, span.start, span.end);
    at = span.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), findings };
}

function findSpans(text: string): Span[] {
  const spans: Span[] = [];
  const present = presentHints(text);
  for (const rule of SECRET_RULES) {
    if (rule.hints && !rule.hints.some(hint => present.has(hint))) continue;
    collect(rule, text, spans);
  }
  return spans;
}

/**
 * Every rule's hints in one pattern, longest first: where two begin at one place (`sk-ant-`, `sk-`) the longer
 * is found, and it implies the hints it starts with. One pass finds which hints a text contains, where a
 * substring search per hint read the whole text once for each of the ~40 hints it lacked: most texts lack
 * most hints, and those searches were three fifths of the scan.
 */
const HINTS = [...new Set(SECRET_RULES.flatMap(rule => rule.hints ?? []))].sort((a, b) => b.length - a.length);
const HINT_PATTERN = new RegExp(HINTS.map(hint => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const IMPLIED_HINTS = new Map(HINTS.map(hint => [hint, HINTS.filter(other => hint.startsWith(other))]));

function presentHints(text: string): Set<string> {
  const present = new Set<string>();
  HINT_PATTERN.lastIndex = 0;
  for (let match = HINT_PATTERN.exec(text); match !== null; match = HINT_PATTERN.exec(text)) {
    for (const hint of IMPLIED_HINTS.get(match[0])!) present.add(hint);
    HINT_PATTERN.lastIndex = match.index + 1; // hints overlap (`ASIAKIA…`): the next may begin inside this one
  }
  return present;
}

function collect(rule: SecretRule, text: string, into: Span[]): void {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    // The part to redact: the group named `secret` (or `bare`, a value written without quotes), else all.
    const groups = match.indices?.groups;
    const [start, end] = groups?.secret ?? groups?.bare ?? match.indices![0]!;
    if (rule.accept && !rule.accept(text.slice(start, end), match)) {
      pattern.lastIndex = match.index + 1; // the next match may start inside this one
      continue;
    }
    const secret = text.slice(start, end);
    into.push({ start, end, kind: rule.kindOf?.(secret, match) ?? rule.kind });
    if (match[0].length === 0) pattern.lastIndex++;
  }
}

/** Sorted, with overlapping spans joined under the kind of the earliest (rules list specific kinds first). */
function mergeOverlapping(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { ...last, end: span.end };
    } else merged.push(span);
  }
  return merged;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The line breaks of a redacted span, as they were (`\r\n` stays `\r\n`). */
function lineBreaksIn(secret: string): string {
  return secret.match(/\r?\n|\r/g)?.join('') ?? '';
}
