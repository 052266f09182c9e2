import type { SymbolLocation } from '../../index/view';
import { CursorScope, SELF_RECEIVERS } from '../cursor-scope';
import type { Evidence, Signal } from '../evidence';
import { MemberUses } from '../member-uses';

/**
 * What the whole current file reaches through its receivers, not only the lines near the cursor: the
 * members of a namespace import it uses (`errors.$ZodErrorMap` anywhere in the file counts as if imported
 * by name), and the members it uses on a variable of a known type that the code near the cursor uses
 * (`adm.values_` elsewhere in the file, with `adm: Administration` near it). A file keeps using what it
 * has used; its other lines tell which declarations of a large module or class matter to it.
 */
export const fileUsageSignal: Signal = {
  name: 'file-usage',
  collect(context) {
    const scope = CursorScope.of(context);
    const w = context.weights.fileUsage;
    const namespaces = [...scope.bindings].filter(([, binding]) => binding.importedName === '*').map(([local]) => local);
    const typed = new Map<string, { readonly type: string; readonly locations: readonly SymbolLocation[] }>();
    for (const identifier of context.cursor.identifiers) {
      const receiver = identifier.receiver;
      if (identifier.kind !== 'member' || receiver === undefined || typed.has(receiver) || SELF_RECEIVERS.has(receiver) || scope.bindings.has(receiver)) continue;
      const type = scope.typeOf(receiver);
      const locations = type === undefined ? [] : scope.typeLocations(type).locations;
      if (type !== undefined && locations.length > 0) typed.set(receiver, { type, locations });
    }
    const receivers = [...namespaces, ...typed.keys()];
    if (receivers.length === 0) return [];
    const uses = MemberUses.of(context).ofEach(receivers);
    const evidence: Evidence[] = [];
    for (const [receiver, members] of uses) {
      const binding = scope.bindings.get(receiver);
      const type = typed.get(receiver);
      for (const [member, count] of members) {
        const reason = `defines \`${receiver}.${member}\`, used ${count === 1 ? 'once' : `${count} times`} in this file`;
        const locations = binding
          ? scope.resolveImported(binding, member)
          : context.index.symbols.definitionsOf(member).filter(l => l.definition.container === type!.type && type!.locations.some(t => t.path === l.path));
        const score = binding ? w.namespaceMember : w.typedMember;
        for (const { path, definition } of locations) if (context.isCandidate(path)) evidence.push({ path, score, reason, definition });
      }
    }
    return evidence;
  },
};
