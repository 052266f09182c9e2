import type { LanguageId } from './types';

/** Everything the engine knows about a language, in one row. */
export interface LanguageInfo {
  readonly id: LanguageId;
  /** File name of the grammar in @vscode/tree-sitter-wasm's wasm/ folder. */
  readonly grammar: string;
  readonly extensions: readonly string[];
  /** Prefix of a line comment, used to head context blocks with their path. */
  readonly lineComment: string;
  /** VS Code language identifiers that map to this language. */
  readonly vscodeIds: readonly string[];
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { id: 'typescript', grammar: 'tree-sitter-typescript.wasm', extensions: ['.ts', '.mts', '.cts'], lineComment: '//', vscodeIds: ['typescript'] },
  { id: 'tsx', grammar: 'tree-sitter-tsx.wasm', extensions: ['.tsx'], lineComment: '//', vscodeIds: ['typescriptreact'] },
  { id: 'javascript', grammar: 'tree-sitter-javascript.wasm', extensions: ['.js', '.mjs', '.cjs', '.jsx'], lineComment: '//', vscodeIds: ['javascript', 'javascriptreact'] },
  { id: 'python', grammar: 'tree-sitter-python.wasm', extensions: ['.py', '.pyi'], lineComment: '#', vscodeIds: ['python'] },
  { id: 'go', grammar: 'tree-sitter-go.wasm', extensions: ['.go'], lineComment: '//', vscodeIds: ['go'] },
  { id: 'java', grammar: 'tree-sitter-java.wasm', extensions: ['.java'], lineComment: '//', vscodeIds: ['java'] },
  { id: 'rust', grammar: 'tree-sitter-rust.wasm', extensions: ['.rs'], lineComment: '//', vscodeIds: ['rust'] },
  { id: 'csharp', grammar: 'tree-sitter-c-sharp.wasm', extensions: ['.cs'], lineComment: '//', vscodeIds: ['csharp'] },
  { id: 'cpp', grammar: 'tree-sitter-cpp.wasm', extensions: ['.cpp', '.cc', '.cxx', '.hpp', '.hh', '.hxx', '.h', '.c'], lineComment: '//', vscodeIds: ['cpp', 'c'] },
  { id: 'ruby', grammar: 'tree-sitter-ruby.wasm', extensions: ['.rb'], lineComment: '#', vscodeIds: ['ruby'] },
  { id: 'php', grammar: 'tree-sitter-php.wasm', extensions: ['.php'], lineComment: '//', vscodeIds: ['php'] },
  { id: 'bash', grammar: 'tree-sitter-bash.wasm', extensions: ['.sh', '.bash'], lineComment: '#', vscodeIds: ['shellscript'] },
];

const byExtension = new Map<string, LanguageInfo>(LANGUAGES.flatMap(l => l.extensions.map(e => [e, l] as const)));
const byId = new Map<LanguageId, LanguageInfo>(LANGUAGES.map(l => [l.id, l]));

/** The language of a path by its extension; `.d.ts` files are TypeScript. Undefined when unsupported. */
export function languageForPath(path: string): LanguageId | undefined {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return undefined; // no extension, or a dotfile like `.bashrc`
  return byExtension.get(path.slice(dot).toLowerCase())?.id;
}

export function languageInfo(id: LanguageId): LanguageInfo {
  const info = byId.get(id);
  if (!info) throw new Error(`Unknown language '${id}'`);
  return info;
}

/** Maps a VS Code language identifier (`typescriptreact`) to ours (`tsx`). */
export function languageForVscodeId(vscodeId: string): LanguageId | undefined {
  return LANGUAGES.find(l => l.vscodeIds.includes(vscodeId))?.id;
}
