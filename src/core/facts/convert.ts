// From the protocol's shapes to the facts vocabulary: URIs become workspace-relative paths, Location and
// LocationLink become one FactLocation, markdown hovers become their code, offset labels become text.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  LocationLink,
  MarkedString,
  MarkupContent,
  SignatureHelp,
  SymbolInformation,
  WorkspaceSymbol,
} from './protocol';
import type { CompletionFact, DiagnosticFact, FactLocation, HoverFact, ParameterFact, SignatureFact, SymbolFact } from './types';

export function uriOf(root: string, workspacePath: string): string {
  return pathToFileURL(path.resolve(root, workspacePath)).href;
}

function pathOf(root: string, uri: string): { path: string; inWorkspace: boolean } {
  const absolute = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const relative = path.relative(root, absolute);
  const inWorkspace = !relative.startsWith('..') && !path.isAbsolute(relative);
  return { path: inWorkspace ? relative.split(path.sep).join('/') : absolute, inWorkspace };
}

type LocationAnswer = Location | Location[] | LocationLink[] | null | undefined;

export function toLocations(root: string, answer: LocationAnswer): FactLocation[] {
  const list = answer === null || answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  return list.map(item =>
    'targetUri' in item
      ? { ...pathOf(root, item.targetUri), range: item.targetSelectionRange, declarationRange: item.targetRange }
      : { ...pathOf(root, item.uri), range: item.range },
  );
}

export function toSymbolLocations(root: string, answer: (SymbolInformation | WorkspaceSymbol)[] | null | undefined, name: string): FactLocation[] {
  return (answer ?? [])
    .filter(symbol => symbol.name === name && 'range' in symbol.location)
    .map(symbol => ({ ...pathOf(root, symbol.location.uri), range: (symbol.location as Location).range }));
}

/** The code of a hover: the fenced blocks of markdown, or the whole text. */
export function toHover(answer: Hover | null | undefined): HoverFact | undefined {
  if (!answer) return undefined;
  const parts = Array.isArray(answer.contents) ? answer.contents : [answer.contents];
  const text = parts.map(markedText).join('\n').trim();
  return text ? { text, ...(answer.range ? { range: answer.range } : {}) } : undefined;
}

function markedText(part: MarkupContent | MarkedString): string {
  if (typeof part === 'string') return codeOf(part);
  if ('language' in part) return part.value;
  return part.kind === 'markdown' ? codeOf(part.value) : part.value;
}

function codeOf(markdown: string): string {
  const blocks = [...markdown.matchAll(/```[\w-]*\n([\s\S]*?)```/g)].map(match => match[1]!.trim());
  return blocks.length > 0 ? blocks.join('\n') : markdown;
}

export function toSignature(answer: SignatureHelp | null | undefined): SignatureFact | undefined {
  const signature = answer?.signatures[answer.activeSignature ?? 0] ?? answer?.signatures[0];
  if (!answer || !signature) return undefined;
  const parameters: ParameterFact[] = (signature.parameters ?? []).map((parameter, index) => {
    const label = typeof parameter.label === 'string' ? parameter.label : signature.label.slice(parameter.label[0], parameter.label[1]);
    return { index, label, ...splitParameter(label) };
  });
  const active = signature.activeParameter ?? answer.activeParameter ?? undefined;
  const activeParameter = active === undefined || active === null ? undefined : parameters[active];
  return { label: signature.label, parameters, ...(activeParameter ? { activeParameter } : {}) };
}

/** `init?: RequestOptions` → name `init`, type `RequestOptions`; `*args: int` → `args`, `int`; `x=1` → `x`. */
function splitParameter(label: string): { name: string; type?: string } {
  const match = /^\s*(?:\.\.\.|\*{1,2})?([\w$]+)\??\s*(?::\s*([\s\S]+?))?\s*(?:=[\s\S]*)?$/.exec(label);
  if (!match) return { name: label.trim() };
  return { name: match[1]!, ...(match[2] ? { type: match[2] } : {}) };
}

const COMPLETION_KINDS = ['', 'text', 'method', 'function', 'constructor', 'field', 'variable', 'class', 'interface', 'module', 'property', 'unit', 'value', 'enum', 'keyword', 'snippet', 'color', 'file', 'reference', 'folder', 'enumMember', 'constant', 'struct', 'event', 'operator', 'typeParameter'];
const SYMBOL_KINDS = ['', 'file', 'module', 'namespace', 'package', 'class', 'method', 'property', 'field', 'constructor', 'enum', 'interface', 'function', 'variable', 'constant', 'string', 'number', 'boolean', 'array', 'object', 'key', 'null', 'enumMember', 'struct', 'event', 'operator', 'typeParameter'];

export function toCompletions(answer: CompletionList | CompletionItem[] | null | undefined): CompletionFact[] {
  const items = !answer ? [] : Array.isArray(answer) ? answer : answer.items;
  return items.map(item => ({
    label: item.label,
    ...(item.kind ? { kind: COMPLETION_KINDS[item.kind]!.toLowerCase() } : {}),
    ...(item.detail ? { detail: item.detail } : {}),
  }));
}

/** Hierarchical symbols flattened, outer before inner; flat SymbolInformation taken as it is. */
export function toSymbols(answer: (DocumentSymbol | SymbolInformation)[] | null | undefined): SymbolFact[] {
  const out: SymbolFact[] = [];
  const visit = (symbol: DocumentSymbol | SymbolInformation, container: string | undefined) => {
    const kind = SYMBOL_KINDS[symbol.kind]!.toLowerCase();
    if ('location' in symbol) {
      out.push({ name: symbol.name, kind, range: symbol.location.range, selectionRange: symbol.location.range, ...(symbol.containerName ? { container: symbol.containerName } : {}) });
      return;
    }
    out.push({ name: symbol.name, kind, range: symbol.range, selectionRange: symbol.selectionRange, ...(container ? { container } : {}) });
    for (const child of symbol.children ?? []) visit(child, symbol.name);
  };
  for (const symbol of answer ?? []) visit(symbol, undefined);
  return out;
}

const SEVERITIES = ['error', 'error', 'warning', 'information', 'hint'] as const;

export function toDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticFact[] {
  return diagnostics.map(diagnostic => ({
    range: diagnostic.range,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    severity: SEVERITIES[diagnostic.severity ?? 1]!,
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
  }));
}
