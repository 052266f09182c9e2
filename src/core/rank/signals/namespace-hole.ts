import { receiverBefore, typedMember } from '../../cursor';
import type { Signal } from '../evidence';
import { namespaceExports, shareByLikelihood } from '../namespace-exports';

/**
 * The member being typed on a namespace import: at `util.|` the next token is one of that module's exports,
 * but no use names which, and the module's outline rarely fits a small budget. Its exports become
 * candidates, shown as signatures, sharing one use's worth of evidence by how likely each is: how many
 * workspace files reference the name (the symbol table's count) and how often this file already writes
 * `ns.name` (namespace-exports.ts).
 */
export const namespaceHoleSignal: Signal = {
  name: 'namespace-hole',
  collect(context) {
    const prefix = context.cursor.linePrefix;
    const typed = typedMember(prefix);
    const receiver = receiverBefore(prefix, prefix.length - typed.length);
    if (receiver === undefined) return [];
    const exports = namespaceExports(context, receiver, typed);
    return shareByLikelihood(exports, context.weights.namespaceHole.total, name => `exports \`${name}\`, completes \`${receiver}.\` at the cursor`);
  },
};
