/**
 * Parses JSON with comments and trailing commas (tsconfig.json, jsconfig.json). Undefined when the text is
 * not valid even then: a broken config must not stop resolution, it just contributes nothing.
 */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(stripTrailingCommas(stripComments(text)));
  } catch {
    return undefined;
  }
}

/**
 * Rewrites the text outside string literals (which may contain `//`, as in URLs, or `,}`): `rewrite` gets
 * the text and the index of each such character and returns what to emit and where to continue.
 */
function outsideStrings(text: string, rewrite: (i: number) => { readonly emit: string; readonly next: number }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else {
      const { emit, next } = rewrite(i);
      out += emit;
      i = next;
    }
  }
  return out;
}

/** Replaces comments by a space. */
function stripComments(text: string): string {
  return outsideStrings(text, i => {
    if (text[i] === '/' && text[i + 1] === '/') {
      const newline = text.indexOf('\n', i);
      return { emit: '', next: newline < 0 ? text.length : newline };
    }
    if (text[i] === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      return { emit: ' ', next: close < 0 ? text.length : close + 2 };
    }
    return { emit: text[i], next: i + 1 };
  });
}

/** Drops a comma that only white space separates from a closing `}` or `]`. */
function stripTrailingCommas(text: string): string {
  return outsideStrings(text, i => {
    if (text[i] === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === '}' || text[j] === ']') return { emit: '', next: i + 1 };
    }
    return { emit: text[i], next: i + 1 };
  });
}

/** Index just past the string literal that starts at `start` (a `"`). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}
