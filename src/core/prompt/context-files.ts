/** The cross-file context split back into the files it came from, for repository-level templates. */
export interface ContextFiles {
  /** Text before the first path header (normally empty). */
  readonly preamble: string;
  readonly files: readonly { readonly path: string; readonly text: string }[];
}

import { LANGUAGES } from '../languages';
import { escapeRegExp } from './escape-regexp';

/** Packing heads every block with `pathHeader` (pack/header.ts): the language's line comment, then `path: `. */
const PATH_HEADER = new RegExp(
  `^(?:${[...new Set(LANGUAGES.map(l => l.lineComment))].map(escapeRegExp).join('|')}) path: (.+)$`,
  'gm',
);

export function splitContextFiles(context: string): ContextFiles {
  const headers = [...context.matchAll(PATH_HEADER)];
  if (headers.length === 0) return { preamble: context, files: [] };
  const files = headers.map((header, i) => {
    const bodyStart = header.index + header[0].length + 1; // past the header's newline
    const bodyEnd = i + 1 < headers.length ? headers[i + 1].index : context.length;
    return { path: header[1].trim(), text: context.slice(bodyStart, bodyEnd).replace(/\n+$/, '') };
  });
  return { preamble: context.slice(0, headers[0].index), files };
}
