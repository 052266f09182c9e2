// Says where a JSON-with-comments file (tsconfig.json, jsconfig.json, package.json) is broken, so that the
// index can tell the user "tsconfig.json line 7: …" instead of resolving imports without it in silence.
// Comments and trailing commas (which TypeScript accepts) are blanked out in place, keeping every offset,
// and the platform's JSON parser names the position of the first real error.

/** Undefined when the text is valid JSONC; otherwise the 1-based line and the parser's message. */
export function jsoncProblem(text: string): { line: number; message: string } | undefined {
  const plain = blankCommentsAndTrailingCommas(text.replace(/^\uFEFF/, ' '));
  try {
    JSON.parse(plain);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : plain.trimEnd().length;
    return { line: plain.slice(0, offset).split('\n').length, message: message.replace(/\s*in JSON at position \d+.*$/, '') };
  }
}

function blankCommentsAndTrailingCommas(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      i++;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (char === ',') {
      const next = /^[\s]*(?:\/\/[^\n]*\n[\s]*|\/\*[\s\S]*?\*\/[\s]*)*([\]}])/.exec(text.slice(i + 1, i + 1 + 4096));
      if (next) out[i] = ' ';
      i++;
    } else i++;
  }
  return out.join('');
}
