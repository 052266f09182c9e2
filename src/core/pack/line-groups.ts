// Exact token counts of line-based text without tokenizing it whole.
//
// Both encodings (o200k_base, cl100k_base) split text into chunks with a regular expression before BPE,
// and count = the sum over chunks. A chunk that contains a newline ends at that newline unless what follows
// continues it: whitespace up to another line break (`\s*[\r\n]+`, so blank lines and a leading `\r` join),
// or `/` and `\r` right after punctuation's newlines (o200k's `[\r\n/]*`). So a line that starts with a
// non-space other than `/`, or with spaces/tabs (no `\r`) and then a non-space, always starts a fresh chunk,
// whatever precedes it: the text splits there into independently counted parts. A "group" is such a line
// with the lines that follow it up to the next one. Counting groups once (cached by their text) and adding
// them up gives the exact count of any joined text; the unit tests check this against the real tokenizers
// on real and adversarial code.

const CHUNK_START = /^(?:[^\S\r]+\S|[^\s/])/;

/** Whether the tokenizers' pre-split always starts a new chunk at this line's first character. */
function startsChunk(line: string): boolean {
  return CHUNK_START.test(line);
}

/** The exact count of a run of lines, and its first and last groups, so runs can be joined exactly. */
export interface GroupedCount {
  readonly tokens: number;
  /** Text of the first and last group (equal when the run is one group), and their counts. */
  readonly first: string;
  readonly last: string;
  readonly firstTokens: number;
  readonly lastTokens: number;
  readonly single: boolean;
  /** Whether the run's first line starts a chunk even after a newline (else it joins the group before it). */
  readonly firstStartsChunk: boolean;
}

/**
 * Exact tokens of `lines.join('\n') + '\n'`, from cached counts of its groups. `lineTokens(k)`: the count of
 * `lines[k] + '\n'` where it is known already (the index counted the file's lines), so that a group of that
 * one line, as most are, is not tokenized again.
 */
export function countLineRun(lines: readonly string[], count: (text: string) => number, lineTokens?: (k: number) => number | undefined): GroupedCount {
  let tokens = 0;
  let first: { text: string; tokens: number } | undefined;
  let open = '';
  let openFrom = 0;
  const openTokens = (end: number) => (end - openFrom === 1 ? lineTokens?.(openFrom) : undefined) ?? count(open);
  lines.forEach((line, k) => {
    if (k > 0 && startsChunk(line)) {
      const closed = openTokens(k);
      tokens += closed;
      first ??= { text: open, tokens: closed };
      open = '';
      openFrom = k;
    }
    open += line + '\n';
  });
  const lastTokens = openTokens(lines.length);
  return {
    tokens: tokens + lastTokens,
    first: first?.text ?? open,
    firstTokens: first?.tokens ?? lastTokens,
    last: open,
    lastTokens,
    single: first === undefined,
    firstStartsChunk: lines.length > 0 && startsChunk(lines[0]),
  };
}

/** Exact tokens of runs joined with one empty line between them (`texts.join('\n')`, each ending in a newline). */
export function joinedTokens(runs: readonly GroupedCount[], count: (text: string) => number): number {
  let tokens = 0;
  let open: string | undefined;
  /** The count of `open` while it is a run's last group as that run counted it. */
  let openTokens: number | undefined;
  for (const run of runs) {
    if (open !== undefined) {
      openTokens = undefined;
      open += '\n'; // the empty line between runs always joins the group before it
      if (!run.firstStartsChunk) {
        // The run's first group joins the open one; the run's own groups start after it.
        if (run.single) {
          open += run.first;
          continue;
        }
        tokens += count(open + run.first) - run.firstTokens;
        open = undefined;
      }
    }
    if (open !== undefined) tokens += count(open);
    tokens += run.tokens - run.lastTokens;
    open = run.last;
    openTokens = run.lastTokens;
  }
  return open === undefined ? 0 : tokens + (openTokens ?? count(open));
}

/**
 * Whether the join is back in the same state after this run whatever came before it: the run's last group
 * is open and nothing earlier is. Only a one-group run that continues the group before it carries that
 * group on past itself.
 */
function anchored(run: GroupedCount): boolean {
  return !run.single || run.firstStartsChunk;
}

/**
 * `joinedTokens` of `runs` with `runs[at]` replaced by `run` (`at === runs.length`: appended), from `total`,
 * the count of `runs` joined. Only the runs between the nearest anchored ones around `at` are counted again:
 * after an anchored run `m` the join continues as if it started there, so the count of all runs is the
 * count up to `m` plus the count from `m`, less `m` counted twice, and a change between two anchored runs
 * changes only what lies between them.
 */
export function joinedTokensWith(runs: readonly GroupedCount[], total: number, at: number, run: GroupedCount, count: (text: string) => number): number {
  let from = at - 1;
  while (from > 0 && !anchored(runs[from])) from--;
  let to = at + 1;
  while (to < runs.length - 1 && !anchored(runs[to])) to++;
  const window = runs.slice(Math.max(0, from), Math.min(runs.length, to + 1));
  const changed = [...window];
  changed.splice(at - Math.max(0, from), at < runs.length ? 1 : 0, run);
  return total - joinedTokens(window, count) + joinedTokens(changed, count);
}

/**
 * The exact count of a text grown one line at a time away from a fixed anchor: upward (`line + '\n' + text`,
 * the prefix above the cursor) or downward (`text + '\n' + line`, the suffix below it). Each step costs one
 * cached count of the group at the growing end.
 */
export class GrowingCount {
  private closed = 0;
  /** The group at the growing end, not yet closed; for `up`, whether its first line starts a chunk. */
  private open: string;
  private openStartsChunk: boolean;

  constructor(
    private readonly direction: 'up' | 'down',
    anchor: string,
    private readonly count: (text: string) => number,
  ) {
    this.open = anchor;
    this.openStartsChunk = startsChunk(anchor);
  }

  get tokens(): number {
    return this.closed + this.count(this.open);
  }

  /** Adds one line at the growing end and returns the new exact total. */
  add(line: string): number {
    if (this.direction === 'up') {
      if (this.openStartsChunk) {
        this.closed += this.count(this.open);
        this.open = line + '\n';
      } else {
        this.open = line + '\n' + this.open;
      }
      this.openStartsChunk = startsChunk(line);
    } else if (startsChunk(line)) {
      this.closed += this.count(this.open + '\n');
      this.open = line;
    } else {
      this.open += '\n' + line;
    }
    return this.tokens;
  }
}
