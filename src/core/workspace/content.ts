// Decides from a file's bytes whether it is text worth indexing. Called by the index worker on every
// file it reads, so it makes one cheap pass over a bounded prefix for binary detection, one native
// decode, and one linear secret scan.
import { findSecret } from './secrets';
import { decodeWindows1252 } from './windows-1252';

/** Like git, look for binary evidence in the first 8 KB only. */
export const BINARY_SNIFF_BYTES = 8192;
/** Above this share of control bytes in the sniffed prefix, a NUL-free file is still binary. */
export const MAX_CONTROL_BYTE_SHARE = 0.1;

export type ContentVerdict =
  | { kind: 'text'; text: string }
  | { kind: 'skip'; reason: 'binary' | 'secret-content'; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decides from a file's bytes: text (decoded) or skip as binary / secret-content. Non-UTF-8 text decodes
 * as windows-1252 instead of failing; UTF-16 with a byte order mark is decoded as such.
 */
export function classifyContent(relPath: string, bytes: Uint8Array): ContentVerdict {
  const utf16 = utf16Encoding(bytes);
  const binary = utf16 ? undefined : binaryEvidence(bytes);
  if (binary) return { kind: 'skip', reason: 'binary', detail: `${relPath}: ${binary}` };
  const text = utf16 ? new TextDecoder(utf16).decode(bytes) : decodeSingleByteOrUtf8(bytes);
  const secret = findSecret(text);
  if (secret) {
    return {
      kind: 'skip',
      reason: 'secret-content',
      detail: `${relPath}: ${secret.kind} on line ${secret.line}; the file is never indexed or sent to a model. Move the secret out of the workspace (or into an ignored .env file).`,
    };
  }
  return { kind: 'text', text };
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
