import { languageInfo } from '../languages';
import type { LanguageId } from '../types';

/** `// path: src/a.ts` or `# path: pkg/b.py`: how every block, and the current file, is introduced. */
export function pathHeader(path: string, language: LanguageId): string {
  return `${languageInfo(language).lineComment} path: ${path}`;
}

/** The line that stands for hidden lines, indented like the code it replaces. */
export function elisionMarker(language: LanguageId, indentation: string): string {
  return `${indentation}${languageInfo(language).lineComment} …`;
}
