// Which allowed member the model meant: an edit distance over identifiers, not characters. Models miss a
// member by its case (`getUsername` for `getUserName`), its word separators (`get_user_name`), a plural
// (`items` for `item`), an affix (`fetchUser` for `user`), or a near-synonym; the distance is small for
// each of those and large for a different name. The model's own alternatives for the name's first token
// (top logprobs), when the endpoint gives them, break ties towards what it weighed.
import type { TokenAlternatives } from '../model';

/** The words of an identifier, lower-cased: `getHTTPUserName_v2` → get http user name v2. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter(word => word !== '')
    .map(word => word.toLowerCase());
}

/** A word and its singular count as the same word: `items`/`item`, `entries`/`entry`. */
function singular(word: string): string {
  if (word.length > 3 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 2 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Words that models put for one another. */
const SYNONYMS: readonly (readonly string[])[] = [
  ['get', 'fetch', 'load', 'read', 'find', 'retrieve'],
  ['set', 'update', 'put', 'write', 'assign'],
  ['remove', 'delete', 'del', 'drop', 'clear'],
  ['add', 'append', 'push', 'insert'],
  ['create', 'make', 'new', 'build'],
  ['size', 'length', 'count', 'len'],
  ['is', 'has', 'can'],
  ['name', 'id', 'key'],
  ['init', 'initialize', 'setup', 'start'],
];

function synonyms(a: string, b: string): boolean {
  return SYNONYMS.some(group => group.includes(a) && group.includes(b));
}

/** Cost of putting word `b` where the model wrote word `a`: 0 same, small for plural or synonym, else by letters. */
function wordCost(a: string, b: string): number {
  if (a === b) return 0;
  if (singular(a) === singular(b)) return 0.2;
  if (synonyms(a, b)) return 0.5;
  if (a.startsWith(b) || b.startsWith(a)) return 0.6;
  return Math.min(1, levenshtein(a, b) / Math.max(a.length, b.length)) * WORD_REPLACE_WEIGHT;
}

/** Cost of adding or dropping a whole word; less for the affixes models add and drop (`get`, `is`, `value`, `async`). */
const WORD_INDEL = 0.7;
const AFFIX_INDEL = 0.3;
const AFFIXES: ReadonlySet<string> = new Set(['get', 'set', 'is', 'has', 'to', 'as', 'on', 'by', 'value', 'values', 'async', 'sync', 'data', 'list', 'all', 'current', 'new', 'raw', 'internal']);

const indel = (word: string) => (AFFIXES.has(word) ? AFFIX_INDEL : WORD_INDEL);

/** Word-level edit distance, plus a small charge when the spelling differs only in case or separators. */
export function identifierDistance(attempt: string, member: string): number {
  if (attempt === member) return 0;
  const a = identifierWords(attempt);
  const b = identifierWords(member);
  const row = [0];
  for (let j = 1; j <= b.length; j++) row[j] = row[j - 1]! + indel(b[j - 1]!);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = diagonal + indel(a[i - 1]!);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + indel(a[i - 1]!), row[j - 1]! + indel(b[j - 1]!), diagonal + wordCost(a[i - 1]!, b[j - 1]!));
      diagonal = above;
    }
  }
  // Word boundaries the model drew elsewhere (`Username` for `UserName`) are letters apart, not words.
  return Math.min(row[b.length]!, letterDistance(attempt, member)) + SPELLING_CHARGE;
}

/** Edit distance over the letters, case and separators ignored, relative to the longer name. */
function letterDistance(attempt: string, member: string): number {
  const a = normalized(attempt);
  const b = normalized(member);
  return (levenshtein(a, b) / Math.max(1, a.length, b.length)) * LETTER_WEIGHT;
}

/** Letters count only when few differ: two unrelated names share many letters by chance. */
const LETTER_WEIGHT = 2;
/** A word replaced by an unrelated one costs at most this (a little more than adding one). */
const WORD_REPLACE_WEIGHT = 1.2;

function normalized(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

/** Same words, other case or separators: still not the same name, so never a distance of 0. */
const SPELLING_CHARGE = 0.05;

/** How much the model's weight for a first token that begins a member lowers that member's distance. */
const ALTERNATIVE_WEIGHT = 0.5;

/**
 * The allowed member closest to the model's attempt. `unfinished`: the stream was stopped inside the name,
 * so a member is also compared by its start (`getUsern` is close to `getUserName`). `alternatives`: the
 * model's top logprobs for the name's first token.
 */
export function closestMember(attempt: string, members: readonly string[], unfinished: boolean, alternatives?: TokenAlternatives): string | undefined {
  let best: { member: string; score: number } | undefined;
  for (const member of members) {
    let score = identifierDistance(attempt, member);
    if (unfinished) score = Math.min(score, startDistance(attempt, member));
    score -= ALTERNATIVE_WEIGHT * alternativeWeight(member, alternatives);
    if (!best || score < best.score) best = { member, score };
  }
  return best?.member;
}

/**
 * How far an unfinished attempt is from the start of `member`, by letters with case and separators
 * ignored: `getUsern` is 0 letters from the start of `getUserName` (then the spelling charge).
 */
function startDistance(attempt: string, member: string): number {
  const a = normalized(attempt);
  return (levenshtein(a, normalized(member).slice(0, a.length)) / Math.max(1, a.length)) * LETTER_WEIGHT + SPELLING_CHARGE;
}

/** The probability the model gave first tokens that begin `member` (case-sensitive, leading spaces ignored). */
function alternativeWeight(member: string, alternatives: TokenAlternatives | undefined): number {
  if (!alternatives) return 0;
  let weight = 0;
  for (const [token, logprob] of Object.entries(alternatives)) {
    const piece = token.trimStart();
    if (piece !== '' && member.startsWith(piece)) weight += Math.exp(logprob);
  }
  return Math.min(1, weight);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
