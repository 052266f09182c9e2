// Per-language reading of import statements. The tags query finds the statements (`@import`); what a
// query cannot express is how a statement's parts become a source and a list of imported names, so that
// lives here, one small reader per grammar. Conventions: see ImportRecord in ../types.ts.
import type { Node } from 'web-tree-sitter';
import type { ImportedName, LanguageId } from '../types';

/** An import as read from its statement; the extractor adds the range. */
export interface ImportParts {
  readonly source: string;
  readonly names: readonly ImportedName[];
  readonly reexport: boolean;
  /** The node whose range the record reports, when it is not the captured statement (e.g. a whole `const x = require()`). */
  readonly rangeNode?: Node;
}

/** Reads one captured `@import` node; a statement may import several modules (`import a, b` in Python). */
export type ImportReader = (node: Node) => readonly ImportParts[];

const NO_NAMES: readonly ImportedName[] = [];

function named(name: string, alias: string | undefined): ImportedName {
  return alias === undefined || alias === name ? { name } : { name, alias };
}

/** The text between a string literal's delimiters (`'x'`, `"x"`, `` `x` ``). */
function unquote(literal: string): string {
  return literal.slice(1, -1);
}

function single(source: string, names: readonly ImportedName[], reexport = false): readonly ImportParts[] {
  return [{ source, names, reexport }];
}

// ---------------------------------------------------------------------------------------------
// TypeScript / JavaScript

function ecmaSpecifiers(list: Node): ImportedName[] {
  const names: ImportedName[] = [];
  for (const spec of list.namedChildren) {
    const name = spec.childForFieldName('name');
    if (name) names.push(named(name.text, spec.childForFieldName('alias')?.text));
  }
  return names;
}

function ecmaImportStatement(node: Node): readonly ImportParts[] {
  const source = node.childForFieldName('source');
  const requireClause = node.namedChildren.find(c => c.type === 'import_require_clause');
  if (requireClause) {
    // TypeScript's `import fs = require('fs')`
    const local = requireClause.namedChildren.find(c => c.type === 'identifier');
    const requireSource = requireClause.childForFieldName('source');
    return requireSource ? single(unquote(requireSource.text), local ? [{ name: '*', alias: local.text }] : NO_NAMES) : [];
  }
  if (!source) return [];
  const names: ImportedName[] = [];
  const clause = node.namedChildren.find(c => c.type === 'import_clause');
  for (const part of clause?.namedChildren ?? []) {
    if (part.type === 'identifier') names.push({ name: 'default', alias: part.text });
    else if (part.type === 'namespace_import') names.push({ name: '*', alias: part.namedChildren[0]!.text });
    else if (part.type === 'named_imports') names.push(...ecmaSpecifiers(part));
  }
  return single(unquote(source.text), names);
}

function ecmaReexport(node: Node): readonly ImportParts[] {
  const source = node.childForFieldName('source');
  if (!source) return [];
  const names: ImportedName[] = [];
  for (const part of node.children) {
    if (part.type === '*') names.push({ name: '*' });
    else if (part.type === 'namespace_export') names.push({ name: '*', alias: unquoteIfString(part.namedChildren[0]!) });
    else if (part.type === 'export_clause') names.push(...ecmaSpecifiers(part));
  }
  return single(unquote(source.text), names, true);
}

function unquoteIfString(node: Node): string {
  return node.type === 'string' ? unquote(node.text) : node.text;
}

/** `require('x')` and `import('x')`: the names come from what the call is assigned to. */
function ecmaCall(node: Node): readonly ImportParts[] {
  const argument = node.childForFieldName('arguments')?.namedChildren[0];
  if (!argument) return [];
  const source = unquote(argument.text);
  if (node.childForFieldName('function')?.type === 'import') return single(source, NO_NAMES);
  const declarator = node.parent;
  if (declarator?.type !== 'variable_declarator' || declarator.childForFieldName('value')?.id !== node.id) {
    return single(source, NO_NAMES);
  }
  const target = declarator.childForFieldName('name')!;
  const rangeNode = declarator.parent ?? declarator;
  if (target.type === 'identifier') return [{ source, names: [{ name: '*', alias: target.text }], reexport: false, rangeNode }];
  if (target.type !== 'object_pattern') return [{ source, names: NO_NAMES, reexport: false, rangeNode }];
  const names: ImportedName[] = [];
  for (const prop of target.namedChildren) {
    if (prop.type === 'shorthand_property_identifier_pattern') names.push({ name: prop.text });
    else if (prop.type === 'pair_pattern') names.push(named(prop.childForFieldName('key')!.text, prop.childForFieldName('value')?.text));
  }
  return [{ source, names, reexport: false, rangeNode }];
}

const readEcma: ImportReader = node => {
  switch (node.type) {
    case 'import_statement': return ecmaImportStatement(node);
    case 'export_statement': return ecmaReexport(node);
    case 'call_expression': return ecmaCall(node);
    default: return [];
  }
};

// ---------------------------------------------------------------------------------------------
// Python

function pythonModuleImport(part: Node): ImportParts {
  if (part.type === 'aliased_import') {
    return { source: part.childForFieldName('name')!.text, names: [{ name: '*', alias: part.childForFieldName('alias')!.text }], reexport: false };
  }
  return { source: part.text, names: [{ name: '*', alias: part.text }], reexport: false };
}

const readPython: ImportReader = node => {
  if (node.type === 'import_statement') return node.childrenForFieldName('name').map(pythonModuleImport);
  const module = node.childForFieldName('module_name');
  if (!module) return [];
  const names: ImportedName[] = node.childrenForFieldName('name').map(part =>
    part.type === 'aliased_import'
      ? named(part.childForFieldName('name')!.text, part.childForFieldName('alias')!.text)
      : { name: part.text },
  );
  if (node.namedChildren.some(c => c.type === 'wildcard_import')) names.push({ name: '*' });
  return single(module.text, names);
};

// ---------------------------------------------------------------------------------------------
// The others: best effort.

const readGo: ImportReader = spec => {
  const pathNode = spec.childForFieldName('path');
  if (!pathNode) return [];
  const source = unquote(pathNode.text);
  const alias = spec.childForFieldName('name')?.text ?? source.slice(source.lastIndexOf('/') + 1);
  return single(source, [{ name: '*', alias }]);
};

const readJava: ImportReader = node => {
  const target = node.namedChildren.find(c => c.type === 'scoped_identifier' || c.type === 'identifier');
  if (!target) return [];
  if (node.namedChildren.some(c => c.type === 'asterisk')) return single(target.text, [{ name: '*' }]);
  const last = target.type === 'scoped_identifier' ? target.childForFieldName('name')!.text : target.text;
  return single(target.text, [{ name: last }]);
};

/** Rust `use` trees: `a::b::{c, d as e}`, `a::*`, `a::b as c`, nested lists flattened per path. */
function rustUseTree(tree: Node, prefix: string, out: ImportParts[]): void {
  const join = (path: string) => (prefix && path ? `${prefix}::${path}` : prefix || path);
  switch (tree.type) {
    case 'scoped_use_list': {
      const base = join(tree.childForFieldName('path')?.text ?? '');
      const names: ImportedName[] = [];
      for (const item of tree.childForFieldName('list')?.namedChildren ?? []) {
        if (item.type === 'identifier' || item.type === 'self') names.push({ name: item.text });
        else if (item.type === 'use_as_clause' && item.childForFieldName('path')?.type === 'identifier') {
          names.push(named(item.childForFieldName('path')!.text, item.childForFieldName('alias')?.text));
        } else rustUseTree(item, base, out);
      }
      if (names.length > 0) out.push({ source: base, names, reexport: false });
      return;
    }
    case 'use_wildcard':
      out.push({ source: join(tree.namedChildren[0]?.text ?? ''), names: [{ name: '*' }], reexport: false });
      return;
    case 'use_as_clause': {
      const path = tree.childForFieldName('path')!;
      const alias = tree.childForFieldName('alias')?.text;
      rustPath(path, prefix, alias, out);
      return;
    }
    case 'scoped_identifier':
    case 'identifier':
      rustPath(tree, prefix, undefined, out);
      return;
    default:
      return;
  }
}

function rustPath(path: Node, prefix: string, alias: string | undefined, out: ImportParts[]): void {
  const full = prefix ? `${prefix}::${path.text}` : path.text;
  const cut = full.lastIndexOf('::');
  out.push({ source: cut < 0 ? full : full.slice(0, cut), names: [named(full.slice(cut < 0 ? 0 : cut + 2), alias)], reexport: false });
}

const readRust: ImportReader = node => {
  const argument = node.childForFieldName('argument');
  if (!argument) return [];
  const out: ImportParts[] = [];
  rustUseTree(argument, '', out);
  // `pub use` makes the imported names part of this module's interface.
  const isPublic = node.namedChildren.some(c => c.type === 'visibility_modifier');
  return isPublic ? out.map(parts => ({ ...parts, reexport: true })) : out;
};

const readCsharp: ImportReader = node => {
  const alias = node.childForFieldName('name');
  const target = node.namedChildren.find(c => c.id !== alias?.id && (c.type === 'qualified_name' || c.type === 'identifier'));
  if (!target) return [];
  return single(target.text, [alias ? { name: '*', alias: alias.text } : { name: '*' }]);
};

const readCpp: ImportReader = node => {
  const pathNode = node.childForFieldName('path');
  if (!pathNode) return [];
  return single(pathNode.type === 'system_lib_string' ? pathNode.text : unquote(pathNode.text), NO_NAMES);
};

const readRuby: ImportReader = node => {
  const method = node.childForFieldName('method')?.text;
  const literal = node.childForFieldName('arguments')?.namedChildren[0];
  const content = literal?.namedChildren.find(c => c.type === 'string_content')?.text;
  if (content === undefined) return [];
  return single(method === 'require_relative' && !content.startsWith('.') ? `./${content}` : content, NO_NAMES);
};

const readPhp: ImportReader = node => {
  if (node.type !== 'namespace_use_declaration') {
    const literal = node.namedChildren.find(c => c.type === 'string' || c.type === 'encapsed_string');
    const content = literal?.namedChildren.find(c => c.type === 'string_content')?.text;
    return content === undefined ? [] : single(content, NO_NAMES);
  }
  const groupPrefix = node.namedChildren.find(c => c.type === 'namespace_name')?.text;
  const out: ImportParts[] = [];
  for (const clause of node.descendantsOfType('namespace_use_clause')) {
    if (!clause) continue;
    const target = clause.namedChildren.find(c => c.type === 'qualified_name' || c.type === 'name');
    if (!target) continue;
    const source = groupPrefix ? `${groupPrefix}\\${target.text}` : target.text;
    const alias = clause.childForFieldName('alias')?.text;
    out.push({ source, names: [named(source.slice(source.lastIndexOf('\\') + 1), alias)], reexport: false });
  }
  return out;
};

const readBash: ImportReader = node => {
  const argument = node.childForFieldName('argument');
  if (!argument) return [];
  const text = argument.text;
  return single(/^(['"]).*\1$/.test(text) ? unquote(text) : text, NO_NAMES);
};

export const IMPORT_READERS: Readonly<Record<LanguageId, ImportReader>> = {
  typescript: readEcma,
  tsx: readEcma,
  javascript: readEcma,
  python: readPython,
  go: readGo,
  java: readJava,
  rust: readRust,
  csharp: readCsharp,
  cpp: readCpp,
  ruby: readRuby,
  php: readPhp,
  bash: readBash,
};
