// A corpus of fake secrets in every quoting style of the 12 languages, generated at run time: no value in
// the repository looks like a credential (each is assembled from pieces and a seeded generator), so push
// protection and scanners never flag it. Shared by the secret tests and bench/secrets-bench.ts.
import * as crypto from 'node:crypto';
import type { LanguageId } from '../../src/core/types';

export interface PlantedSecret {
  /** What the scanner should call it (for the report; the tests only require that it is redacted). */
  readonly kind: string;
  /** How it was written, e.g. `python triple-quoted`. */
  readonly style: string;
  /** Substrings of the secret that must never reach a prompt (its random parts). */
  readonly cores: readonly string[];
}

export interface CorpusFile {
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
  readonly secrets: readonly PlantedSecret[];
  /** Ordinary code in the same file that must still reach the prompt. */
  readonly keep: readonly string[];
}

/** Deterministic pseudo-random strings: a test must fail the same way every time. */
export class FakeSecrets {
  private state: number;
  constructor(seed: number) {
    this.state = seed;
  }
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) {
      this.state = (this.state * 1103515245 + 12345) % 2147483648;
      out += alphabet[Math.floor(this.state / 65536) % alphabet.length];
    }
    return out;
  }
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

interface Secret {
  readonly kind: string;
  /** The value as a string literal's content. */
  readonly value: string;
  /** A name to assign it to (credential-looking where only the name tells). */
  readonly name: string;
  readonly cores: readonly string[];
}

/** One of each kind the issue lists, with fresh random parts. */
function secrets(fake: FakeSecrets): Secret[] {
  const one = (kind: string, name: string, prefix: string, core: string, suffix = ''): Secret => ({ kind, name, value: prefix + core + suffix, cores: [core] });
  const keyId = 'AK' + 'IA' + fake.chars(UPPER_DIGITS, 16);
  const jwt = ['ey' + 'J' + fake.chars(ALNUM, 24), 'ey' + 'J' + fake.chars(ALNUM, 40), fake.chars(ALNUM + '_-', 43)];
  return [
    { kind: 'aws-access-key-id', name: 'awsAccessKeyId', value: keyId, cores: [keyId.slice(4)] },
    one('aws-secret-key', 'aws_secret_access_key', '', fake.chars(BASE64, 40)),
    one('aws-secret-key', 'AWS_SECRET', '', fake.chars(BASE64, 40)),
    one('github-token', 'value1', 'gh' + 'p_', fake.chars(ALNUM, 36)),
    one('github-token', 'value2', 'github' + '_pat_', `${fake.chars(ALNUM, 22)}_${fake.chars(ALNUM, 59)}`),
    one('gitlab-token', 'value3', 'gl' + 'pat-', fake.chars(ALNUM, 20)),
    one('slack-token', 'value4', 'xo' + 'xb-', `${fake.chars('0123456789', 12)}-${fake.chars(ALNUM, 24)}`),
    one('stripe-key', 'value5', 's' + 'k_live_', fake.chars(ALNUM, 24)),
    one('openai-key', 'value6', 's' + 'k-proj-', fake.chars(ALNUM, 48)),
    one('google-api-key', 'value7', 'AI' + 'za', fake.chars(ALNUM, 35)),
    { kind: 'jwt', name: 'value8', value: jwt.join('.'), cores: jwt.map(part => part.slice(3)) },
    one('connection-string-password', 'databaseUrl', 'postgres://app:', fake.chars(ALNUM, 14), '@db.internal:5432/app'),
    one('azure-storage-key', 'storage', `DefaultEndpointsProtocol=https;AccountName=acct;Account${'Key'}=`, fake.chars(BASE64, 86) + '==', ';EndpointSuffix=core.windows.net'),
    one('secret-assignment', 'api_key', '', fake.chars(ALNUM, 32)),
    one('secret-assignment', 'clientSecret', '', fake.chars(ALNUM + '-_', 28)),
    one('secret-assignment', 'SESSION_TOKEN', '', fake.chars(HEX, 40)),
    one('password', 'db_password', '', `${fake.chars(ALNUM, 10)}!7`),
  ];
}

/** A fresh PEM private key (a real key, generated now and never used). */
function pemKey(): { pem: string; lines: string[] } {
  const pem = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem, lines: pem.trim().split('\n') };
}

/** Body lines of a PEM: what must not leak (the header and footer are not secret). */
const pemCores = (lines: readonly string[]) => lines.slice(1, -1).map(line => line.slice(0, 40));

interface LanguageStyle {
  readonly language: LanguageId;
  readonly extension: string;
  /** Quoting styles for one-line values: name -> literal. */
  readonly literals: Readonly<Record<string, (value: string) => string>>;
  readonly assign: (name: string, literal: string) => string;
  /** A private key written as this language writes multi-line text: name -> source. */
  readonly keyStyles: Readonly<Record<string, (name: string, key: { pem: string; lines: string[] }) => string>>;
  readonly keep: (id: string) => string;
}

const escaped = (pem: string) => pem.replace(/\n/g, '\\n');
const arrayOf = (lines: readonly string[], open: string, close: string, quote = '"') => `${open}\n${lines.map(l => `    ${quote}${l}${quote}`).join(',\n')}\n${close}`;

const STYLES: readonly LanguageStyle[] = [
  {
    language: 'typescript', extension: 'ts',
    literals: { single: v => `'${v}'`, double: v => `"${v}"`, template: v => `\`${v}\`` },
    assign: (n, l) => `export const ${n} = ${l};`,
    keyStyles: {
      'escaped in a string': (n, k) => `export const ${n} = "${escaped(k.pem)}";`,
      'service-account JSON': (n, k) => `export const ${n} = {\n  "type": "service_account",\n  "private_key_id": "${new FakeSecrets(7).chars(HEX, 40)}",\n  "private_key": "${escaped(k.pem)}",\n  "client_email": "svc@project.iam.gserviceaccount.com"\n};`,
      'template literal': (n, k) => `export const ${n} = \`${k.pem}\`;`,
      'array of lines': (n, k) => `export const ${n} = ${arrayOf(k.lines, '[', '].join("\\n");')}`,
    },
    keep: id => `export function keep_${id}(count: number): number {\n  return count * 2;\n}`,
  },
  {
    language: 'javascript', extension: 'js',
    literals: { single: v => `'${v}'`, double: v => `"${v}"`, template: v => `\`${v}\`` },
    assign: (n, l) => `const ${n} = ${l};`,
    keyStyles: {
      'concatenated lines': (n, k) => `const ${n} =\n${k.lines.map(l => `  "${l}\\n"`).join(' +\n')};`,
    },
    keep: id => `function keep_${id}(count) {\n  return count * 2;\n}`,
  },
  {
    language: 'python', extension: 'py',
    literals: { single: v => `'${v}'`, double: v => `"${v}"`, triple: v => `"""${v}"""`, raw: v => `r"${v}"`, fstring: v => `f'${v}'` },
    assign: (n, l) => `${n} = ${l}`,
    keyStyles: {
      'indented in a triple-quoted string': (n, k) => `class Config:\n    ${n} = """\n${k.lines.map(l => `        ${l}`).join('\n')}\n    """`,
      'dict with escaped newlines': (n, k) => `${n} = {"private_key": "${escaped(k.pem)}", "type": "service_account"}`,
    },
    keep: id => `def keep_${id}(count):\n    return count * 2`,
  },
  {
    language: 'go', extension: 'go',
    literals: { double: v => `"${v}"`, raw: v => `\`${v}\`` },
    assign: (n, l) => `var ${n} = ${l}`,
    keyStyles: { 'raw string': (n, k) => `const ${n} = \`${k.pem}\`` },
    keep: id => `func keep_${id}(count int) int {\n\treturn count * 2\n}`,
  },
  {
    language: 'java', extension: 'java',
    literals: { double: v => `"${v}"`, 'text block': v => `"""\n        ${v}"""` },
    assign: (n, l) => `  static final String ${n} = ${l};`,
    keyStyles: { 'text block': (n, k) => `  static final String ${n} = """\n${k.lines.map(l => `      ${l}`).join('\n')}\n      """;` },
    keep: id => `  static int keep_${id}(int count) {\n    return count * 2;\n  }`,
  },
  {
    language: 'rust', extension: 'rs',
    literals: { double: v => `"${v}"`, raw: v => `r#"${v}"#` },
    assign: (n, l) => `pub const ${n.toUpperCase()}: &str = ${l};`,
    keyStyles: { 'raw string': (n, k) => `pub const ${n.toUpperCase()}: &str = r#"${k.pem}"#;` },
    keep: id => `pub fn keep_${id}(count: i32) -> i32 {\n    count * 2\n}`,
  },
  {
    language: 'csharp', extension: 'cs',
    literals: { double: v => `"${v}"`, verbatim: v => `@"${v}"`, interpolated: v => `$"${v}"`, raw: v => `"""${v}"""` },
    assign: (n, l) => `  public const string ${n} = ${l};`,
    keyStyles: { verbatim: (n, k) => `  public const string ${n} = @"${k.pem}";` },
    keep: id => `  public static int keep_${id}(int count) {\n    return count * 2;\n  }`,
  },
  {
    language: 'cpp', extension: 'cpp',
    literals: { double: v => `"${v}"`, raw: v => `R"(${v})"`, wide: v => `L"${v}"` },
    assign: (n, l) => `const auto ${n} = ${l};`,
    keyStyles: { 'raw string': (n, k) => `const char* ${n} = R"(${k.pem})";`, 'adjacent literals': (n, k) => `const char* ${n} =\n${k.lines.map(l => `    "${l}\\n"`).join('\n')};` },
    keep: id => `int keep_${id}(int count) {\n  return count * 2;\n}`,
  },
  {
    language: 'cpp', extension: 'c',
    literals: { double: v => `"${v}"` },
    assign: (n, l) => `static const char ${n}[] = ${l};`,
    keyStyles: { 'array of lines': (n, k) => `static const char *${n}[] = ${arrayOf(k.lines, '{', '};')}` },
    keep: id => `int keep_${id}(int count) {\n  return count * 2;\n}`,
  },
  {
    language: 'ruby', extension: 'rb',
    literals: { single: v => `'${v}'`, double: v => `"${v}"`, percent: v => `%q(${v})` },
    assign: (n, l) => `${n.toUpperCase()} = ${l}`,
    keyStyles: { heredoc: (n, k) => `${n.toUpperCase()} = <<~KEY\n${k.lines.map(l => `  ${l}`).join('\n')}\nKEY` },
    keep: id => `def keep_${id}(count)\n  count * 2\nend`,
  },
  {
    language: 'php', extension: 'php',
    literals: { single: v => `'${v}'`, double: v => `"${v}"` },
    assign: (n, l) => `$${n} = ${l};`,
    keyStyles: { heredoc: (n, k) => `$${n} = <<<KEY\n${k.pem}KEY;`, 'array entry': (n, k) => `$config = ['${n}' => "${escaped(k.pem)}"];` },
    keep: id => `function keep_${id}($count) {\n  return $count * 2;\n}`,
  },
  {
    language: 'bash', extension: 'sh',
    literals: { single: v => `'${v}'`, double: v => `"${v}"`, bare: v => v },
    assign: (n, l) => `export ${n.toUpperCase()}=${l}`,
    keyStyles: { heredoc: (n, k) => `cat > "$HOME/${n}.pem" <<'EOF'\n${k.pem}EOF` },
    keep: id => `keep_${id}() {\n  echo $(( $1 * 2 ))\n}`,
  },
];

/** Credential files written from a shell script or kept in a test: `.npmrc`, `.pypirc`, `.netrc`. */
function credentialFiles(fake: FakeSecrets): CorpusFile {
  const npm = 'npm_' + fake.chars(ALNUM, 36);
  const npmAuth = fake.chars(BASE64, 28);
  const pypi = 'pypi-AgEIcHlwaS5vcmc' + fake.chars(ALNUM + '_-', 60);
  const pypiPassword = fake.chars(ALNUM, 12) + '#5';
  const netrc = fake.chars(ALNUM, 16);
  const netrcMultiline = fake.chars(ALNUM, 16);
  const text = [
    '#!/bin/sh',
    `cat > ~/.npmrc <<'EOF'`,
    `//registry.npmjs.org/:_authToken=${npm}`,
    `//npm.internal/:_auth=${npmAuth}`,
    'EOF',
    `cat > ~/.pypirc <<'EOF'`,
    '[pypi]',
    'username = __token__',
    `password = ${pypi}`,
    '[internal]',
    'username = builder',
    `password = ${pypiPassword}`,
    'EOF',
    `echo "machine api.example.org login deploy password ${netrc}" > ~/.netrc`,
    `cat >> ~/.netrc <<'EOF'`,
    'machine git.example.org',
    '  login deploy',
    `  password ${netrcMultiline}`,
    'EOF',
    'keep_credentials() {',
    '  echo done',
    '}',
    '',
  ].join('\n');
  return {
    path: 'scripts/credentials.sh',
    language: 'bash',
    text,
    secrets: [
      { kind: 'npm-token', style: '.npmrc _authToken', cores: [npm.slice(4)] },
      { kind: 'npmrc-credential', style: '.npmrc _auth', cores: [npmAuth] },
      { kind: 'pypi-token', style: '.pypirc token', cores: [pypi.slice(24)] },
      { kind: 'password', style: '.pypirc password', cores: [pypiPassword] },
      { kind: 'netrc-password', style: '.netrc one line', cores: [netrc] },
      { kind: 'netrc-password', style: '.netrc lines', cores: [netrcMultiline] },
    ],
    keep: ['keep_credentials() {'],
  };
}

/** Every language's file: each secret in each quoting style, keys in the language's multi-line styles, ordinary code between. */
export function secretCorpus(seed = 1): CorpusFile[] {
  const fake = new FakeSecrets(seed);
  const files: CorpusFile[] = STYLES.map(style => {
    const lines: string[] = [];
    const planted: PlantedSecret[] = [];
    const keep: string[] = [];
    const keepCode = (id: string) => {
      const code = style.keep(`${style.extension}_${id}`);
      lines.push(code, '');
      keep.push(code.split('\n')[0]);
    };
    if (style.language === 'java') lines.push('public class Settings {');
    if (style.language === 'csharp') lines.push('public static class Settings {');
    if (style.language === 'php') lines.push('<?php');
    keepCode('first');
    for (const [quoting, literal] of Object.entries(style.literals)) {
      for (const secret of secrets(fake)) {
        lines.push(style.assign(`${secret.name}_${quoting.replace(/\W/g, '_')}`, literal(secret.value)));
        planted.push({ kind: secret.kind, style: `${style.language} ${quoting}`, cores: secret.cores });
      }
      keepCode(quoting.replace(/\W/g, '_'));
    }
    for (const [shape, write] of Object.entries(style.keyStyles)) {
      const key = pemKey();
      lines.push(write(`signingKey_${shape.replace(/\W/g, '_')}`, key));
      planted.push({ kind: 'private-key', style: `${style.language} key ${shape}`, cores: pemCores(key.lines) });
      keepCode(`after_${shape.replace(/\W/g, '_')}`);
    }
    if (style.language === 'java' || style.language === 'csharp') lines.push('}');
    return { path: `src/settings_${style.extension}.${style.extension}`, language: style.language, text: lines.join('\n') + '\n', secrets: planted, keep };
  });
  return [...files, credentialFiles(fake)];
}
