import { rangeContains } from '../cursor';
import type { SymbolLocation } from '../index/view';
import type { SignalContext } from './evidence';
import { importBindings, type ImportBinding } from './import-bindings';
import { declaredNearCursor } from './nearby-declarations';
import { BufferOccurrences } from './name-occurrences';
import { inferVariableType } from './receiver-types';
import { resolveExport } from './resolve-export';

/** Receivers that mean "the enclosing class": `this.x` is the field `x`, and `this.m()` a member declared here or inherited. */
export const SELF_RECEIVERS: ReadonlySet<string> = new Set(['this', 'self', 'cls']);

const MEMBER_KINDS: ReadonlySet<string> = new Set(['method', 'property']);
const TYPE_KINDS: ReadonlySet<string> = new Set(['class', 'interface', 'type', 'enum']);

/** A class/interface member (or a declaration nested in one): what `a.b` can mean, never what a bare `b` means. */
export function isMember(location: SymbolLocation): boolean {
  return location.definition.container !== undefined || MEMBER_KINDS.has(location.definition.kind);
}

/** A type's declarations, and how sure we are that a name means them (1 when resolved through an import). */
export interface TypeLocations {
  readonly locations: readonly SymbolLocation[];
  readonly certainty: number;
}

/** The declared type of an imported variable and that type's declarations. */
export interface ImportedVariableType {
  readonly name: string;
  readonly locations: readonly SymbolLocation[];
}

const scopes = new WeakMap<SignalContext, CursorScope>();

/**
 * What names mean at the cursor, shared by the signals of one ranking: this file's import bindings, the
 * names that are local (declared in this file or parameters of the enclosing functions), and the types
 * of variables as far as the text tells them.
 */
export class CursorScope {
  readonly bindings: ReadonlyMap<string, ImportBinding>;
  readonly localNames: ReadonlySet<string>;
  /** Locals and callback parameters the text around the cursor declares (not in the index's declarations). */
  readonly declaredNearby: ReadonlySet<string>;
  /**
   * Only imports bind names from other files: Python without `from m import *`, where a name neither imported
   * nor declared in the file is a local of some function or a builtin, never another module's declaration.
   */
  readonly onlyImportsReachOtherFiles: boolean;
  private readonly cursorOffset: number;
  private readonly variableTypes = new Map<string, string | undefined>();
  private readonly importedVariableTypes = new Map<ImportBinding, ImportedVariableType | undefined>();

  private constructor(private readonly context: SignalContext) {
    this.bindings = importBindings(context.cursor, context.index);
    this.localNames = new Set([...context.cursor.localDefinitions.map(d => d.name), ...parameterNames(context)]);
    this.declaredNearby = declaredNearCursor(context.cursor);
    this.onlyImportsReachOtherFiles = context.cursor.language === 'python'
      && !context.cursor.imports.some(record => record.names.some(imported => imported.name === '*' && imported.alias === undefined));
    this.cursorOffset = offsetOf(context.text, context.cursor.position.line, context.cursor.position.character);
  }

  /** A name that means a declaration of this file or of the code around the cursor, never one elsewhere. */
  isLocal(name: string): boolean {
    return this.localNames.has(name) || this.declaredNearby.has(name);
  }

  static of(context: SignalContext): CursorScope {
    let scope = scopes.get(context);
    if (!scope) scopes.set(context, (scope = new CursorScope(context)));
    return scope;
  }

  /** Where an imported name is declared, through re-export chains; empty when it leaves the workspace. */
  resolveImported(binding: ImportBinding, name: string): SymbolLocation[] {
    if (!binding.resolvedPath) return [];
    return resolveExport(this.context.index, path => this.context.workspace.features(path), binding.resolvedPath, name, this.context.weights.limits.maxReexportDepth);
  }

  /**
   * The declared or constructed type of a variable, memoized. When the text does not say (a callback's
   * parameter, a type the compiler infers), a variable named after a type is taken to be one:
   * `subscriber` -> `Subscriber`, Python's `_inference_state` -> `InferenceState`. Only names of declared types qualify.
   */
  typeOf(variable: string): string | undefined {
    if (!this.variableTypes.has(variable)) {
      const text = this.context.text;
      const inferred = inferVariableType(text, variable, this.cursorOffset, BufferOccurrences.of(text).occurrences(variable));
      // `x: any`, `x: string`: a written type the workspace does not declare says less than the name.
      const declared = inferred !== undefined && (this.bindings.has(inferred) || this.context.index.symbols.definitionsOf(inferred).length > 0);
      this.variableTypes.set(variable, declared ? inferred : (this.typeNamedLike(variable) ?? inferred));
    }
    return this.variableTypes.get(variable);
  }

  private typeNamedLike(variable: string): string | undefined {
    const candidate = typeNameLike(variable);
    if (candidate === variable) return undefined;
    const binding = this.bindings.get(candidate);
    if (binding) return candidate;
    const declared = this.context.index.symbols.definitionsOf(candidate).some(l => !isMember(l) && TYPE_KINDS.has(l.definition.kind));
    return declared ? candidate : undefined;
  }

  /**
   * The declared type of an imported variable, read from the text of the file that declares it
   * (`export let globalState: MobXGlobals = …`), with that type's declarations: the ones in the declaring
   * file when it has them, else those by name. Undefined when the import is not a variable or says no type.
   */
  importedVariableType(binding: ImportBinding): ImportedVariableType | undefined {
    if (!this.importedVariableTypes.has(binding)) this.importedVariableTypes.set(binding, this.readImportedVariableType(binding));
    return this.importedVariableTypes.get(binding);
  }

  private readImportedVariableType(binding: ImportBinding): ImportedVariableType | undefined {
    const variable = this.resolveImported(binding, binding.importedName).find(l => l.definition.kind === 'variable');
    const text = variable && this.context.index.text(variable.path);
    if (!variable || text === undefined) return undefined;
    // The declaration's own line counts as "above", so its annotation wins over later assignments.
    const type = inferVariableType(text, variable.definition.name, offsetOf(text, variable.definition.range.start.line + 1, 0));
    if (type === undefined) return undefined;
    const declared = this.context.index.symbols.definitionsOf(type).filter(l => !isMember(l) && TYPE_KINDS.has(l.definition.kind));
    const local = declared.filter(l => l.path === variable.path);
    return declared.length === 0 ? undefined : { name: type, locations: local.length > 0 ? local : declared };
  }

  /** The declarations a type name means here: through an import exactly, else by name (none when local). */
  typeLocations(typeName: string): TypeLocations {
    const binding = this.bindings.get(typeName);
    if (binding) return { locations: this.resolveImported(binding, binding.importedName), certainty: 1 };
    if (this.localNames.has(typeName)) return { locations: [], certainty: 0 };
    const locations = this.context.index.symbols.definitionsOf(typeName).filter(l => !isMember(l));
    return { locations, certainty: this.context.workspace.specificity(typeName) };
  }
}

/** The type a variable's name suggests: `subscriber` -> `Subscriber`, Python's `_inference_state` -> `InferenceState`. */
function typeNameLike(variable: string): string {
  return variable.replace(/^_+/, '').replace(/(?:^|_)([a-z\d])/g, (_, letter: string) => letter.toUpperCase());
}

/** Parameters of the enclosing functions and methods: read from their signatures, they are local names. */
function parameterNames({ cursor }: SignalContext): string[] {
  const { lines } = cursor;
  const names: string[] = [];
  for (const scope of cursor.localDefinitions) {
    if (!rangeContains(scope.range, cursor.position)) continue;
    const { start, end } = scope.signatureRange;
    const signature = lines.slice(start.line, end.line + 1).join('\n');
    const open = signature.indexOf('(');
    if (open >= 0) names.push(...(signature.slice(open).match(/[A-Za-z_$][\w$]*/g) ?? []));
  }
  return names;
}

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + character;
}
