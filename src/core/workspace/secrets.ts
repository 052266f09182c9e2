// High-confidence secret detection in file text. Each rule is a credential format with a fixed, distinctive
// prefix and a fixed or bounded alphabet, so a source file that merely talks about "api_key" or
// "PRIVATE KEY" is never flagged. All rules run as one regular expression whose branches start with
// literals and use no nested quantifiers: one linear pass, no catastrophic backtracking.

interface SecretRule {
  /** Shown to the user: what kind of secret was found. */
  readonly name: string;
  readonly pattern: string;
}

const RULES: readonly SecretRule[] = [
  {
    name: 'private key block',
    // The header alone is not enough (code that parses keys contains it): a base64 body line must follow,
    // optionally after armor headers such as `Proc-Type:`.
    pattern: '-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----\\r?\\n(?:[A-Za-z-]+:[^\\r\\n]{0,200}\\r?\\n){0,4}(?:\\r?\\n)?[A-Za-z0-9+/=]{40,}',
  },
  { name: 'AWS access key id', pattern: '(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])' },
  { name: 'GitHub token', pattern: '(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])' },
  { name: 'GitHub fine-grained token', pattern: '(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])' },
  { name: 'Slack token', pattern: '(?<![A-Za-z0-9])xox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}' },
  { name: 'Slack webhook', pattern: 'hooks\\.slack\\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24}' },
  { name: 'Google API key', pattern: '(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])' },
  { name: 'Stripe live key', pattern: '(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{24,}' },
  { name: 'OpenAI API key', pattern: '(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}' },
  // Legacy OpenAI keys embed base64("OpenAI") between two random halves.
  { name: 'OpenAI API key', pattern: '(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}' },
  { name: 'Anthropic API key', pattern: '(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}' },
  // A signed JWT used as a bearer credential; a JWT elsewhere (decoding examples, tests) is not enough.
  { name: 'bearer JWT', pattern: 'Bearer[ \\t]{1,4}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{40,}' },
];

const RULE_MATCHERS = RULES.map(rule => ({ name: rule.name, anchored: new RegExp(`^(?:${rule.pattern})`) }));
const ANY_RULE = new RegExp(RULES.map(rule => `(?:${rule.pattern})`).join('|'), 'g');

/**
 * Placeholders have the right shape but little variety (`AKIAXXXXXXXXXXXXXXXX`); real credentials are
 * random. Also skips AWS's documented example key, which appears in countless READMEs.
 */
const MIN_DISTINCT_CHARACTERS = 10;

function isPlausibleSecret(match: string): boolean {
  if (match.includes('EXAMPLE')) return false;
  return new Set(match).size >= MIN_DISTINCT_CHARACTERS;
}

export interface SecretFinding {
  readonly kind: string;
  /** 1-based. */
  readonly line: number;
}

/** The first high-confidence secret in `text`, or undefined. */
export function findSecret(text: string): SecretFinding | undefined {
  ANY_RULE.lastIndex = 0;
  for (let match = ANY_RULE.exec(text); match !== null; match = ANY_RULE.exec(text)) {
    const found = match[0];
    if (!isPlausibleSecret(found)) continue;
    const kind = RULE_MATCHERS.find(rule => rule.anchored.test(found))?.name ?? 'secret';
    return { kind, line: lineOf(text, match.index) };
  }
  return undefined;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
