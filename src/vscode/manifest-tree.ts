import type { MonitoredCompletion } from '../core/service/api';
import type { Manifest, ManifestItem } from '../core/types';
import { monitorDetails, monitorLines, monitorSummary, type MonitorLine } from './monitor-report';

/** What the inspector shows, as plain data: the tree-view adapter turns these nodes into TreeItems. */
export type InspectorNode =
  | { readonly kind: 'header'; readonly label: string; readonly description: string; readonly tooltip: string }
  | MonitorGroup
  | { readonly kind: 'monitor-line'; readonly line: MonitorLine }
  | { readonly kind: 'selections'; readonly label: string; readonly entries: readonly SelectionNode[] }
  | SelectionNode
  | { readonly kind: 'section'; readonly included: boolean; readonly label: string; readonly groups: readonly SourceGroup[] }
  | SourceGroup
  | FileNode
  | { readonly kind: 'item'; readonly item: ManifestItem; readonly label: string; readonly description: string; readonly tooltip: string };

/** What the monitor changed in the completion written with the shown context, and why. */
export interface MonitorGroup {
  readonly kind: 'monitor';
  readonly label: string;
  readonly description: string;
  readonly lines: readonly MonitorLine[];
  /** Open when something was changed or found: that is what the user came to see. */
  readonly expanded: boolean;
}

export interface SelectionNode {
  readonly kind: 'selection';
  readonly path: string;
  readonly pinned: boolean;
  readonly label: string;
  readonly description: string;
  /** Set when the file cannot fit: a pinned file larger than the completion budget allows. */
  readonly warning?: string;
}

export interface SourceGroup {
  readonly kind: 'group';
  readonly label: string;
  readonly files: readonly FileNode[];
}

/** One file's material: its snippets and outline as children, in line order. */
export interface FileNode {
  readonly kind: 'file';
  readonly path: string;
  readonly items: readonly ManifestItem[];
  readonly tokens: number;
  readonly score: number;
  readonly excluded: boolean;
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
}

/** Where a context came from: a completion request or the Build Context command. */
export type ContextOrigin = 'completion' | 'command';

export interface InspectedContext {
  readonly manifest: Manifest;
  readonly origin: ContextOrigin;
  readonly at: Date;
  /** How many contexts were built after this one (it is held, see ContextHistory). */
  readonly newer: number;
  /** The monitor's result for the completion written with this context; absent when the monitor did not run. */
  readonly monitored?: MonitoredCompletion;
}

export interface Selections {
  readonly pinned: readonly string[];
  readonly excluded: readonly string[];
}

/** The ranking's signal names in the user's words. */
const SOURCE_WORDS: Readonly<Record<string, string>> = {
  pinned: 'pinned',
  definitions: 'definitions used near the cursor',
  types: 'types used near the cursor',
  facts: 'types the language server found',
  imports: 'imported by this file',
  'file-usage': 'files that use this one',
  pagerank: 'central to the project',
  lexical: 'similar code',
  recency: 'recently opened or edited',
};

const ORIGIN_WORDS: Record<ContextOrigin, string> = { completion: 'completion', command: 'Build Context' };

/**
 * Compact token counts for narrow places: 950, 1.2K, 8K. Budgets are usually powers of two, so a multiple of
 * 1024 counts in K of 1024 (8192 reads 8K, not 8.2K); other counts in thousands.
 */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  const thousands = tokens % 1024 === 0 ? tokens / 1024 : tokens / 1000;
  return `${thousands < 10 ? thousands.toFixed(1).replace(/\.0$/, '') : Math.round(thousands)}K`;
}

export function sourceWords(source: string): string {
  return SOURCE_WORDS[source] ?? (source === 'none' ? 'other' : source);
}

/** No roots before the first context and without pins or exclusions: the view then shows its welcome content. */
export function inspectorRoots(context: InspectedContext | undefined, selections: Selections = { pinned: [], excluded: [] }, completionBudget?: number): InspectorNode[] {
  const chosen = selectionsNode(selections, context?.manifest, completionBudget);
  if (!context) return chosen ? [chosen] : [];
  const { manifest, origin } = context;
  const newer = context.newer > 0 ? ` · ${context.newer} newer in History` : '';
  const header: InspectorNode = {
    kind: 'header',
    label: `${formatTokens(manifest.usedTokens)} / ${formatTokens(manifest.budget)} tokens`,
    description: `${ORIGIN_WORDS[origin]} · ${baseName(manifest.file)}:${manifest.position.line + 1} · ${clock(context.at)}${newer}`,
    tooltip: [
      `${ORIGIN_WORDS[origin]} for ${manifest.file}:${manifest.position.line + 1} at ${clock(context.at)}${newer}`,
      `Used ${manifest.usedTokens} of ${manifest.budget} tokens (${manifest.strategy})`,
      ...Object.entries(manifest.tokensBySource).map(([source, tokens]) => `${source === 'prefix' || source === 'suffix' ? source : sourceWords(source)}: ${tokens}`),
      ...(manifest.partial ? [`Partial: ${manifest.partial}`] : []),
      ...(manifest.mirrorsLeftOut ? [`Left out: ${manifest.mirrorsLeftOut} compiled copies (.js, .d.ts) of indexed sources`] : []),
    ].join('\n'),
  };
  const sections = [true, false].flatMap(included => {
    const items = manifest.items.filter(i => i.included === included);
    if (items.length === 0) return [];
    const label = `${included ? 'Included' : 'Dropped'} (${items.length})`;
    return [{ kind: 'section', included, label, groups: groupFiles(items, selections) } satisfies InspectorNode];
  });
  const monitor = context.monitored && monitorGroup(context.monitored);
  return [header, ...(monitor ? [monitor] : []), ...(chosen ? [chosen] : []), ...sections];
}

function monitorGroup(result: MonitoredCompletion): MonitorGroup {
  return {
    kind: 'monitor',
    label: `Monitor: ${monitorSummary(result)}`,
    description: monitorDetails(result),
    lines: monitorLines(result),
    expanded: result.changes.length + result.findings.length > 0,
  };
}

export function inspectorChildren(node: InspectorNode): InspectorNode[] {
  switch (node.kind) {
    case 'selections':
      return [...node.entries];
    case 'monitor':
      return node.lines.map(line => ({ kind: 'monitor-line', line }));
    case 'section':
      return [...node.groups];
    case 'group':
      return [...node.files];
    case 'file':
      return node.items.map(itemNode);
    default:
      return [];
  }
}

/** Files grouped by their best item's source, groups and files best first; a file's parts in line order. */
function groupFiles(items: readonly ManifestItem[], selections: Selections): SourceGroup[] {
  const byPath = new Map<string, ManifestItem[]>();
  for (const item of items) byPath.set(item.path, [...(byPath.get(item.path) ?? []), item]);
  const files = [...byPath].map(([path, parts]) => fileNode(path, parts, selections.excluded.includes(path)));
  files.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  const bySource = new Map<string, FileNode[]>();
  for (const file of files) {
    const source = sourceWords(bestItem(file.items).source);
    bySource.set(source, [...(bySource.get(source) ?? []), file]);
  }
  return [...bySource].map(([source, grouped]) => ({ kind: 'group', label: `${source} (${grouped.length})`, files: grouped }));
}

function fileNode(path: string, parts: readonly ManifestItem[], excluded: boolean): FileNode {
  const items = [...parts].sort((a, b) => a.startLine - b.startLine);
  const best = bestItem(items);
  const tokens = items.reduce((sum, i) => sum + i.tokens, 0);
  const included = items.some(i => i.included);
  // Paths stay in the label and the description stays short, so both fit at the default sidebar width.
  const cost = included ? `${formatTokens(tokens)} tok` : `would cost ${formatTokens(tokens)}`;
  return {
    kind: 'file',
    path,
    items,
    tokens,
    score: best.score,
    excluded,
    label: path,
    description: excluded ? `${cost} · excluded` : cost,
    tooltip: [
      `${path}: ${tokens} tokens in ${items.length} part${items.length === 1 ? '' : 's'}, best score ${best.score.toFixed(3)}`,
      ...(excluded ? ['Excluded: the next prompt leaves it out.'] : []),
      ...best.reasons.map(r => `• ${r}`),
      ...(best.dropped ? [`Dropped: ${best.dropped}`] : []),
    ].join('\n'),
  };
}

function bestItem(items: readonly ManifestItem[]): ManifestItem {
  return items.reduce((best, i) => (i.score > best.score ? i : best));
}

function itemNode(item: ManifestItem): InspectorNode {
  const lines = item.startLine === item.endLine ? `L${item.startLine}` : `L${item.startLine}-${item.endLine}`;
  return {
    kind: 'item',
    item,
    label: `${lines} ${item.level}`,
    description: `${item.included ? '' : 'would cost '}${formatTokens(item.tokens)} tok · ${item.score.toFixed(2)}`,
    tooltip: [
      `${item.path}:${lines} (${item.level}, ${item.tokens} tokens, score ${item.score.toFixed(3)})`,
      ...item.reasons.map(r => `• ${r}`),
      ...(item.dropped ? [`Dropped: ${item.dropped}`] : []),
    ].join('\n'),
  };
}

/** Pins and exclusions, each pinned file with what it costs in the shown context and a warning when it cannot fit. */
function selectionsNode(selections: Selections, manifest: Manifest | undefined, completionBudget: number | undefined): InspectorNode | undefined {
  const pinned = selections.pinned.map(path => {
    const tokens = manifest?.items.filter(i => i.path === path).reduce((sum, i) => sum + i.tokens, 0) ?? 0;
    const tooBig = completionBudget !== undefined && tokens > completionBudget;
    const node: SelectionNode = {
      kind: 'selection',
      path,
      pinned: true,
      label: path,
      description: tokens > 0 ? `${formatTokens(tokens)} tok` : '',
      ...(tooBig ? { warning: `Pinned, but it costs ${tokens} tokens and a completion's whole budget is ${completionBudget}: completions cannot include all of it.` } : {}),
    };
    return node;
  });
  const excluded = selections.excluded.map((path): SelectionNode => ({ kind: 'selection', path, pinned: false, label: path, description: 'excluded' }));
  const entries = [...pinned, ...excluded];
  return entries.length === 0 ? undefined : { kind: 'selections', label: `Pinned and excluded (${entries.length})`, entries };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function clock(at: Date): string {
  return at.toTimeString().slice(0, 8);
}
