import type { Evidence, Signal, SignalContext } from '../evidence';
import { MemberUses } from '../member-uses';
import { namespaceExports, shareByLikelihood, type NamespaceExport } from '../namespace-exports';

/**
 * A line not yet begun near uses of a namespace import often writes another export of it: zod's locales call
 * `util.parsedType(issue.input)` a few lines from `util.joinValues(…)`, @fp-ts/data's facades write `export
 * const values = HS.values` among `HS.isSubset` and `HS.size`. The module's outline rarely fits a small budget,
 * and on a blank line no `ns.|` says which namespace comes next. The namespaces used within
 * {@link NEARBY_NAMESPACES}.lines of the cursor (never on its own line, which a blank line does not have yet)
 * share the weight by those uses. Each offers its likeliest exports' signatures (namespace-exports.ts), each
 * with its share of the namespace's whole, among those this file does not write after `ns.` yet: the ones it
 * writes already have the file-usage and definitions signals' evidence. Only where the cursor line is blank
 * before the cursor, as the class-fields signal.
 */
export const nearbyNamespacesSignal: Signal = {
  name: 'nearby-namespaces',
  collect(context) {
    if (context.cursor.linePrefix.trim() !== '') return [];
    const namespaces = namespacesUsedNear(context);
    const total = namespaces.reduce((sum, { uses }) => sum + uses, 0);
    return namespaces.flatMap(({ receiver, uses, exports }): Evidence[] => {
      const weight = (context.weights.nearbyNamespaces.total * uses) / total;
      return shareByLikelihood(exports, weight, name => `exports \`${name}\`, of the namespace \`${receiver}\` used near the cursor`)
        .sort((a, b) => b.score - a.score)
        .slice(0, NEARBY_NAMESPACES.perNamespace);
    });
  },
};

/**
 * How near (before the cursor: the cursor stage reads 10 lines after it), and how many exports per namespace.
 * Compared on the tuning set only (`--mask line`, 60 positions, 2K/8K, zod and @fp-ts/data against 063e3fa).
 * With the exports already written offered too, likeliest first: 10 lines won zod's `util.parsedType` twice and
 * @fp-ts/data's `D.updateWith` at 2K; 30 lines lost zod's `issue.origin` twice with facts; 8 exports lost one
 * `issue.origin` and missed `D.updateWith`. Without the exports already written, 10 lines also won `HS.values`, and 20
 * or 30 `RBT.atForwards` (the nearest `RBT.` 14 lines away); 20 and 30 gave the same gold on the whole tuning set.
 */
export const NEARBY_NAMESPACES = { lines: 20, perNamespace: 16 } as const;

interface NearbyNamespace {
  readonly receiver: string;
  /** `receiver.name` accesses within NEARBY_NAMESPACES.lines of the cursor. */
  readonly uses: number;
  /** The namespace's exports this file does not write after `receiver.` yet. */
  readonly exports: readonly NamespaceExport[];
}

/** The namespace imports written as receivers within NEARBY_NAMESPACES.lines of the cursor, off its line, in the order first met. */
function namespacesUsedNear(context: SignalContext): NearbyNamespace[] {
  const { cursor } = context;
  const uses = new Map<string, number>();
  for (const { receiver, line, distance } of cursor.identifiers) {
    if (receiver !== undefined && line !== cursor.position.line && distance <= NEARBY_NAMESPACES.lines) uses.set(receiver, (uses.get(receiver) ?? 0) + 1);
  }
  return [...uses].flatMap(([receiver, count]) => {
    const exports = namespaceExports(context, receiver, '');
    if (exports.length === 0) return [];
    const written = MemberUses.of(context).counts(receiver);
    const unwritten = exports.filter(({ definition }) => !written.has(definition.name));
    return unwritten.length > 0 ? [{ receiver, uses: count, exports: unwritten }] : [];
  });
}
