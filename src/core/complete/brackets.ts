const CLOSER_OF: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(CLOSER_OF));
const QUOTES = new Set(['"', "'", '`']);

export function isCloser(ch: string | undefined): boolean {
  return ch !== undefined && CLOSERS.has(ch);
}

/**
 * Tracks open brackets through code text, skipping string literals and `//` comments (approximately: enough
 * to tell whether a closing bracket in a completion closes something the completion itself opened).
 */
export class BracketScanner {
  private readonly open: string[] = [];
  private quote: string | undefined;

  get depth(): number {
    return this.open.length;
  }

  /** Feeds the whole text. */
  feed(text: string): void {
    this.feedUntil(text, () => false);
  }

  /**
   * Feeds `text` until `stopAt(closer, depthBefore)` says a closing bracket must not be taken; returns that
   * closer's index (not consumed), or -1 when the whole text was fed. `depthBefore` is 0 for a closer
   * that closes nothing this scanner has seen.
   */
  feedUntil(text: string, stopAt: (closer: string, depthBefore: number) => boolean): number {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.quote !== undefined) {
        if (ch === '\\') i++;
        else if (ch === this.quote) this.quote = undefined;
        else if (ch === '\n' && this.quote !== '`') this.quote = undefined; // an unterminated ' or " ends with its line
        continue;
      }
      if (ch === '/' && text[i + 1] === '/') {
        const lineEnd = text.indexOf('\n', i);
        if (lineEnd < 0) return -1;
        i = lineEnd;
      } else if (QUOTES.has(ch)) {
        this.quote = ch;
      } else if (ch in CLOSER_OF) {
        this.open.push(ch);
      } else if (CLOSERS.has(ch)) {
        if (stopAt(ch, this.open.length)) return i;
        if (CLOSER_OF[this.open.at(-1) ?? ''] === ch) this.open.pop();
      }
    }
    return -1;
  }
}
