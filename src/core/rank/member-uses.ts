// How often the current buffer writes `receiver.member`, for the signals that weigh a receiver's members by
// what the file already uses (file-usage, namespace-hole, facts): `?.` included, a longer chain's inner link
// (`a.util.x`) not counted as `util.x`. Each receiver's accesses are read once per request and shared: at
// `ns.|` three signals ask for the same receiver, and each used to scan the whole buffer again.
import type { SignalContext } from './evidence';

const NAME = '[A-Za-z_$][\\w$]*';
const WORD_CHAR = /[\w$]/;
const SPACE = /\s/;
const SELF_NAMES: ReadonlySet<string> = new Set(['this', 'self']);

interface Access {
  readonly member: string;
  /** Only as a field: `this.receiver.member` or `self.receiver.member`. */
  readonly onlyAsField: boolean;
}

interface ReceiverUses {
  /** In the text's order. */
  readonly accesses: readonly Access[];
  /** Where the first access that is not only a field's is: file-usage reports receivers in that order. */
  readonly first: number | undefined;
}

const requests = new WeakMap<SignalContext, MemberUses>();

/**
 * A request's `receiver.member` accesses, each receiver's read at the first signal's asking and kept for the
 * others. One pattern per receiver: a pattern that starts with the receiver's name is found by its letters,
 * several times faster on a large file than one that starts with any name.
 */
export class MemberUses {
  private readonly receivers = new Map<string, ReceiverUses>();

  constructor(private readonly text: string) {}

  static of(context: SignalContext): MemberUses {
    let uses = requests.get(context);
    if (!uses) requests.set(context, (uses = new MemberUses(context.text)));
    return uses;
  }

  /**
   * Member -> number of `receiver.member` accesses, in the order first written. With `asField`,
   * `this.receiver.member` and `self.receiver.member` count too (a field of the enclosing class, what
   * `this.service.|` is typed on).
   */
  counts(receiver: string, asField = false): Map<string, number> {
    const counts = new Map<string, number>();
    for (const access of this.usesOf(receiver).accesses) {
      if (!access.onlyAsField || asField) counts.set(access.member, (counts.get(access.member) ?? 0) + 1);
    }
    return counts;
  }

  /** Receiver -> member -> count for those of `receivers` the text uses (not only as fields), in the order first written. */
  ofEach(receivers: readonly string[]): Map<string, Map<string, number>> {
    const used = receivers.filter(receiver => this.usesOf(receiver).first !== undefined);
    used.sort((a, b) => this.usesOf(a).first! - this.usesOf(b).first!);
    return new Map(used.map(receiver => [receiver, this.counts(receiver)]));
  }

  private usesOf(receiver: string): ReceiverUses {
    let uses = this.receivers.get(receiver);
    if (!uses) this.receivers.set(receiver, (uses = scan(this.text, receiver)));
    return uses;
  }
}

/** A dot that ends a line is the hole being typed (`x.|`), not an access of the next line's first word. */
function scan(text: string, receiver: string): ReceiverUses {
  const access = new RegExp(`(?<![\\w$])${receiver.replace(/\$/g, '\\$')}\\s*\\??\\.[ \\t]*(${NAME})`, 'g');
  const accesses: Access[] = [];
  let first: number | undefined;
  for (const match of text.matchAll(access)) {
    const start = match.index!;
    // A longer chain's inner link (`a.util.x`) is not `util.x`, unless the chain starts at `this.` or `self.`.
    const onlyAsField = start > 0 && text[start - 1] === '.';
    if (onlyAsField && !followsSelf(text, start)) continue;
    accesses.push({ member: match[1]!, onlyAsField });
    if (!onlyAsField) first ??= start;
  }
  return { accesses, first };
}

/** Whether `this.` or `self.` (spaces and `?.` allowed), not itself a chain's link, comes before the `.` before `start`. */
function followsSelf(text: string, start: number): boolean {
  let end = start - 1;
  if (text[end - 1] === '?') end--;
  end = skipSpaces(text, end);
  const wordAt = wordStart(text, end);
  return SELF_NAMES.has(text.slice(wordAt, end)) && (wordAt === 0 || text[wordAt - 1] !== '.');
}

/** Where the spaces that end just before `end` start. */
function skipSpaces(text: string, end: number): number {
  while (end > 0 && SPACE.test(text[end - 1]!)) end--;
  return end;
}

/** Where the word (`[\w$]*`) that ends just before `end` starts. */
function wordStart(text: string, end: number): number {
  while (end > 0 && WORD_CHAR.test(text[end - 1]!)) end--;
  return end;
}

/**
 * How likely `name` is the member written after a receiver: how many workspace files reference the name, and
 * `perUse` more shares per time this file already writes it after that receiver (`usesHere`). What a
 * namespace's exports at `ns.|` and a class's members at `x.|` share their weight by.
 */
export function memberLikelihood(context: SignalContext, name: string, usesHere: number, perUse: number): number {
  return Math.log2(2 + context.index.symbols.referencingFileCount(name)) * (1 + perUse * usesHere);
}
