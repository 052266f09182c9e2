// Single lines of an indexed text, for the ranking signals that read a declaration's line or a class's
// header in another file: one walk over the line breaks up to the last line wanted, so that no array of
// every line of a large file is made for a few of them.

/** The 0-based `lines` of `text` (without their line break, a trailing `\r` dropped); a line past the end is absent. */
export function linesAt(text: string, lines: Iterable<number>): Map<number, string> {
  const found = new Map<number, string>();
  const wanted = [...new Set(lines)].filter(line => line >= 0).sort((a, b) => a - b);
  let line = 0;
  let start = 0;
  for (const target of wanted) {
    for (; line < target; line++) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) return found;
      start = newline + 1;
    }
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    found.set(target, text.slice(start, text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end));
  }
  return found;
}
