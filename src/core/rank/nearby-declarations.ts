import type { CursorFacts } from '../types';

/** How far above the cursor local declarations are read when no enclosing declaration bounds the search. */
const DEFAULT_DECLARATION_LOOKBACK_LINES = 60;
/** The most lines read in all: a very long enclosing function is read only near its end. */
const MAX_DECLARATION_SCAN_LINES = 400;
/** Lines after the cursor: a name declared right below is still this block's. */
const LINES_AFTER = 10;

const NAME = '[A-Za-z_$][\\w$]*';
const DECLARED = [
  new RegExp(`\\b(?:const|let|var)\\s+(${NAME})`, 'g'), // const x, for (let x of
  new RegExp(`(?:^|[^\\w$.])(${NAME})\\s*=>`, 'g'), // x => …
  new RegExp(`\\bcatch\\s*\\(\\s*(${NAME})`, 'g'),
  new RegExp(`^\\s*(${NAME})\\s*(?::[^=\\n]*)?=(?![=>])`, 'gm'), // Python's x = …, x: int = …
  new RegExp(`\\bfor\\s+(${NAME})(?:\\s*,\\s*(${NAME}))?\\s+in\\b`, 'g'), // Python's for a, b in
];
/** Parameter lists: `(a, b: T = 1) =>`, `function f(a, b)`, Python's `def f(self, a)` and `lambda a, b:`. */
const PARAMETER_LISTS = [
  /\(([^()]*)\)\s*(?::\s*[^=;{}()]+)?=>/g,
  /\bfunction\b\s*[\w$]*\s*(?:<[^>]*>)?\s*\(([^()]*)\)/g,
  /\bdef\s+\w+\s*\(([^()]*)\)/g,
  /\blambda\b([^:\n]*):/g,
];
const DESTRUCTURED = /\b(?:const|let|var)\s*[{[]([^=;]*)[}\]]\s*(?::[^=;]*)?=/g;

/**
 * Names the code around the cursor declares itself: locals, destructured names, parameters of callbacks and
 * nested functions, which the index does not list as declarations. A name declared here means this
 * declaration, so it is not looked up in other files (a callback's `issue` is not a test file's `issue`).
 * Read from the text, without a parser: the buffer being typed often does not parse.
 */
export function declaredNearCursor(cursor: CursorFacts): Set<string> {
  const line = cursor.position.line;
  const outermost = cursor.enclosingScopes[0]?.range.start.line ?? line - DEFAULT_DECLARATION_LOOKBACK_LINES;
  const first = Math.max(0, outermost, line - MAX_DECLARATION_SCAN_LINES);
  const window = cursor.lines.slice(first, line + 1 + LINES_AFTER).join('\n');
  const names = new Set<string>();
  for (const pattern of DECLARED) {
    for (const match of window.matchAll(pattern)) for (const name of match.slice(1)) if (name) names.add(name);
  }
  for (const pattern of PARAMETER_LISTS) {
    for (const match of window.matchAll(pattern)) for (const name of parameterNames(match[1])) names.add(name);
  }
  for (const match of window.matchAll(DESTRUCTURED)) for (const name of bindingNames(match[1])) names.add(name);
  return names;
}

/**
 * `a, b: Foo<X, Y> = 1, ...rest, { c, d: e }` -> a, b, rest, c, e: the name of each parameter (the names a
 * destructuring parameter binds), types and defaults skipped.
 */
function parameterNames(list: string): string[] {
  const names: string[] = [];
  for (const parameter of splitTopLevel(list)) {
    const text = parameter.trim().replace(/^\.\.\./, '');
    if (text.startsWith('{') || text.startsWith('[')) names.push(...bindingNames(text.slice(1, closingBracket(text))));
    else {
      const name = /^[A-Za-z_$][\w$]*/.exec(text);
      if (name) names.push(name[0]);
    }
  }
  return names;
}

/** Splits at the commas outside brackets (`Map<K, V>`, `{ a, b }` stay whole). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if ('<{[('.includes(c)) depth++;
    else if ('>}])'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(list.slice(from));
  return parts;
}

/** Index of the bracket closing the one `text` starts with (the text's end when unclosed). */
function closingBracket(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if ('{['.includes(text[i])) depth++;
    else if ('}]'.includes(text[i]) && --depth === 0) return i;
  }
  return text.length;
}

/** `{ a, b: c, ...d }` / `[a, , b]`: the names bound (after a `:` rename, the new name). */
function bindingNames(pattern: string): string[] {
  return [...pattern.matchAll(/([A-Za-z_$][\w$]*)\s*(?=[,}\]=]|$)/g)].map(m => m[1]);
}
