// What kind of hole the cursor is in, read from the text before it: after `x.` (member), after `key:` in an
// object literal (property), inside a call's parentheses (argument), after `name =` or `name: T =`
// (assignment), after `return` (return). Only the shape and where to ask are read here; the types come
// from the server (expected-type.ts). Several shapes can hold at once (`return f(a, |`): innermost first.
import type { Position } from '../types';
import { isNameChar } from '../name-chars';
import { positionAt } from './text-positions';

export type HoleKind = 'member' | 'property' | 'argument' | 'assignment' | 'return';

export interface HoleShape {
  readonly kind: HoleKind;
  /**
   * Where to ask about the hole: the object before the dot (member), the key (property), the callee
   * (argument), the assigned name (assignment). Absent for `return`: the enclosing function answers.
   */
  readonly anchor?: Position;
  readonly anchorName?: string;
}

/** How far back the bracket scan looks for the enclosing `(` or `{`. */
const SCAN_LIMIT = 2000;
const NOT_CALLEES = new Set(['if', 'while', 'for', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'elif', 'print']);

export function holeShapes(text: string, cursorOffset: number): HoleShape[] {
  const lineStart = text.lastIndexOf('\n', cursorOffset - 1) + 1;
  const linePrefix = text.slice(lineStart, cursorOffset);
  const shapes: HoleShape[] = [];
  const member = /([A-Za-z_$][\w$]*)\s*\??\.\s*[\w$]*$/.exec(linePrefix);
  if (member) {
    shapes.push({ kind: 'member', anchor: positionAt(text, lineStart + member.index), anchorName: member[1]! });
    return shapes;
  }
  // The word being typed is part of the hole, not of what comes before it. Everything below reads the text up to
  // `end` in place (no copy of the buffer's start): the request path of a large file runs this twice.
  let end = cursorOffset;
  while (end > 0 && isNameChar(text.charCodeAt(end - 1))) end--;
  const opener = innermostOpener(text, end);
  if (opener?.char === '{') {
    const entry = /(?:^|,)\s*([A-Za-z_$][\w$]*)\s*:\s*$/.exec(text.slice(opener.offset + 1, end));
    if (entry) shapes.push({ kind: 'property', anchor: positionAt(text, opener.offset + 1 + entry.index + entry[0].indexOf(entry[1]!)), anchorName: entry[1]! });
  }
  if (opener?.char === '(') {
    const callee = /([A-Za-z_$][\w$]*)\s*(?:<[^()]*>)?\s*$/.exec(text.slice(Math.max(0, opener.offset - 200), opener.offset));
    if (callee && !NOT_CALLEES.has(callee[1]!)) {
      const calleeOffset = Math.max(0, opener.offset - 200) + callee.index;
      shapes.push({ kind: 'argument', anchor: positionAt(text, calleeOffset), anchorName: callee[1]! });
    }
  }
  const statementStart = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
  const statement = text.slice(statementStart, end);
  const assignment = /([A-Za-z_$][\w$]*)\s*(?::[^=]*)?(?<![=!<>+\-*/%&|^])=(?![=>])\s*$/.exec(statement);
  if (assignment) {
    shapes.push({ kind: 'assignment', anchor: positionAt(text, statementStart + assignment.index), anchorName: assignment[1]! });
  }
  // Anywhere in a `return` statement the value typed is (part of) what the function returns.
  if (/^\s*return\b/.test(statement)) shapes.push({ kind: 'return' });
  return shapes;
}

/** The innermost `(`, `[` or `{` still open before `end` in `text`; strings and comments are not told apart. */
function innermostOpener(text: string, end: number): { char: string; offset: number } | undefined {
  let depth = 0;
  for (let i = end - 1; i >= Math.max(0, end - SCAN_LIMIT); i--) {
    const char = text[i]!;
    if (char === ')' || char === ']' || char === '}') depth++;
    else if (char === '(' || char === '[' || char === '{') {
      if (depth === 0) return { char, offset: i };
      depth--;
    }
  }
  return undefined;
}

