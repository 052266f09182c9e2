// The class around the cursor and the fields whose declarations write their type: the class-hole signal's
// `this.|`, and the facts signal's receivers that any method of the class may use next.
import { innermostEnclosing, rangeContains } from '../cursor/scopes';
import type { SymbolLocation } from '../index/view';
import { TYPE_KINDS } from '../index/class-heritage';
import { CursorScope } from './cursor-scope';
import type { SignalContext } from './evidence';
import { inferVariableType } from './receiver-types';

/** A field of the enclosing class and the declarations of the class or interface its declaration names. */
export interface TypedField {
  readonly name: string;
  readonly types: readonly SymbolLocation[];
}

/** The innermost class around the cursor, as the request's buffer declares it. */
export function enclosingClass({ cursor }: SignalContext): SymbolLocation | undefined {
  const definition = innermostEnclosing(cursor.localDefinitions, cursor.position, TYPE_KINDS);
  return definition && { path: cursor.file, definition };
}

/**
 * The enclosing class's fields, its constructor's parameter properties included, whose own declaration writes
 * a type the workspace declares as a class or interface: `@inject(WorkspaceService) protected readonly
 * workspaceService: WorkspaceService`, `private readonly toDispose = new DisposableCollection()`. Only what
 * the declaration writes: a type guessed from the field's name is not one.
 */
export function typedFieldsOfEnclosingClass(context: SignalContext): TypedField[] {
  const enclosing = enclosingClass(context)?.definition;
  if (!enclosing) return [];
  const { lines, localDefinitions } = context.cursor;
  const scope = CursorScope.of(context);
  return localDefinitions.flatMap(field => {
    if (field.kind !== 'property' || field.container !== enclosing.name || !rangeContains(enclosing.range, field.range.start)) return [];
    const declaration = lines.slice(field.range.start.line, field.signatureRange.end.line + 1).join('\n');
    const type = inferVariableType(declaration, field.name, 0);
    const types = type === undefined ? [] : scope.typeLocations(type).locations.filter(l => TYPE_KINDS.has(l.definition.kind));
    return types.length > 0 ? [{ name: field.name, types }] : [];
  });
}
