// Which bindings used near the cursor are in scope at the cursor, as far as the cursor stage's declarations
// of the current file tell. A binding's type is worth a question only there: the parameter `inst` of the
// previous statement's `core.$constructor("ZodPipe", (inst, def) => {…})` is used 7 lines above the cursor
// but is no binding of the cursor's code, and its hover alone cost tsc 338 ms of CPU that `$/cancelRequest`
// did not stop (facts-latency.md, 2026-12-02 18:50).
import { rangeContains } from '../cursor';
import type { Definition, DefinitionKind, Position } from '../types';

/**
 * The method's own object: `self` is each Python method's parameter, and the one of the method above is
 * as good as the cursor's (`this` is its class's).
 */
const OWN_OBJECT: ReadonlySet<string> = new Set(['this', 'self']);

const MEMBERS: ReadonlySet<DefinitionKind> = new Set<DefinitionKind>(['property', 'method']);

export interface BindingScope {
  /**
   * True when a name at `at` belongs to a declaration of the current file that does not enclose the cursor
   * (the previous statement, a sibling function): a binding declared there is not in scope at the cursor.
   * The declaration's own name (`ZodPipe` of `export const ZodPipe = …`) is not inside it.
   */
  outside(at: Position, name: string): boolean;
  /**
   * Whether the type of `name`, used at `at`, may be asked before its definition says where it is declared:
   * used where the cursor's own declarations are, declared there (a declaration of this file the cursor
   * sees), or the method's own object.
   */
  inScope(at: Position, name: string): boolean;
  /** Whether the binding of `name` declared at `declaredAt` (its definition) is in scope at the cursor. */
  binds(declaredAt: Position, name: string): boolean;
}

/**
 * The scope test of a cursor among the current file's declarations (CursorFacts.localDefinitions: of the
 * last good parse where the buffer's is broken around the cursor). Without declarations there is nothing
 * to tell: every binding counts as in scope, as before.
 */
export function bindingScope(declarations: readonly Definition[] | undefined, cursor: Position): BindingScope | undefined {
  if (!declarations?.length) return undefined;
  const others = declarations.filter(d => !rangeContains(d.range, cursor));
  const outside = (at: Position, name: string) => others.some(d => rangeContains(d.range, at) && !(d.name === name && d.range.start.line === at.line));
  // A property or method is a member: its name alone names no binding.
  const declaredInView = (name: string) => declarations.some(d => d.name === name && !MEMBERS.has(d.kind) && !outside(d.range.start, name));
  return {
    outside,
    inScope: (at, name) => OWN_OBJECT.has(name) || !outside(at, name) || declaredInView(name),
    binds: (declaredAt, name) => OWN_OBJECT.has(name) || !outside(declaredAt, name),
  };
}
