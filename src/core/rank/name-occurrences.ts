// Where a name stands in a buffer as a whole word, kept from one keystroke to the next: receiver types
// (receiver-types.ts) read the declarations of every variable near the cursor from the buffer, and finding a
// short name in a 100 KB buffer means visiting each of its thousands of occurrences inside other words.
import { changedSpan } from '../index/changed-span';
import { isNameChar } from '../name-chars';

/**
 * The offsets of `name` in `text` within [from, to) that are whole words and not members: no name
 * character on either side, no `.` before.
 */
export function wordOccurrences(text: string, name: string, from = 0, to = text.length): number[] {
  const found: number[] = [];
  if (name.length === 0) return found;
  for (let at = text.indexOf(name, from); at >= 0 && at < to; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text.charCodeAt(at - 1) : 0;
    if (isNameChar(before) || before === 46 || isNameChar(text.charCodeAt(at + name.length))) continue;
    found.push(at);
  }
  return found;
}

/**
 * The word occurrences of names in one text, each found once, and found again after an edit only around
 * it: an occurrence whose character before and after are untouched by the edit stays one, moved by it.
 */
export class BufferOccurrences {
  /** The last text asked about; the next one is most often the same buffer one keystroke later. */
  private static last: BufferOccurrences | undefined;

  private readonly byName = new Map<string, readonly number[]>();
  /** The edit from the previous text to this one, found when first needed. */
  private edit: ReturnType<typeof changedSpan> | undefined;

  private constructor(
    readonly text: string,
    /** The occurrences of the text before this one, to move; dropped once this text is replaced in turn. */
    private previous: BufferOccurrences | undefined,
  ) {}

  static of(text: string): BufferOccurrences {
    const last = BufferOccurrences.last;
    if (last?.text === text) return last;
    if (last) last.previous = undefined; // one step back only: an edit chain keeps no older texts alive
    return (BufferOccurrences.last = new BufferOccurrences(text, last));
  }

  /** The word occurrences of `name` (`wordOccurrences`), ascending. */
  occurrences(name: string): readonly number[] {
    let found = this.byName.get(name);
    if (!found) this.byName.set(name, (found = this.moved(name) ?? wordOccurrences(this.text, name)));
    return found;
  }

  private moved(name: string): number[] | undefined {
    const before = this.previous?.byName.get(name);
    if (!before) return undefined;
    const { start, oldEnd, newEnd } = (this.edit ??= changedSpan(this.previous!.text, this.text));
    const length = name.length;
    const shift = newEnd - oldEnd;
    // Kept: occurrences whose last character and the one after it lie before the edit, and those whose
    // character before lies after it. Every other occurrence of the new text starts in [start - length, newEnd].
    const found = before.filter(at => at + length < start);
    for (const at of wordOccurrences(this.text, name, Math.max(0, start - length), newEnd + 1)) found.push(at);
    for (const at of before) if (at > oldEnd) found.push(at + shift);
    return found;
  }
}
