import { languageInfo } from '../languages';
import type { LanguageId } from '../types';

/**
 * Which characters of one line are code rather than a string literal or a comment. The line being typed is
 * read as text (its parse is often an ERROR node), and without this the words of a message or a comment
 * (`'expected a file'`) would be taken for names the cursor uses and pull in whatever defines `a` or `file`.
 * Interpolations in template literals (`${name}`) are code. A string or block comment opened on an earlier
 * line is not seen: the parser's references cover those lines, and this reads the one line alone.
 */
export function codeColumns(line: string, language: LanguageId): (character: number) => boolean {
  const lineComment = languageInfo(language).lineComment;
  const blockComments = lineComment === '//';
  // Rust's `'` also opens lifetimes (`&'a str`), which never close: only its double quotes delimit strings.
  const quotes = language === 'rust' ? '"' : '"\'`';
  const code = new Array<boolean>(line.length).fill(true);
  const notCode = (from: number, to: number) => code.fill(false, from, to);
  // Open quotes, innermost last; '{' is an open brace inside a `${...}` interpolation.
  const open: string[] = [];
  let i = 0;
  while (i < line.length) {
    const inside = open.at(-1);
    const c = line[i];
    if (inside === undefined || inside === '{') {
      if (line.startsWith(lineComment, i)) {
        notCode(i, line.length);
        break;
      }
      if (blockComments && line.startsWith('/*', i)) {
        const end = line.indexOf('*/', i + 2);
        const after = end < 0 ? line.length : end + 2;
        notCode(i, after);
        i = after;
        continue;
      }
      if (quotes.includes(c)) {
        open.push(c);
        notCode(i, i + 1);
      } else if (inside === '{' && c === '{') {
        open.push('{');
      } else if (inside === '{' && c === '}') {
        open.pop();
        if (open.at(-1) === '`') notCode(i, i + 1);
      }
      i++;
      continue;
    }
    if (c === '\\') {
      notCode(i, i + 2);
      i += 2;
    } else if (inside === '`' && line.startsWith('${', i)) {
      notCode(i, i + 2);
      open.push('{');
      i += 2;
    } else {
      notCode(i, i + 1);
      if (c === inside) open.pop();
      i++;
    }
  }
  return character => code[character] ?? true;
}
