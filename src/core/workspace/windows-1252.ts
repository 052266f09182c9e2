// Windows-1252 decoding. Node's TextDecoder accepts the 'windows-1252' label but decodes it as
// ISO-8859-1, which turns 0x80-0x9F into invisible control characters instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
// ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ. This maps those 32 bytes as the WHATWG Encoding Standard does (the five
// unassigned ones keep their code point).

const HIGH_CONTROL_RANGE = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
  '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
  '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
];

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, c => HIGH_CONTROL_RANGE[c.charCodeAt(0) - 0x80]);
}
