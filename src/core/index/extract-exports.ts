// Per-language rules for whether a definition is visible outside its file, by how it is declared.
// Export lists (`export { a }`, `module.exports = { a }`, Python's `__all__`) are found by the query
// (`@export.name` / `@export.local`) and handed in as `listed`.
import type { Node } from 'web-tree-sitter';
import type { LanguageId } from '../types';

export interface ExportQuestion {
  /** The captured declaration node. */
  readonly node: Node;
  readonly name: string;
  /**
   * Outside any definition, or (where namespaces only organise names, see NAMESPACES_ARE_TRANSPARENT)
   * inside namespaces/modules only.
   */
  readonly topLevel: boolean;
  /** Local names the file's export lists name. */
  readonly listed: ReadonlySet<string>;
}

/**
 * The name a definition is exported as (`default` for a default export), or undefined when it is not
 * exported by its declaration itself. Listed names are handled by the caller for every language.
 */
export type ExportRule = (q: ExportQuestion) => string | undefined;

/** TS/JS: `export function f`, `export const x`, `export default class A`. */
const ecmaExport: ExportRule = ({ node, name }) => {
  const parent = node.parent;
  if (parent?.type !== 'export_statement') return undefined;
  return parent.children.some(c => c.type === 'default') ? 'default' : name;
};

/** Python: public module-level names, or exactly those in `__all__` when the module declares it. */
const pythonExport: ExportRule = ({ name, topLevel, listed }) => {
  if (!topLevel) return undefined;
  if (listed.size > 0) return listed.has(name) ? name : undefined;
  return name.startsWith('_') ? undefined : name;
};

const capitalisedExport: ExportRule = ({ name }) => (/^\p{Lu}/u.test(name) ? name : undefined);

/** The modifier node types that hold `public`/`pub` in the grammars that use them. */
const MODIFIER_TYPES = new Set(['modifiers', 'modifier', 'visibility_modifier']);

function modifierExport(keyword: RegExp): ExportRule {
  return ({ node, name }) => {
    for (let i = 0; i < node.namedChildCount; i++) {
      const child = node.namedChild(i)!;
      if (MODIFIER_TYPES.has(child.type) && keyword.test(child.text)) return name;
    }
    return undefined;
  };
}

const topLevelExport: ExportRule = ({ name, topLevel }) => (topLevel ? name : undefined);

export const EXPORT_RULES: Readonly<Record<LanguageId, ExportRule>> = {
  typescript: ecmaExport,
  tsx: ecmaExport,
  javascript: ecmaExport,
  python: pythonExport,
  go: capitalisedExport,
  java: modifierExport(/\bpublic\b/),
  csharp: modifierExport(/\bpublic\b/),
  rust: modifierExport(/^pub\b/),
  cpp: topLevelExport,
  ruby: topLevelExport,
  php: topLevelExport,
  bash: topLevelExport,
};

/**
 * Whether a definition inside a namespace/module still counts as top level for exports. In TS/JS a
 * namespace member is reached through the namespace (`N.f`), so it is not a file export; in the other
 * languages namespaces, packages and modules are how every public name is organised.
 */
export const NAMESPACES_ARE_TRANSPARENT: Readonly<Record<LanguageId, boolean>> = {
  typescript: false,
  tsx: false,
  javascript: false,
  python: true,
  go: true,
  java: true,
  csharp: true,
  rust: true,
  cpp: true,
  ruby: true,
  php: true,
  bash: true,
};
