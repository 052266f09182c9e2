// Ground truth for the context benchmark, from the TypeScript compiler: which declarations in OTHER files
// a cursor line needs. A program over the corpus's .ts sources resolves every identifier of a sampled line
// (following import aliases) to its declarations; those in other corpus files are the gold the context
// should contain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { isCodeLine, sampleLines, type SamplingOptions } from '../src/core/eval/sample';

/**
 * How the completion could have known the name: through a member access `a.b` (the model must know a's
 * type), because the name is already written above the cursor (imports included), or not at all.
 */
export type GoldCategory = 'member' | 'imported_or_seen' | 'unseen';

export const GOLD_CATEGORIES: readonly GoldCategory[] = ['member', 'imported_or_seen', 'unseen'];

/** One place a symbol is declared. Lines are 0-based, inclusive. */
export interface DeclarationSite {
  /** Corpus-relative path with forward slashes. */
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The line of the declaration's name: context that shows this line shows the signature. */
  readonly signatureLine: number;
  /** Last line of the header: the line opening the body, or the declaration's end (at most `maxSignatureLines` long). */
  readonly signatureEndLine: number;
}

/** A symbol the cursor line uses and that is declared elsewhere. Overloads and merged declarations are several sites; any one counts. */
export interface GoldSymbol {
  readonly name: string;
  readonly category: GoldCategory;
  readonly sites: readonly DeclarationSite[];
  /** Where its first use on the line starts (0-based, UTF-16 code units as editors count them). */
  readonly column: number;
}

export interface GoldPosition {
  readonly file: string;
  /** The target line (0-based); the benchmark masks it from `column` on (the whole line without one). */
  readonly line: number;
  /** 'hole' masking (holePosition): the cursor's column, the text before it stays. Absent: the line is emptied. */
  readonly column?: number;
  readonly lineText: string;
  readonly gold: readonly GoldSymbol[];
  /** The line's text (trimmed) appears verbatim in another corpus file: lexical strategies can copy it. */
  readonly dupElsewhere: boolean;
}

export { DEFAULT_SAMPLING, type SamplingOptions } from '../src/core/eval/sample';

/** A body-less declaration (a long type alias, an object constant) counts this many lines as its signature. */
export const MAX_SIGNATURE_LINES = 12;

/** What every corpus's ground truth gives the benchmark, whatever the language and the analyzer. */
export interface CorpusTruth {
  /** Corpus-relative paths of the sources the analyzer read. */
  readonly files: readonly string[];
  readonly positions: readonly GoldPosition[];
  /** A file's text as the analyzer read it (identical to the disk). */
  sourceOf(file: string): string;
}

export interface GroundTruth extends CorpusTruth {
  readonly program: ts.Program;
}

const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|specs?|fixtures?)\/|\.(test|spec|bench)\.ts$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** The corpus's TypeScript sources: .ts files that are neither declaration files nor tests. Sorted. */
export function corpusSources(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (entry.isFile() && child.endsWith('.ts') && !child.endsWith('.d.ts') && !TEST_PATH.test(child)) {
        found.push(child);
      }
    }
  };
  walk('');
  return found.sort();
}

/** Options that let the program resolve both `./x` and `./x.js` specifiers to .ts sources without a tsconfig. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
  strict: true,
  types: [],
};

/** The corpus's own `paths` mapping (its tsconfig.json, `extends` followed), so self-imports resolve to sources. */
function pathMapping(dir: string): ts.CompilerOptions {
  const file = path.join(dir, 'tsconfig.json');
  if (!fs.existsSync(file)) return {};
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config ?? {}, ts.sys, dir);
  const { paths, baseUrl, pathsBasePath } = parsed.options;
  return paths ? { paths, baseUrl: baseUrl ?? (pathsBasePath as string | undefined) ?? dir } : {};
}

/** Samples cursor lines with the shared seeded sampler and records their gold declarations. */
export function sampleGroundTruth(dir: string, options: SamplingOptions = {}): GroundTruth {
  const files = corpusSources(dir);
  const program = ts.createProgram(files.map(f => path.join(dir, f)), { ...COMPILER_OPTIONS, ...pathMapping(dir) });
  const checker = program.getTypeChecker();
  const corpusFiles = new Map<ts.SourceFile, string>();
  for (const file of files) {
    const sourceFile = program.getSourceFile(path.join(dir, file));
    if (sourceFile) corpusFiles.set(sourceFile, file);
  }
  const linesElsewhere = lineOccurrences(new Map([...corpusFiles].map(([sourceFile, file]) => [file, sourceFile.text])), '//');
  const byPath = new Map([...corpusFiles].map(([sourceFile, file]) => {
    const lines = sourceFile.text.split('\n');
    return [file, { sourceFile, lines, identifiersByLine: identifierLines(sourceFile) }] as const;
  }));
  const found = new Map<string, GoldPosition>();
  const candidates = [...byPath].map(([file, f]) => ({ file, lines: [...f.identifiersByLine.keys()] }));
  const sampled = sampleLines(candidates, ({ file, line }) => {
    const { sourceFile, lines, identifiersByLine } = byPath.get(file)!;
    if (!isCodeLine(lines[line], '//')) return false;
    const gold = goldSymbols(identifiersByLine.get(line)!, sourceFile, checker, corpusFiles, lines.slice(0, line).join('\n'));
    if (gold.length === 0) return false;
    const trimmed = lines[line].trim();
    found.set(`${file}:${line}`, { file, line, lineText: lines[line], gold, dupElsewhere: occursElsewhere(linesElsewhere, trimmed, file) });
    return true;
  }, options);
  const sourceOf = (file: string) => byPath.get(file)!.sourceFile.text;
  return { files, positions: sampled.map(({ file, line }) => found.get(`${file}:${line}`)!), program, sourceOf };
}

/** Identifiers grouped by the line they start on, outside import/re-export declarations. */
function identifierLines(sourceFile: ts.SourceFile): Map<number, ts.Identifier[]> {
  const byLine = new Map<number, ts.Identifier[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) return;
    if (ts.isIdentifier(node)) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      let list = byLine.get(line);
      if (!list) byLine.set(line, (list = []));
      list.push(node);
    }
    node.forEachChild(visit);
  };
  visit(sourceFile);
  return byLine;
}

function goldSymbols(
  identifiers: readonly ts.Identifier[],
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
  corpusFiles: ReadonlyMap<ts.SourceFile, string>,
  prefix: string,
): GoldSymbol[] {
  const gold = new Map<ts.Symbol, GoldSymbol>();
  for (const identifier of identifiers) {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (!symbol) continue;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (gold.has(symbol)) continue;
    const sites: DeclarationSite[] = [];
    for (const declaration of symbol.declarations ?? []) {
      const declarationFile = declaration.getSourceFile();
      const file = corpusFiles.get(declarationFile);
      // A module (`import * as ns`) is a whole file, not a declaration a snippet can show.
      if (file === undefined || declarationFile === sourceFile || ts.isSourceFile(declaration)) continue;
      sites.push(declarationSite(declaration, declarationFile, file));
    }
    const column = sourceFile.getLineAndCharacterOfPosition(identifier.getStart(sourceFile)).character;
    if (sites.length > 0) gold.set(symbol, { name: identifier.text, category: categoryOf(identifier, prefix), sites, column });
  }
  return [...gold.values()];
}

function declarationSite(declaration: ts.Declaration, sourceFile: ts.SourceFile, file: string): DeclarationSite {
  const lineOf = (position: number) => sourceFile.getLineAndCharacterOfPosition(position).line;
  const name = ts.getNameOfDeclaration(declaration);
  const startLine = lineOf(declaration.getStart(sourceFile));
  const endLine = lineOf(declaration.getEnd());
  const signatureLine = name ? lineOf(name.getStart(sourceFile)) : startLine;
  const body = bodyStart(declaration, sourceFile);
  const signatureEndLine = body === undefined ? Math.min(endLine, startLine + MAX_SIGNATURE_LINES - 1) : Math.max(signatureLine, lineOf(body));
  return { file, startLine, endLine, signatureLine, signatureEndLine };
}

/** Where the body of a declaration opens (`{` of a function, class, interface, enum or namespace), if it has one. */
function bodyStart(declaration: ts.Declaration, sourceFile: ts.SourceFile): number | undefined {
  if (ts.isFunctionLike(declaration) && 'body' in declaration && declaration.body) return declaration.body.getStart(sourceFile);
  if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration) || ts.isEnumDeclaration(declaration)) {
    const brace = declaration.getChildren(sourceFile).find(child => child.kind === ts.SyntaxKind.OpenBraceToken);
    return brace?.getStart(sourceFile);
  }
  if (ts.isModuleDeclaration(declaration) && declaration.body) return declaration.body.getStart(sourceFile);
  return undefined;
}

function categoryOf(identifier: ts.Identifier, prefix: string): GoldCategory {
  const parent = identifier.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isQualifiedName(parent)) && (ts.isPropertyAccessExpression(parent) ? parent.name : parent.right) === identifier) {
    return 'member';
  }
  return seenInPrefix(identifier.text, prefix) ? 'imported_or_seen' : 'unseen';
}

/**
 * The position 'hole' masking measures on a sampled line: the cursor right before the first gold name (by
 * column), where the completion must first produce a name declared in another file; the line's text before
 * it stays, the rest is removed. Every gold symbol has its first use at or after that column, so the gold
 * is the line's; a name written in the kept text before the cursor now counts as seen. `textAbove` is the
 * file's text above the line.
 */
export function holePosition(position: GoldPosition, textAbove: string): GoldPosition {
  const column = Math.min(...position.gold.map(g => g.column));
  const prefix = `${textAbove}\n${position.lineText.slice(0, column)}`;
  const gold = position.gold.map(g => (g.category === 'member' ? g : { ...g, category: seenInPrefix(g.name, prefix) ? ('imported_or_seen' as const) : ('unseen' as const) }));
  return { ...position, column, gold };
}

/** The name is already written above the cursor (imports included), as a whole word. */
export function seenInPrefix(name: string, prefix: string): boolean {
  return new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`).test(prefix);
}

/** For each trimmed code line, the files it occurs in. */
export function lineOccurrences(texts: ReadonlyMap<string, string>, lineComment: string): Map<string, Set<string>> {
  const occurrences = new Map<string, Set<string>>();
  for (const [file, text] of texts) {
    for (const line of text.split('\n')) {
      const trimmed = line.trim();
      if (!isCodeLine(trimmed, lineComment)) continue;
      let set = occurrences.get(trimmed);
      if (!set) occurrences.set(trimmed, (set = new Set()));
      set.add(file);
    }
  }
  return occurrences;
}

/** The line appears verbatim in another corpus file: a lexical strategy could copy it. */
export function occursElsewhere(occurrences: ReadonlyMap<string, ReadonlySet<string>>, trimmed: string, file: string): boolean {
  return [...(occurrences.get(trimmed) ?? [])].some(f => f !== file);
}
