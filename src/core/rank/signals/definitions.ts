import type { SymbolLocation } from '../../index/view';
import type { NearbyIdentifier } from '../../types';
import { describeDistance } from '../distance';
import type { Evidence, Signal, SignalContext } from '../evidence';
import { CursorScope, isMember, SELF_RECEIVERS } from '../cursor-scope';
import type { ImportBinding } from '../import-bindings';


/**
 * Declarations of the names used near the cursor. Imported names resolve exactly through this file's
 * imports (following re-export chains); names defined in this file are not looked up elsewhere; other
 * names are looked up by name, discounted when many files define them (in Python, whose unimported names are
 * locals or builtins, only the names on the cursor's line). For a member `a.b`, the
 * declarations named `b` (those inside a's known type first) and the declaration of a's type.
 */
export const definitionsSignal: Signal = {
  name: 'definitions',
  collect(context) {
    const lookup = new NameLookup(context);
    const evidence: Evidence[] = [];
    for (const identifier of context.cursor.identifiers) {
      if (identifier.kind === 'member') lookup.member(identifier, evidence);
      else lookup.plain(identifier, evidence);
    }
    return evidence;
  },
};

interface ReceiverType {
  readonly name: string;
  readonly paths: ReadonlySet<string>;
}

class NameLookup {
  private readonly scope: CursorScope;

  constructor(private readonly context: SignalContext) {
    this.scope = CursorScope.of(context);
  }

  plain(identifier: NearbyIdentifier, out: Evidence[]): void {
    const use = this.useWeight(identifier);
    const where = describeDistance(identifier);
    const binding = this.scope.bindings.get(identifier.name);
    if (binding) {
      const exact = this.resolveImported(binding, binding.importedName);
      const score = use * this.context.weights.definitions.resolvedImport;
      for (const location of exact) this.push(out, location, score, `defines \`${location.definition.name}\`, imported and used ${where}`);
      if (exact.length === 0 && binding.resolvedPath && this.context.isCandidate(binding.resolvedPath)) {
        out.push({ path: binding.resolvedPath, score, reason: `imported as \`${identifier.name}\`, used ${where}` });
      }
      return;
    }
    if (this.scope.isLocal(identifier.name)) return;
    // A name typed on the cursor's line may be one the user is about to import; one used elsewhere is bound already.
    if (this.scope.onlyImportsReachOtherFiles && identifier.distance > 0) return;
    const specificity = this.context.workspace.specificity(identifier.name);
    for (const location of this.byName(identifier.name)) {
      if (isMember(location)) continue; // a bare `name` never means some class's member
      this.push(out, location, use * specificity, `defines \`${identifier.name}\`, used ${where}`);
    }
  }

  member(identifier: NearbyIdentifier, out: Evidence[]): void {
    const weights = this.context.weights.definitions;
    const use = this.useWeight(identifier);
    const where = describeDistance(identifier);
    const receiver = identifier.receiver;
    const receiverBinding = receiver === undefined ? undefined : this.scope.bindings.get(receiver);
    if (receiverBinding) {
      // `ns.name` on a namespace import, or Python's `from . import helpers` then `helpers.fmt`: the member is
      // an export of the imported module. Otherwise the receiver is an imported class or object.
      const exported = this.resolveImported(receiverBinding, identifier.name);
      for (const location of exported) {
        this.push(out, location, use * weights.resolvedImport, `defines \`${receiver}.${identifier.name}\`, used ${where}`);
      }
      if (exported.length > 0 || receiverBinding.importedName === '*') return;
    }
    if (receiver !== undefined && SELF_RECEIVERS.has(receiver) && this.scope.localNames.has(identifier.name)) return;
    const receiverType = receiver === undefined ? undefined : this.receiverType(receiver, receiverBinding, identifier, out);
    const shadow = this.scope.localNames.has(identifier.name) ? weights.shadowedByLocal : 1;
    const specificity = this.context.workspace.specificity(identifier.name);
    const access = `\`${receiver ?? '…'}.${identifier.name}\``;
    const members = this.byName(identifier.name).filter(isMember);
    // A guess by name is shared by a file's members of that name (by the square root of their number): twenty
    // `code` fields in one file are a few guesses, not twenty, so they do not crowd out its other declarations.
    const sameNamed = new Map<string, number>();
    for (const { path } of members) sameNamed.set(path, (sameNamed.get(path) ?? 0) + 1);
    for (const location of members) {
      const ofType = receiverType !== undefined && location.definition.container === receiverType.name && (receiverType.paths.size === 0 || receiverType.paths.has(location.path));
      const score = use * shadow * (ofType ? weights.memberOfReceiverType : specificity / Math.sqrt(sameNamed.get(location.path)!));
      const reason = ofType
        ? `defines \`${receiverType.name}.${identifier.name}\`, used ${where}`
        : `defines \`${identifier.name}\`, member access ${access} ${where}`;
      this.push(out, location, score, reason);
    }
  }

  /**
   * The receiver's type: the imported class itself for a static access (`Foo.create`), or the type
   * annotated/constructed for a variable, whose declaration becomes evidence too. `paths` are the files
   * declaring it when known, so that only their members count as members of this type.
   */
  private receiverType(receiver: string, binding: ImportBinding | undefined, identifier: NearbyIdentifier, out: Evidence[]): ReceiverType | undefined {
    const score = (certainty: number) => this.useWeight(identifier) * this.context.weights.definitions.receiverType * certainty;
    const reason = (name: string) => `defines \`${name}\`, the type of \`${receiver}\` used ${describeDistance(identifier)}`;
    if (binding) {
      // An imported variable (`globalState.x`): its members are those of the type it is declared with.
      const variableType = this.scope.importedVariableType(binding);
      if (variableType) {
        for (const location of variableType.locations) this.push(out, location, score(1), reason(variableType.name));
        return { name: variableType.name, paths: new Set(variableType.locations.map(l => l.path)) };
      }
      const name = binding.importedName === 'default' ? receiver : binding.importedName;
      return { name, paths: new Set(this.resolveImported(binding, binding.importedName).map(l => l.path)) };
    }
    const name = this.scope.typeOf(receiver);
    if (name === undefined) return undefined;
    const { locations, certainty } = this.scope.typeLocations(name);
    for (const location of locations) this.push(out, location, score(certainty), reason(name));
    return { name, paths: new Set(locations.map(l => l.path)) };
  }

  private useWeight(identifier: NearbyIdentifier): number {
    const weights = this.context.weights.definitions;
    const decay = 1 / (1 + identifier.distance / weights.distanceHalfLifeLines);
    const side = identifier.side === 'suffix' ? weights.suffixFactor : 1;
    const line = identifier.distance === 0 ? weights.cursorLineBoost : 1;
    return weights.perUse * weights.kind[identifier.kind] * decay * side * line;
  }

  private resolveImported(binding: ImportBinding, name: string): SymbolLocation[] {
    return this.scope.resolveImported(binding, name);
  }

  private byName(name: string): readonly SymbolLocation[] {
    return this.context.index.symbols.definitionsOf(name);
  }

  private push(out: Evidence[], location: SymbolLocation, score: number, reason: string): void {
    if (score > 0 && this.context.isCandidate(location.path)) out.push({ path: location.path, score, reason, definition: location.definition });
  }
}
