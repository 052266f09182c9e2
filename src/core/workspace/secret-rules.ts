// The secret formats the scanner knows. Each rule is a regular expression over raw file text plus, where
// the shape alone is not telling, a check on the matched value. Rules with a fixed literal in every match
// name it in `hints`, so a file that contains none of them costs one substring search per hint, not a
// regular-expression pass. Patterns use bounded quantifiers over disjoint character classes only: every
// match is found in time linear in the text, whatever the text.
//
// A rule's pattern may name the part to redact `(?<secret>…)`; without it the whole match is the secret.
import { looksRandom, looksLikePassword } from './secret-values';

export interface SecretRule {
  /** Shown in `[redacted: <kind>]` and in the manifest: what kind of secret it was. */
  readonly kind: string;
  readonly pattern: RegExp;
  /** Literals at least one of which every match contains (checked case-sensitively); none = always run. */
  readonly hints?: readonly string[];
  /** Rejects matches that have the shape but not the substance (placeholders, code references). */
  readonly accept?: (secret: string, match: RegExpExecArray) => boolean;
  /** A more telling kind for some matches (an AWS secret key assigned to a name); default `kind`. */
  readonly kindOf?: (secret: string, match: RegExpExecArray) => string | undefined;
}

const B64 = 'A-Za-z0-9+/';
/** What may sit between the lines of a PEM body: real or escaped line breaks, quotes, commas, concatenation. */
const PEM_GAP = `(?:\\\\[rn]|[\\s"'\`,+\\[\\]()]){1,40}`;
const PEM_BEGIN = '-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----';

/**
 * Placeholders have the right shape but little variety (`AKIAXXXXXXXXXXXXXXXX`); AWS's documented example
 * key appears in countless READMEs. Real credentials are random.
 */
function notPlaceholder(value: string): boolean {
  return !value.includes('EXAMPLE') && new Set(value).size >= 10;
}

const rule = (kind: string, source: string, hints?: readonly string[], accept?: SecretRule['accept'], flags = ''): SecretRule => ({
  kind,
  pattern: new RegExp(source, `gd${flags}`),
  hints,
  accept,
});

/** Names that hold a credential, as a fragment of an identifier or key (`DB_PASSWORD`, `clientSecret`, `"api-key"`). */
const SECRET_NAME = '(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|credentials?)';
const NAME_CHARS = '[A-Za-z0-9_.-]';
/** Between a name and its value: a closing quote, a type (`: &str`, `[]`, ` string`), then `=`, `:=`, `:`, `=>` or `,`. */
const ASSIGN = `["']?(?:\\s*:\\s*&?[\\w<>\\[\\]' ]{1,24}?(?=\\s*=)|\\[\\d*\\]|[ \\t]+[\\w.*\\[\\]]{1,20}(?=\\s*:?=))?\\s*(?<op>=>|:=|=|:|,)[ \\t]*`;
/** String openers of the 12 languages: quotes, triple quotes and text blocks, raw and verbatim prefixes, template literals, `%q(`. */
const OPEN = `(?:[rRbBuUfFL@$]{0,2}#{0,2}(?:(?:"""|''')[ \\t]*(?:\\r?\\n[ \\t]*)?|["'\`])|R"\\(|%[qQ]?[({\\[<|])`;
const VALUE = "[A-Za-z0-9+/=_\\-.~!@#%^&*?|]{6,200}";
const CLOSE = `(?=["'\`)\\]};,\\s]|$)`;

export const SECRET_RULES: readonly SecretRule[] = [
  // A PEM private key in any quoting: plain, indented, inside a string with `\n` escapes (service-account
  // JSON), or one string per line. The header alone is not enough (key-parsing code contains it): a
  // base64 body must follow. With its END line, everything from BEGIN to END goes.
  rule(
    'private-key',
    `${PEM_BEGIN}[\\s\\S]{0,12000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----`,
    ['PRIVATE KEY'],
    (key: string) => new RegExp(`[${B64}]{40}`).test(key),
  ),
  // Without it (a truncated or split key), the header and the body lines that follow it.
  rule('private-key', `${PEM_BEGIN}(?:${PEM_GAP}[A-Za-z-]{1,30}: [^\\r\\n"'\\\\]{0,200}){0,4}(?:${PEM_GAP}[${B64}=]{16,200}){1,400}`, ['PRIVATE KEY']),
  rule('aws-access-key-id', `(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])`, ['AKIA', 'ASIA', 'ABIA', 'ACCA'], notPlaceholder),
  // A secret access key given right after its key id, as in `new Credentials("AKIA…", "…")`.
  rule(
    'aws-secret-key',
    `(?:AKIA|ASIA)[A-Z0-9]{16}["'\`]?[^"'\`\\r\\n]{0,40}["'\`](?<secret>[${B64}]{40})(?![${B64}])`,
    ['AKIA', 'ASIA'],
    looksRandom,
  ),
  rule(
    'gcp-service-account',
    `"private_key_id"\\s*:\\s*"(?<secret>[a-f0-9]{40})"`,
    ['private_key_id'],
  ),
  rule('google-api-key', `(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])`, ['AIza'], notPlaceholder),
  rule('azure-storage-key', `AccountKey=(?<secret>[${B64}]{86}==)`, ['AccountKey=']),
  rule('azure-shared-access-key', `SharedAccessKey=(?<secret>[${B64}]{43}=)`, ['SharedAccessKey=']),
  rule('azure-sas-signature', `[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,120}(?:%3D|=)?)`, ['sig='], looksRandom),
  rule('azure-client-secret', `(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`, ['Q~']),
  rule('github-token', `(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], notPlaceholder),
  rule('github-token', `(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])`, ['github_pat_']),
  rule('gitlab-token', `(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|ft|soat|cbt)-[A-Za-z0-9_-]{20,60}(?![A-Za-z0-9_-])`, ['gl'], notPlaceholder),
  rule('slack-token', `(?<![A-Za-z0-9])xox[abposre]-[0-9]{6,}-[A-Za-z0-9-]{10,}`, ['xox']),
  rule('slack-webhook', `hooks\\.slack\\.com/services/T[A-Z0-9]{8,}/B[A-Z0-9]{8,}/[A-Za-z0-9]{24}`, ['hooks.slack.com']),
  rule('stripe-key', `(?<![A-Za-z0-9])(?:sk|rk|whsec)_(?:live|test)_[0-9A-Za-z]{24,}`, ['k_live_', 'k_test_', 'whsec_'], notPlaceholder),
  rule('openai-key', `(?<![A-Za-z0-9_-])sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}`, ['sk-']),
  // Legacy OpenAI keys embed base64("OpenAI") between two random halves.
  rule('openai-key', `(?<![A-Za-z0-9_-])sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`, ['T3BlbkFJ']),
  rule('anthropic-key', `(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}`, ['sk-ant-']),
  rule('npm-token', `(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, ['npm_'], notPlaceholder),
  rule('pypi-token', `pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, ['pypi-AgEIcHlwaS5vcmc']),
  rule('huggingface-token', `(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,40}(?![A-Za-z0-9_])`, ['hf_'], notPlaceholder),
  rule('sendgrid-key', `SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}`, ['SG.']),
  // A signed JWT: a bearer credential wherever it appears.
  rule('jwt', `(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{20,}`, ['eyJ']),
  // `.npmrc`: `//registry.npmjs.org/:_authToken=…`, `_auth=`, `_password=`.
  rule('npmrc-credential', `(?:^[ \\t]*|:)_(?:authToken|auth|password)[ \\t]*=[ \\t]*["']?(?<secret>[^\\s"'$\\{]{8,})`, ['_auth', '_password'], looksLikePassword, 'm'),
  // `.netrc`: `machine host login user password …`, on one line or several.
  rule('netrc-password', `\\bmachine\\s+\\S{1,100}\\s+(?:login\\s+\\S{1,100}\\s+)?password\\s+(?<secret>[^\\s"'$]{3,200})`, ['machine']),
  // `scheme://user:password@host`, with a literal password (not `${PASS}` or `<password>`).
  rule(
    'connection-string-password',
    `://(?<=[a-zA-Z0-9]://)[^/\\s:@"'\`$<>{}]{1,100}:(?<secret>[^@\\s/"'\`$<>{}]{3,200})@[^\\s/"'\`]`,
    ['://'],
    value => !/^(?:password|passwd|pass|pwd|secret|\*+|x+)$/i.test(value),
  ),
  // `Server=…;User Id=…;Password=…;` (ADO.NET, JDBC and ODBC style).
  rule('connection-string-password', `(?:Password|Pwd)(?<=(?:^|[;"'])[ \\t]{0,4}(?:Password|Pwd))\\s*=\\s*(?<secret>[^;"'\\s$<>{}]{3,200})(?=;|["'\\s]|$)`, undefined, looksLikePassword, 'i'),
  rule('basic-auth', `\\bBasic[ \\t]{1,4}(?<secret>[${B64}]{16,}={0,2})(?![${B64}=])`, ['Basic'], looksRandom),
  rule('bearer-token', `\\bBearer[ \\t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{20,}={0,2})(?![A-Za-z0-9._~+/=-])`, ['Bearer'], looksRandom),
  // A literal assigned to a credential-looking name, in any language's syntax: `api_key = "…"`,
  // `"client_secret": "…"`, `const API_TOKEN: &str = r#"…"#`, `put("password", "…")`, `export TOKEN=…`.
  // Quoted values must look random (or, for passwords, like a password); an unquoted value only counts
  // at the end of a `NAME=value` line (dotenv, ini, yaml, shell), where it cannot be a variable.
  // The pattern starts at the credential word, not at the start of the name: a literal first keeps the
  // search fast; `assignedKind` looks back for the rest of the name.
  {
    kind: 'secret-assignment',
    pattern: new RegExp(
      `(?<name>${SECRET_NAME}${NAME_CHARS}{0,40})${ASSIGN}(?:(?<open>${OPEN})(?<secret>${VALUE})${CLOSE}|(?<bare>${VALUE})[ \\t]*(?=\\r?$))`,
      'gdim',
    ),
    accept: acceptAssignment,
    kindOf: assignedKind,
  },
];

/** An AWS secret access key is 40 base64 characters; a password is named so. */
function assignedKind(value: string, match: RegExpExecArray): string | undefined {
  const name = fullName(match).toLowerCase();
  if (/^[A-Za-z0-9+/]{40}$/.test(value) && /aws|secret_?access/.test(name)) return 'aws-secret-key';
  if (/passw|pwd/.test(name)) return 'password';
  return undefined;
}

/** Decides a `secret-assignment` match: the value's randomness, judged by how it was written. */
function acceptAssignment(value: string, match: RegExpExecArray): boolean {
  const groups = match.groups ?? {};
  const name = fullName(match).toLowerCase();
  const passwordLike = /passw|pwd/.test(name);
  // `put("api_key", "…")`: a comma makes an assignment only after a name that ends in the credential word,
  // not `pipeline('token-classification', 'Xenova/bert-base-NER')`.
  if (groups.op === ',' && !/(?:secret|token|passw(?:or)?d|pwd|key|credentials?)["']?$/.test(name)) return false;
  if (groups.bare !== undefined) {
    // A bare value is a literal only on a `NAME=value` line, not in code such as `token = nextToken`.
    if (!/^[ \t]*(?:export[ \t]+|set[ \t]+)?["']?[A-Za-z0-9_.-]+["']?[ \t]*[:=]/.test(lineAt(match.input, match.index))) return false;
    if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  }
  return passwordLike ? looksLikePassword(value) : looksRandom(value);
}

/** The whole name the credential word is part of (`AWS_SECRET_ACCESS_KEY` for a match at `SECRET`). */
function fullName(match: RegExpExecArray): string {
  const before = /[A-Za-z0-9_.-]{0,40}$/.exec(match.input.slice(Math.max(0, match.index - 40), match.index))![0];
  return before + (match.groups?.name ?? '');
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end);
}
