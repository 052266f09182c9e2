// Re-implements Aider's repository map (aider/repomap.py, `RepoMap.get_ranked_tags`, Aider 0.8x;
// https://aider.chat/docs/repomap.html). Files are nodes; every identifier that a file references and
// other files define adds an edge referencer -> definer weighted sqrt(references) x a multiplier:
//   x10 when the identifier is mentioned (here: near the cursor, Aider: in the chat),
//   x10 for long (>= 8 characters) snake_case, kebab-case or camelCase names,
//   x0.1 for names starting with `_`, x0.1 for names defined in more than 5 files,
//   x50 when the referencer is the current file (Aider: a file in the chat).
// Identifiers defined but never referenced add a 0.1 self-loop. PageRank personalized on the current file
// (Aider's chat files) ranks the files (by local push, so only the files the current one reaches are read); each file's rank is shared among its out-edges by weight and each
// (definer, identifier) pair collects the shares of the edges into it. Definitions are emitted in that order,
// the current file's own left out, each as its signature lines, until packing's budget is full.
// Taken from Aider: the multipliers, sqrt of counts, the self-loops, personalization and dangling mass on
// the chat file, the rank distribution. Ours: the tags are the index's tree-sitter definitions and
// references, the current file's references are counted in the (masked) buffer, and each definition is
// packed as its own signature snippet (Aider renders the same lines through its TreeContext).
import type { Definition } from '../../types';
import { outEdgesFrom, personalizedPageRank, type OutEdges } from '../pagerank';
import type { RankInput, Strategy } from '../strategy';
import { inOrderRanking, type PlacedSpan } from './ranking';

export interface RepoMapOptions {
  /** Definitions handed to packing: about what the cross-file part of a 32K-token budget holds as signatures. */
  readonly maxDefinitions: number;
}

export const DEFAULT_REPOMAP: RepoMapOptions = { maxDefinitions: 800 };

/** Aider's weights. */
const MENTIONED = 10;
const DESCRIPTIVE_NAME = 10;
const DESCRIPTIVE_NAME_LENGTH = 8;
const PRIVATE_NAME = 0.1;
const COMMON_NAME = 0.1;
const COMMON_NAME_DEFINERS = 5;
const CHAT_FILE = 50;
const UNREFERENCED_SELF_LOOP = 0.1;

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** One identifier's edges out of a file: to each of its definers, with one weight. */
interface Link {
  readonly identifier: string;
  readonly definers: readonly string[];
  readonly weight: number;
  /** A self-loop for a definition nobody references: its share is the definer's own. */
  readonly selfLoop: boolean;
}

interface NodeLinks {
  readonly links: readonly Link[];
  readonly outWeight: number;
  readonly edges: OutEdges;
}

export function repoMapStrategy(options: RepoMapOptions = DEFAULT_REPOMAP): Strategy {
  return {
    name: 'repomap',
    rank({ index, state, cursor, text, stop }: RankInput) {
      const current = cursor.file;
      const mentioned = new Set(cursor.identifiers.map(i => i.name));
      const bufferCounts = countIdentifiers(text); // the buffer, not the indexed text: it is what the user has
      const definersMemo = new Map<string, readonly string[]>();
      const definersOf = (name: string): readonly string[] => {
        let paths = definersMemo.get(name);
        if (!paths) definersMemo.set(name, (paths = [...new Set(index.symbols.definitionsOf(name).map(l => l.path))]));
        return paths;
      };
      const referencedAnywhere = (name: string): boolean => {
        const referencers = state.referencersOf(name);
        return bufferCounts.has(name) || referencers.size > 1 || (referencers.size === 1 && !referencers.has(current));
      };

      // The graph is read node by node from the tags as the push reaches them: every referencer of an
      // identifier links to every definer with the same weight, a definition nobody references loops to itself.
      const nodes = new Map<string, NodeLinks>();
      const linksOf = (path: string): NodeLinks => {
        let node = nodes.get(path);
        if (node) return node;
        const links: Link[] = [];
        const counts = path === current ? bufferCounts : state.features(path)?.referenceCounts ?? new Map<string, number>();
        for (const [identifier, count] of counts) {
          const definers = definersOf(identifier);
          if (definers.length === 0) continue;
          const weight = identifierMultiplier(identifier, mentioned.has(identifier), definers.length) * (path === current ? CHAT_FILE : 1) * Math.sqrt(count);
          links.push({ identifier, definers, weight, selfLoop: false });
        }
        for (const identifier of new Set(index.file(path)?.definitions.map(d => d.name))) {
          if (!referencedAnywhere(identifier)) links.push({ identifier, definers: [path], weight: UNREFERENCED_SELF_LOOP, selfLoop: true });
        }
        const weights = new Map<string, number>();
        let outWeight = 0;
        for (const link of links) {
          for (const definer of link.definers) weights.set(definer, (weights.get(definer) ?? 0) + link.weight);
          outWeight += link.weight * link.definers.length;
        }
        nodes.set(path, (node = { links, outWeight, edges: outEdgesFrom(weights) }));
        return node;
      };
      const rank = personalizedPageRank(new Map([[current, 1]]), path => linksOf(path).edges, {}, stop);

      // Each file's rank is shared among its out-edges by weight; a definition collects the shares of the edges into it.
      const shares = new Map<string, { readonly link: Link; share: number }>();
      for (const [referencer, value] of rank) {
        const { links, outWeight } = linksOf(referencer);
        for (const link of links) {
          const key = link.selfLoop ? `${link.identifier}\0${referencer}` : link.identifier;
          let entry = shares.get(key);
          if (!entry) shares.set(key, (entry = { link, share: 0 }));
          entry.share += (value * link.weight) / outWeight;
        }
      }
      const ranked: { path: string; identifier: string; rank: number }[] = [];
      for (const { link, share } of shares.values()) {
        for (const path of link.definers) if (path !== current) ranked.push({ path, identifier: link.identifier, rank: share });
      }
      ranked.sort((a, b) => b.rank - a.rank || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.identifier < b.identifier ? -1 : 1));

      const spans: PlacedSpan[] = [];
      for (const { path, identifier, rank: share } of ranked) {
        const definitions: readonly Definition[] = index.file(path)?.definitions.filter(d => d.name === identifier) ?? [];
        for (const definition of definitions) {
          if (spans.length >= options.maxDefinitions) break;
          const signature = definition.signatureRange;
          spans.push({
            path,
            span: { startLine: signature.start.line, endLine: signature.end.line, score: share, reasons: [`repo map: \`${identifier}\` ranks ${share.toExponential(2)}`] },
          });
        }
      }
      return inOrderRanking(spans, 'repomap');
    },
  };
}

function identifierMultiplier(identifier: string, mentioned: boolean, definerCount: number): number {
  const hasLetter = /[A-Za-z]/.test(identifier);
  const snake = identifier.includes('_') && hasLetter;
  const kebab = identifier.includes('-') && hasLetter;
  const camel = /[A-Z]/.test(identifier) && /[a-z]/.test(identifier);
  let multiplier = 1;
  if (mentioned) multiplier *= MENTIONED;
  if ((snake || kebab || camel) && identifier.length >= DESCRIPTIVE_NAME_LENGTH) multiplier *= DESCRIPTIVE_NAME;
  if (identifier.startsWith('_')) multiplier *= PRIVATE_NAME;
  if (definerCount > COMMON_NAME_DEFINERS) multiplier *= COMMON_NAME;
  return multiplier;
}

function countIdentifiers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of text.match(IDENTIFIER) ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
