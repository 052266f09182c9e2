// Words a language reserves, which never name a binding. The cursor stage reads identifiers off a buffer
// the user is typing in, where a cut line leaves keywords in tree-sitter's error nodes (`const` of `const
// x = |`, `if`, `return`, `typeof`): asking the server their definition and type asks it for nothing.
import type { LanguageId } from '../types';

// ECMAScript's reserved words in strict mode (TypeScript and JavaScript modules are strict), but `this` and
// `super`: they are the objects before a `.`, whose types are what a member hole needs.
const ECMASCRIPT = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'switch',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private',
  'protected', 'public', 'static', 'yield', 'await',
];

const PYTHON = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
];

const RESERVED: Partial<Record<LanguageId, ReadonlySet<string>>> = {
  typescript: new Set(ECMASCRIPT),
  tsx: new Set(ECMASCRIPT),
  javascript: new Set(ECMASCRIPT),
  python: new Set(PYTHON),
};

/** Whether `name` is reserved in `language` (false for a language this does not know). */
export function isReservedWord(name: string, language: LanguageId | undefined): boolean {
  return language !== undefined && (RESERVED[language]?.has(name) ?? false);
}
