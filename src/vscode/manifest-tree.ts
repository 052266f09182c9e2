import type { Manifest, ManifestItem } from '../core/types';

/** What the inspector shows, as plain data: the tree-view adapter turns these nodes into TreeItems. */
export type InspectorNode =
  | { readonly kind: 'header'; readonly label: string; readonly description: string; readonly tooltip: string }
  | { readonly kind: 'section'; readonly included: boolean; readonly label: string; readonly groups: readonly SourceGroup[] }
  | SourceGroup
  | { readonly kind: 'item'; readonly item: ManifestItem; readonly label: string; readonly description: string; readonly tooltip: string };

export interface SourceGroup {
  readonly kind: 'group';
  readonly label: string;
  readonly items: readonly ManifestItem[];
}

/** Where the last context came from: a completion request or the Build Context command. */
export type ContextOrigin = 'completion' | 'command';

export interface InspectedContext {
  readonly manifest: Manifest;
  readonly origin: ContextOrigin;
}

/** Compact token counts for narrow places: 950, 1.2K, 128K. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  const thousands = tokens / 1000;
  return `${thousands < 10 ? thousands.toFixed(1).replace(/\.0$/, '') : Math.round(thousands)}K`;
}

/** No roots before the first context: the view then shows its welcome content (a Build Context button). */
export function inspectorRoots(context: InspectedContext | undefined): InspectorNode[] {
  if (!context) return [];
  const { manifest, origin } = context;
  const header: InspectorNode = {
    kind: 'header',
    label: `${formatTokens(manifest.usedTokens)} / ${formatTokens(manifest.budget)} tokens`,
    description: `${origin} · ${manifest.file}:${manifest.position.line + 1}`,
    tooltip: [
      `Used ${manifest.usedTokens} of ${manifest.budget} tokens (${manifest.strategy})`,
      ...Object.entries(manifest.tokensBySource).map(([source, tokens]) => `${source}: ${tokens}`),
    ].join('\n'),
  };
  const sections = [true, false].flatMap(included => {
    const items = manifest.items.filter(i => i.included === included);
    if (items.length === 0) return [];
    const label = `${included ? 'Included' : 'Dropped'} (${items.length})`;
    return [{ kind: 'section', included, label, groups: groupBySource(items) } satisfies InspectorNode];
  });
  return [header, ...sections];
}

export function inspectorChildren(node: InspectorNode): InspectorNode[] {
  switch (node.kind) {
    case 'section':
      return [...node.groups];
    case 'group':
      return node.items.map(itemNode);
    default:
      return [];
  }
}

function groupBySource(items: readonly ManifestItem[]): SourceGroup[] {
  const bySource = new Map<string, ManifestItem[]>();
  for (const item of items) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item]);
  return [...bySource].map(([source, grouped]) => ({ kind: 'group', label: `${source} (${grouped.length})`, items: grouped }));
}

function itemNode(item: ManifestItem): InspectorNode {
  const lines = item.startLine === item.endLine ? `L${item.startLine}` : `L${item.startLine}-${item.endLine}`;
  return {
    kind: 'item',
    item,
    label: item.path,
    description: `${lines} · ${item.level} · ${formatTokens(item.tokens)} tok · ${item.score.toFixed(2)}`,
    tooltip: [
      `${item.path}:${lines} (${item.level}, ${item.tokens} tokens, score ${item.score.toFixed(3)})`,
      ...item.reasons.map(r => `• ${r}`),
      ...(item.dropped ? [`Dropped: ${item.dropped}`] : []),
    ].join('\n'),
  };
}
