import { receiverBefore } from '../../cursor';
import { CursorScope } from '../cursor-scope';
import type { Evidence, Signal } from '../evidence';
import { MemberUses } from '../member-uses';

/** The member being typed at the end of the line prefix (`pre` in `ns.pre`), empty right after the `.`. */
const TYPED_MEMBER = /[A-Za-z_$][\w$]*$/;

/**
 * The member being typed on a namespace import: at `util.|` the next token is one of that module's exports,
 * but no use names which, and the module's outline rarely fits a small budget. Its exports become
 * candidates, shown as signatures, sharing one use's worth of evidence by how likely each is: how many
 * workspace files reference the name (the symbol table's count) and how often this file already writes
 * `ns.name`. Reads the import bindings and the indexed module only, never the workspace.
 */
export const namespaceHoleSignal: Signal = {
  name: 'namespace-hole',
  collect(context) {
    const prefix = context.cursor.linePrefix;
    const typed = TYPED_MEMBER.exec(prefix)?.[0] ?? '';
    const receiver = receiverBefore(prefix, prefix.length - typed.length);
    if (receiver === undefined) return [];
    const binding = CursorScope.of(context).bindings.get(receiver);
    const module = binding?.importedName === '*' && binding.resolvedPath !== undefined ? context.index.file(binding.resolvedPath) : undefined;
    if (!module || !context.isCandidate(module.path)) return [];
    const exports = module.definitions.filter(d => d.exported && d.container === undefined && d.name.startsWith(typed));
    if (exports.length === 0) return [];
    const w = context.weights.namespaceHole;
    const usedHere = MemberUses.of(context).counts(receiver);
    const likelihood = exports.map(d => Math.log2(2 + context.index.symbols.referencingFileCount(d.name)) * (1 + w.perUseInFile * (usedHere.get(d.name) ?? 0)));
    const total = likelihood.reduce((sum, x) => sum + x, 0);
    return exports.map((definition, i): Evidence => ({
      path: module.path,
      score: w.total * likelihood[i]! / total,
      reason: `exports \`${definition.name}\`, completes \`${receiver}.\` at the cursor`,
      definition,
      headerOnly: true,
    }));
  },
};
