// Tree-sitter symbol extraction for one file: definitions, references, imports and exports, driven by
// one query per language (syntaxes/<language>/tags.scm) and run once per file.
//
// Capture-name convention of the tags queries:
//   @definition.<kind>   the whole declaration (kind: function class interface type enum method property
//                        variable module). Its match must also capture:
//   @name                  the defining identifier (never reported as a reference);
//   @body                  optional: the body; the signature ends just before it (trailing space trimmed).
//                          For kinds `variable` and `type` the cut happens only when the body spans
//                          several lines (`const config = { …big… }`), so one-liners stay whole;
//   @container             optional: the owner's name when it is not the enclosing definition (Go receiver
//                          type, Rust `impl` type).
//   @reference.<kind>    an identifier used (kind: call type member identifier).
//   @import              an import statement/call, read by the language's reader in extract-imports.ts.
//   @export.name         a name this file exports through a list (`export { a }`, `__all__`,
//                        `module.exports = { a }`); a top-level definition of that name is exported.
//   @export.local        a local name exported under another name (`export { a as b }`): marks `a` only.
//   @_anything           helper captures for predicates; ignored.
// When several patterns define the same name node, the pattern that comes first in the query wins:
// specific patterns (`const f = () => {}` as a function) go before general ones (any `const`). When
// several capture the same identifier as a reference, the most specific kind wins (call > type > member >
// identifier), so `(identifier) @reference.identifier` can serve as the catch-all.
// Variables declared inside a function or method are locals, not definitions; they are dropped.
import { Parser } from 'web-tree-sitter';
import type { Edit, Node, Query, QueryMatch, Tree } from 'web-tree-sitter';
import { assetPaths, type AssetPaths } from '../assets';
import { comparePositions, positionOfPoint } from '../positions';
import type {
  Definition,
  DefinitionKind,
  FileSymbols,
  ImportRecord,
  LanguageId,
  Position,
  Range,
  Reference,
  ReferenceKind,
} from '../types';
import type { EditedBuffer } from './edited-buffer';
import { editedRegion, listedAround, matchWithin, sameListedNames, spliceParts } from './edited-extraction';
import { EXPORT_RULES, NAMESPACES_ARE_TRANSPARENT, type ExportRule } from './extract-exports';
import { IMPORT_READERS, type ImportReader } from './extract-imports';
import { assemble, type ExtractedDefinition, type ExtractedParts, type Extraction, type ListedName } from './extraction';
import { errorText, initRuntime, loadGrammar, type LoadedGrammar } from './grammars';

const DEFINITION_KINDS: readonly DefinitionKind[] = ['function', 'class', 'interface', 'type', 'enum', 'method', 'property', 'variable', 'module'];
const REFERENCE_KINDS: readonly ReferenceKind[] = ['call', 'type', 'member', 'identifier'];

/** Among references to the same identifier from different patterns this one is the most specific. */
const REFERENCE_PRIORITY: Readonly<Record<ReferenceKind, number>> = { call: 0, type: 1, member: 2, identifier: 3 };

/** Kinds whose body is cut from the signature only when it spans several lines. */
const CUT_ONLY_MULTILINE_BODY: ReadonlySet<DefinitionKind> = new Set<DefinitionKind>(['variable', 'type']);

/** Kinds that make a nested `variable` a local. */
const FUNCTION_KINDS: ReadonlySet<DefinitionKind> = new Set<DefinitionKind>(['function', 'method']);

type CaptureRole =
  | { readonly role: 'definition'; readonly kind: DefinitionKind }
  | { readonly role: 'reference'; readonly kind: ReferenceKind }
  | { readonly role: 'name' | 'body' | 'container' | 'import' | 'export.name' | 'export.local' | 'helper' };

function captureRole(captureName: string): CaptureRole | undefined {
  if (captureName.startsWith('_')) return { role: 'helper' };
  const dot = captureName.indexOf('.');
  const head = dot < 0 ? captureName : captureName.slice(0, dot);
  const tail = dot < 0 ? '' : captureName.slice(dot + 1);
  if (head === 'definition') {
    const kind = DEFINITION_KINDS.find(k => k === tail);
    return kind && { role: 'definition', kind };
  }
  if (head === 'reference') {
    const kind = REFERENCE_KINDS.find(k => k === tail);
    return kind && { role: 'reference', kind };
  }
  switch (captureName) {
    case 'name':
    case 'body':
    case 'container':
    case 'import':
    case 'export.name':
    case 'export.local':
      return { role: captureName };
    default:
      return undefined;
  }
}

interface LoadedLanguage {
  readonly grammar: LoadedGrammar;
  /** Role per capture name of the query, validated when the language loads. */
  readonly roles: ReadonlyMap<string, CaptureRole>;
  readonly readImports: ImportReader;
  readonly exportedAs: ExportRule;
  readonly namespacesAreTransparent: boolean;
}

function rolesOf(query: Query, language: LanguageId): Map<string, CaptureRole> {
  const roles = new Map<string, CaptureRole>();
  for (const name of query.captureNames) {
    const role = captureRole(name);
    if (!role) throw new Error(`syntaxes/${language}: unknown capture @${name}; see the capture-name convention in src/core/index/extract.ts`);
    roles.set(name, role);
  }
  return roles;
}

/** A definition found by the query, before nesting and export status are known. */
interface FoundDefinition {
  readonly node: Node;
  /** The node's offsets, read once: every Node getter is a call into WebAssembly. */
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly nameStart: number;
  readonly kind: DefinitionKind;
  readonly body: Node | undefined;
  readonly explicitContainer: string | undefined;
  readonly pattern: number;
}

interface FoundReference {
  readonly name: string;
  readonly kind: ReferenceKind;
  readonly start: number;
  readonly line: number;
  readonly character: number;
}

export class SymbolExtractor {
  private readonly parser = new Parser();
  private readonly languages = new Map<LanguageId, LoadedLanguage>();
  private readonly failed = new Map<LanguageId, string>();
  /** Grammars being loaded, while they load. */
  private readonly loading = new Map<LanguageId, Promise<boolean>>();
  private current: LanguageId | undefined;

  private constructor(private readonly paths: AssetPaths) {}

  /** Initialises web-tree-sitter (Parser.init with locateFile -> assetPaths().runtimeWasm). Grammars load lazily. */
  static async create(paths?: Partial<AssetPaths>): Promise<SymbolExtractor> {
    const resolved: AssetPaths = { ...assetPaths(), ...paths };
    await initRuntime(resolved.runtimeWasm);
    return new SymbolExtractor(resolved);
  }

  /** Grammars that failed to load, by language, with the cause. */
  get grammarErrors(): readonly { language: LanguageId; message: string }[] {
    return [...this.failed].map(([language, message]) => ({ language, message }));
  }

  /**
   * Loads the grammar and queries of a language once; false (and an entry in grammarErrors, naming the
   * language and the cause) when they fail. Other languages keep working.
   */
  ensureLanguage(language: LanguageId): Promise<boolean> {
    if (this.languages.has(language)) return Promise.resolve(true);
    if (this.failed.has(language)) return Promise.resolve(false);
    // Two parses of a language not loaded yet (the warm-up's and a keystroke's) wait for one load: a second load
    // made a second Language, the parser switched to it, and an edited buffer's tree of the first one then
    // parsed to nothing ("tree-sitter returned no tree").
    let loading = this.loading.get(language);
    if (!loading) {
      this.loading.set(language, (loading = this.load(language).finally(() => this.loading.delete(language))));
    }
    return loading;
  }

  private async load(language: LanguageId): Promise<boolean> {
    try {
      const grammar = await loadGrammar(language, this.paths);
      this.languages.set(language, {
        grammar,
        roles: rolesOf(grammar.query, language),
        readImports: IMPORT_READERS[language],
        exportedAs: EXPORT_RULES[language],
        namespacesAreTransparent: NAMESPACES_ARE_TRANSPARENT[language],
      });
      return true;
    } catch (error) {
      this.failed.set(language, `${language}: ${errorText(error)}`);
      return false;
    }
  }

  /**
   * Parses and extracts; throws if the language was not loaded. With `buffer` (a file being edited), the parse
   * starts from the buffer's previous tree, only the top-level declarations the edit touched are extracted
   * again, and the new tree is kept in it instead of freed; the buffer's text parsed again gives what was
   * extracted from it. The symbols are those of the whole tree's extraction (edited-extraction.ts says when not).
   */
  extract(language: LanguageId, text: string, buffer?: EditedBuffer): FileSymbols {
    const loaded = this.languages.get(language);
    if (!loaded) {
      const cause = this.failed.get(language);
      throw new Error(cause ?? `The ${language} grammar is not loaded: await ensureLanguage('${language}') before extract().`);
    }
    if (this.current !== language) {
      this.parser.setLanguage(loaded.grammar.language);
      this.current = language;
    }
    const reusable = buffer?.language === language ? buffer : undefined;
    const known = reusable?.symbolsOf(text);
    if (known) return known;
    const previous = reusable?.previousFor(text);
    const tree = this.parser.parse(text, previous?.tree);
    if (!tree) reusable?.dispose(); // its tree was edited for a parse that did not happen
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${language} file; the parse was cancelled.`);
    let extraction: Extraction | undefined;
    try {
      extraction = (previous?.edit && previous.extraction && extractEdited(loaded, previous.tree, previous.edit, previous.extraction, tree, text))
        || assemble(collect(loaded, loaded.grammar.query.matches(tree.rootNode), text, []), text, tree.rootNode.hasError);
      return extraction.symbols;
    } finally {
      if (reusable) reusable.remember(text, tree, extraction);
      else tree.delete(); // WebAssembly memory only grows: free every tree at once
    }
  }
}

/**
 * The previous extraction with the top-level declarations an edit touched extracted again: a keystroke in a
 * 170 KB file otherwise marshals and reads all of its ~10,000 matches again. Undefined, for an extraction of
 * the whole, where the edit touched most of the file (a module that is one class), or changed what the
 * file's export lists name, which decides the export of declarations it did not touch.
 */
function extractEdited(loaded: LoadedLanguage, before: Tree, edit: Edit, previous: Extraction, after: Tree, text: string): Extraction | undefined {
  const region = editedRegion(before, after, edit);
  const { start, end } = region;
  if (2 * (end.index - start.index) > text.length) return undefined;
  // One unit wider on each side: tree-sitter leaves out an empty node at a range's end (an identifier
  // missing from broken code), and matchWithin leaves out what is not the region's.
  const matches = loaded.grammar.query.matches(after.rootNode, { startIndex: Math.max(0, start.index - 1), endIndex: end.index + 1 });
  const { inside, outside } = listedAround(previous, region);
  const fresh = collect(loaded, matches.filter(match => matchWithin(match, start.index, end.index)), text, outside);
  if (!sameListedNames(inside, fresh.listed)) return undefined;
  return assemble(spliceParts(previous, fresh, region), text, after.rootNode.hasError);
}

/**
 * What the matches of the query found: all of a file's, or a region's, given the names the export lists of the
 * rest of the file mention.
 */
function collect(loaded: LoadedLanguage, matches: readonly QueryMatch[], text: string, listedElsewhere: readonly ListedName[]): ExtractedParts {
  const found = new Map<number, FoundDefinition>(); // by name start: one definition per name node
  const definitionNameStarts = new Set<number>();
  const references: FoundReference[] = [];
  const imports: ImportRecord[] = [];
  const listed: ListedName[] = [];

  for (const match of matches) {
    let definition: { node: Node; kind: DefinitionKind } | undefined;
    let nameNode: Node | undefined;
    let body: Node | undefined;
    let container: string | undefined;
    for (const capture of match.captures) {
      const role = loaded.roles.get(capture.name)!;
      const node = capture.node;
      switch (role.role) {
        case 'definition': definition = { node, kind: role.kind }; break;
        case 'name': nameNode = node; break;
        case 'body': body = node; break;
        case 'container': container = node.text; break;
        case 'reference': {
          const start = node.startPosition;
          references.push({ name: node.text, kind: role.kind, start: node.startIndex, line: start.row, character: start.column });
          break;
        }
        case 'import':
          for (const parts of loaded.readImports(node)) {
            imports.push({ source: parts.source, names: parts.names, range: rangeOf(parts.rangeNode ?? node), reexport: parts.reexport });
          }
          break;
        case 'export.name': listed.push({ name: unquoteName(node.text), at: positionOfPoint(node.startPosition), exported: true }); break;
        case 'export.local': listed.push({ name: node.text, at: positionOfPoint(node.startPosition), exported: false }); break;
        case 'helper': break;
      }
    }
    if (!nameNode) continue;
    const nameStart = nameNode.startIndex;
    definitionNameStarts.add(nameStart);
    if (!definition) continue;
    const previous = found.get(nameStart);
    if (previous && previous.pattern <= match.patternIndex) continue;
    found.set(nameStart, {
      node: definition.node,
      start: definition.node.startIndex,
      end: definition.node.endIndex,
      name: nameNode.text,
      nameStart,
      kind: definition.kind,
      body,
      explicitContainer: container,
      pattern: match.patternIndex,
    });
  }

  const listedNames = new Set([...listedElsewhere, ...listed].map(l => l.name));
  imports.sort((a, b) => comparePositions(a.range.start, b.range.start));
  listed.sort((a, b) => comparePositions(a.at, b.at));
  return {
    definitions: nestDefinitions([...found.values()], text, loaded, listedNames),
    references: dedupeReferences(references, definitionNameStarts),
    imports,
    listed,
  };
}

interface OpenDefinition {
  readonly end: number;
  readonly name: string;
  readonly kind: DefinitionKind;
  readonly topLevel: boolean;
}

/** Orders definitions, finds each one's container, drops function locals and decides export status. */
function nestDefinitions(found: FoundDefinition[], text: string, loaded: LoadedLanguage, listed: ReadonlySet<string>): ExtractedDefinition[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.nameStart - b.nameStart);
  const open: OpenDefinition[] = [];
  const out: ExtractedDefinition[] = [];
  for (const f of found) {
    while (open.length > 0 && open[open.length - 1]!.end <= f.start) open.pop();
    const enclosing = open[open.length - 1];
    if (f.kind === 'variable' && enclosing && FUNCTION_KINDS.has(enclosing.kind) && f.explicitContainer === undefined) continue;
    const container = f.explicitContainer ?? enclosing?.name;
    const topLevel = f.explicitContainer === undefined
      && (!enclosing || (loaded.namespacesAreTransparent && enclosing.kind === 'module' && enclosing.topLevel));
    open.push({ end: f.end, name: f.name, kind: f.kind, topLevel });
    const exportedAs = loaded.exportedAs({ node: f.node, name: f.name, topLevel, listed });
    const range = rangeOf(f.node);
    const definition: Definition = {
      name: f.name,
      kind: f.kind,
      range,
      signatureRange: signatureRange(f, range, text),
      ...(container === undefined ? {} : { container }),
      exported: exportedAs !== undefined || (topLevel && listed.has(f.name)),
    };
    out.push({ definition, exportedAs: topLevel ? exportedAs : undefined });
  }
  return out;
}

function signatureRange(f: FoundDefinition, range: Range, text: string): Range {
  const body = f.body;
  if (!body) return range;
  const bodyStart = body.startPosition;
  if (CUT_ONLY_MULTILINE_BODY.has(f.kind) && bodyStart.row === body.endPosition.row) return range;
  const bodyStartIndex = body.startIndex;
  let end = bodyStartIndex;
  while (end > f.start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end === f.start) return range;
  let linesBack = 0;
  for (let i = end; i < bodyStartIndex; i++) if (text.charCodeAt(i) === NEWLINE) linesBack++;
  const endPosition: Position = linesBack === 0
    ? { line: bodyStart.row, character: bodyStart.column - (bodyStartIndex - end) }
    : { line: bodyStart.row - linesBack, character: end - (text.lastIndexOf('\n', end - 1) + 1) };
  return { start: range.start, end: endPosition };
}

/**
 * One reference per identifier: the most specific kind wins (a callee is a `call`, not also a `member`);
 * defining names are not references.
 */
function dedupeReferences(found: FoundReference[], definitionNameStarts: ReadonlySet<number>): Reference[] {
  found.sort((a, b) => a.start - b.start || REFERENCE_PRIORITY[a.kind] - REFERENCE_PRIORITY[b.kind]);
  const out: Reference[] = [];
  let lastStart = -1;
  for (const r of found) {
    if (r.start === lastStart || definitionNameStarts.has(r.start)) continue;
    lastStart = r.start;
    out.push({
      name: r.name,
      kind: r.kind,
      range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character + r.name.length } },
    });
  }
  return out;
}

const NEWLINE = 10;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === NEWLINE || code === 13;
}

function rangeOf(node: Node): Range {
  return { start: positionOfPoint(node.startPosition), end: positionOfPoint(node.endPosition) };
}

/** Export lists may name things as strings (`__all__ = ["a"]`, `export { "a-b" as c }`). */
function unquoteName(name: string): string {
  return /^(['"]).*\1$/.test(name) ? name.slice(1, -1) : name;
}
