// The lines of an indexed text: all of them as the packer reads them (TextLines), and single lines for the
// ranking signals that read a declaration's line or a class's header in another file (one walk over the line
// breaks up to the last line wanted, so that no array of every line of a large file is made for a few of them).

/** Lines `first`..`last` (0-based, inclusive) of `text`, joined by newlines: a declaration's header as its file has it. */
export function linesBetween(text: string, first: number, last: number): string {
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const lines = linesAt(text, numbers);
  return numbers.map(line => lines.get(line) ?? '').join('\n');
}

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

/**
 * A text's lines, kept as the text and the offset where each line starts (4 bytes a line) and read as
 * strings on demand: the token cache holds thousands of files, and as an array of strings each line cost
 * ~40 bytes more. Lines are split on `\n` with a trailing `\r` dropped, so CRLF files render with plain
 * newlines; a final newline ends the last line rather than starting an empty one. Reads like the part of
 * a `readonly string[]` the packer uses (`length`, `at`, `slice`), for lines 0..length-1.
 */
export class TextLines {
  private constructor(
    private readonly text: string,
    /** `starts[i]`: where line i starts; `starts[i + 1] - 1`: where it ends (before its newline, if any). */
    private readonly starts: Int32Array,
  ) {}

  static of(text: string): TextLines {
    let newlines = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) newlines++;
    const count = newlines > 0 && text.endsWith('\n') ? newlines : newlines + 1;
    const starts = new Int32Array(count + 1);
    let line = 0;
    for (let at = text.indexOf('\n'); at >= 0 && line < count; at = text.indexOf('\n', at + 1)) starts[++line] = at + 1;
    // The last line has no newline: its end is where one would be.
    if (line < count) starts[count] = text.length + 1;
    return new TextLines(text, starts);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Line `line` (0 <= line < length), without its newline or a `\r` before it. */
  at(line: number): string {
    const start = this.starts[line];
    const end = this.starts[line + 1] - 1;
    return this.text.slice(start, end > start && this.text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end);
  }

  /** Lines start..end-1, as `Array.prototype.slice` (within 0..length). */
  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let line = start; line < end; line++) out.push(this.at(line));
    return out;
  }
}

const CARRIAGE_RETURN = 13;

/**
 * The token counts of a text's lines, each with its newline, as prefix sums (`sums[i]`: lines 0..i-1): how
 * the packer prices any set of lines with a few subtractions. The index counts them where it reads the file
 * (its worker), so that no request tokenizes a workspace file.
 */
export function lineTokenSums(lines: TextLines, count: (text: string) => number): Int32Array {
  const sums = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) sums[i + 1] = sums[i] + count(lines.at(i) + '\n');
  return sums;
}
