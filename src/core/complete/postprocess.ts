import { BracketScanner, isCloser } from './brackets';
import { OPENS_BLOCK, indentWidth, linePrefixOf, lineSuffixOf } from './lines';

export interface PostprocessInput {
  prefix: string;
  suffix: string;
  multiline: boolean;
}

/**
 * Turns a model's raw answer into what is worth inserting: cut at a sensible end (the line end for
 * single-line; the end of the block for multi-line), without text that repeats the beginning of the
 * suffix, indentation kept, trailing whitespace trimmed. '' when nothing useful remains.
 */
export function postprocessCompletion(raw: string, input: PostprocessInput): string {
  const text = stripMarkdownFence(raw.replace(/\r\n/g, '\n'));
  const candidate = input.multiline ? text : text.slice(0, lineEnd(text));
  const kept = dropSuffixOverlap(cutAtBlockEnd(candidate, input), input.suffix);
  const trimmed = kept.replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
  return trimmed.trim() === '' ? '' : trimmed;
}

/**
 * Walks the completion line by line and stops where the block the cursor is in ends: at a line indented
 * less than the block, or at a closing bracket that belongs to the code around the cursor (one opened
 * before the cursor line, or one opened on it that the suffix already closes).
 */
function cutAtBlockEnd(completion: string, input: PostprocessInput): string {
  const linePrefix = linePrefixOf(input.prefix);
  const suffixStart = input.suffix.trimStart();
  const scanner = new BracketScanner();
  scanner.feed(linePrefix);
  const openOnCursorLine = scanner.depth;
  // A closer is foreign when it closes nothing the completion opened and the suffix (or the code before) has it.
  const isForeign = (closer: string, depthBefore: number) => depthBefore === 0 || (depthBefore <= openOnCursorLine && suffixStart.startsWith(closer));

  const lines = completion.split('\n');
  const firstLine = linePrefix + lines[0];
  // Completing the body of a block the cursor line opens: the body is what is indented deeper than that
  // line. Otherwise the completion writes statements at the cursor's level (compound ones included).
  const writesBody = lines[0].trim() === '' && OPENS_BLOCK.test(linePrefix);
  const blockIndent = indentWidth(firstLine) + (writesBody ? 1 : 0);
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    const dedented = i > 0 && line.trim() !== '' && indentWidth(line) < blockIndent;
    if (dedented && !closesCursorLineBlock(line, scanner.depth, openOnCursorLine, suffixStart)) break;
    const cut = scanner.feedUntil(`${line}\n`, isForeign);
    kept.push(cut < 0 ? line : line.slice(0, cut));
    if (cut >= 0 || dedented) break;
  }
  return kept.join('\n');
}

/** A dedented line that closes the block opened on the cursor line is kept when the suffix does not close it. */
function closesCursorLineBlock(line: string, depth: number, openOnCursorLine: number, suffixStart: string): boolean {
  const first = line.trim()[0];
  return isCloser(first) && depth > 0 && depth <= openOnCursorLine && !suffixStart.startsWith(first);
}

/**
 * Drops a tail the suffix already has: whole trailing lines equal to the suffix's next lines, or the end
 * of the last line equal to the rest of the cursor line. A tail is dropped only when it closes no
 * bracket of the completion (`foo()` before `)` stays whole).
 */
function dropSuffixOverlap(completion: string, suffix: string): string {
  const rest = lineSuffixOf(suffix).trim();
  if (rest !== '' && completion.trimEnd().endsWith(rest)) {
    const remainder = completion.trimEnd().slice(0, -rest.length);
    if (closesNothing(rest)) return remainder;
  }
  const lines = completion.trimEnd().split('\n');
  const upcoming = suffix.split('\n').slice(1).map(l => l.trim()).filter(l => l !== '');
  for (let count = Math.min(lines.length - 1, upcoming.length); count > 0; count--) {
    const tail = lines.slice(-count);
    if (tail.every((l, i) => l.trim() === upcoming[i]) && closesNothing(tail.join('\n'))) return lines.slice(0, -count).join('\n');
  }
  return completion;
}

function closesNothing(text: string): boolean {
  return new BracketScanner().feedUntil(text, (_, depthBefore) => depthBefore === 0) < 0;
}

/** Chat models often wrap code in a Markdown fence despite the instruction; keep what is inside. */
function stripMarkdownFence(text: string): string {
  const opening = /^\s*```[\w+-]*\n/.exec(text);
  if (!opening) return text;
  const body = text.slice(opening[0].length);
  const closing = body.search(/^```/m);
  return closing < 0 ? body : body.slice(0, closing);
}

function lineEnd(text: string): number {
  const end = text.indexOf('\n');
  return end < 0 ? text.length : end;
}
