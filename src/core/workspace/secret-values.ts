// Judges a candidate value by its characters alone: does it look generated (a key, a token) or chosen by a
// person for a password, rather than a word, an identifier or a placeholder? The rules that find a value
// by its surroundings (`api_key = "…"`) ask these, so ordinary strings next to such names stay.

/** Shorter random values are too rare to be worth the false positives. */
const MIN_RANDOM_LENGTH = 16;
/**
 * Required bits per character, as a share of the most a value of that length can have (log2 of its
 * length, up to 64 characters). Random base64 of 20–64 characters reaches 85–95%; words, identifiers and
 * sentences stay well below it.
 */
const MIN_ENTROPY_SHARE = 0.72;

const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|_+)$|your|example|placeholder|changeme|change[-_]me|replace|dummy|redacted|secret[-_]?here|todo|fixme|sample/i;

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A generated credential: long enough, varied enough, and not all one kind of character run into words. */
export function looksRandom(value: string): boolean {
  if (value.length < MIN_RANDOM_LENGTH || PLACEHOLDER.test(value)) return false;
  // Hex digests (API keys are often 32+ hex digits) carry at most 4 bits per character.
  if (/^[0-9a-f]{32,}$/i.test(value)) return new Set(value.toLowerCase()).size >= 10;
  if (isCodeReference(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter(c => c.test(value)).length;
  if (classes < 2) return false;
  const most = Math.log2(Math.min(value.length, 64));
  return shannonEntropy(value) >= MIN_ENTROPY_SHARE * most;
}

/** A password a person chose: not a word or a placeholder, but with a digit or a symbol among letters. */
export function looksLikePassword(value: string): boolean {
  if (value.length < 6 || PLACEHOLDER.test(value) || isCodeReference(value)) return false;
  if (/^(?:password|passwd|pass|secret|null|none|true|false|undefined|empty)$/i.test(value)) return false;
  return /[A-Za-z]/.test(value) && /[^A-Za-z]/.test(value) && new Set(value).size >= 5;
}

/** `process.env.API_KEY`, `config.secrets.token`, `getPassword()`, `DB_PASSWORD`: code that names a value, not the value. */
function isCodeReference(value: string): boolean {
  if (value.includes('(')) return true;
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) || /^(?:[A-Z][A-Z0-9]*_)+[A-Z0-9]+$/.test(value);
}
