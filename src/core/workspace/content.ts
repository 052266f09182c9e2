// Decides from a file's bytes whether it is text worth indexing, and redacts its secrets. Called by the
// index worker on every file it reads, so it makes one cheap pass over a bounded prefix for binary
// detection, one native decode, one pass over line lengths and one linear secret scan.
import type { SecretFinding } from '../types';
import { redactSecrets } from './secrets';
import { decodeWindows1252 } from './windows-1252';

/** Like git, look for binary evidence in the first 8 KB only. */
export const BINARY_SNIFF_BYTES = 8192;
/** Above this share of control bytes in the sniffed prefix, a NUL-free file is still binary. */
export const MAX_CONTROL_BYTE_SHARE = 0.1;

/**
 * Minified or bundled code: lines this long are not written by people, and parsing them costs far more
 * than they give as context (a 5 MB one-line bundle took 11 s and 1.4 GB). Above either limit a file is
 * skipped as 'generated'.
 */
export const MINIFIED_LIMITS = {
  /** Any single line longer than this. */
  maxLineChars: 20_000,
  /** Or, in a file of at least `minBytesForAverage`, more characters per line than this on average. */
  maxAverageLineChars: 300,
  minBytesForAverage: 4096,
} as const;

export type ContentVerdict =
  | { kind: 'text'; text: string; redactions: readonly SecretFinding[] }
  | { kind: 'skip'; reason: 'binary' | 'generated'; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decides from a file's bytes: text (decoded, its secrets redacted, with what was redacted) or skip as
 * binary / minified. Non-UTF-8 text decodes as windows-1252 instead of failing; UTF-16 with a byte order
 * mark is decoded as such.
 */
export function classifyContent(relPath: string, bytes: Uint8Array): ContentVerdict {
  const utf16 = utf16Encoding(bytes);
  const binary = utf16 ? undefined : binaryEvidence(bytes);
  if (binary) return { kind: 'skip', reason: 'binary', detail: `${relPath}: ${binary}` };
  const decoded = utf16 ? new TextDecoder(utf16).decode(bytes) : decodeSingleByteOrUtf8(bytes);
  const minified = minifiedEvidence(decoded);
  if (minified) {
    return {
      kind: 'skip',
      reason: 'generated',
      detail: `${relPath}: ${minified}, so it looks minified or bundled; index its sources instead (or split the long lines to index it).`,
    };
  }
  const { text, findings } = redactSecrets(decoded);
  return { kind: 'text', text, redactions: findings };
}

/** Why the text looks minified, or undefined. One pass over the line breaks, no copies. */
function minifiedEvidence(text: string): string | undefined {
  let longest = 0;
  let lines = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); ; at = text.indexOf('\n', start)) {
    const end = at === -1 ? text.length : at;
    longest = Math.max(longest, end - start);
    if (longest > MINIFIED_LIMITS.maxLineChars) return `line ${lines} is over ${MINIFIED_LIMITS.maxLineChars} characters long`;
    if (at === -1) break;
    lines++;
    start = at + 1;
  }
  const average = text.length / lines;
  if (text.length >= MINIFIED_LIMITS.minBytesForAverage && average > MINIFIED_LIMITS.maxAverageLineChars) {
    return `its lines average ${Math.round(average)} characters`;
  }
  return undefined;
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Why the bytes look binary, or undefined when they look like text. */
function binaryEvidence(bytes: Uint8Array): string | undefined {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let controlBytes = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0) return `NUL byte at offset ${i}`;
    if (isUnexpectedControlByte(byte)) controlBytes++;
  }
  if (end > 0 && controlBytes / end > MAX_CONTROL_BYTE_SHARE) {
    return `${Math.round((100 * controlBytes) / end)}% control bytes in the first ${end} bytes`;
  }
  return undefined;
}

/** Control bytes that text files do not contain; tab, line breaks, form feed and ESC (ANSI colours) are fine. */
function isUnexpectedControlByte(byte: number): boolean {
  if (byte === 0x7f) return true;
  if (byte >= 0x20) return false;
  return byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b && byte !== 0x08;
}

/** Invalid UTF-8 is legacy 8-bit text: read it as windows-1252, which maps every byte, as editors do. */
function decodeSingleByteOrUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
