// Re-implements Aider's repository map (aider/repomap.py, `RepoMap.get_ranked_tags`, Aider 0.8x;
// https://aider.chat/docs/repomap.html). Files are nodes; every identifier that a file references and
// other files define adds an edge referencer -> definer weighted sqrt(references) x a multiplier:
//   x10 when the identifier is mentioned (here: near the cursor, Aider: in the chat),
//   x10 for long (>= 8 characters) snake_case, kebab-case or camelCase names,
//   x0.1 for names starting with `_`, x0.1 for names defined in more than 5 files,
//   x50 when the referencer is the current file (Aider: a file in the chat).
// Identifiers defined but never referenced add a 0.1 self-loop. PageRank personalized on the current file
// (Aider's chat files) ranks the files; each file's rank is shared among its out-edges by weight and each
// (definer, identifier) pair collects the shares of the edges into it. Definitions are emitted in that order,
// the current file's own left out, each as its signature lines, until packing's budget is full.
// Taken from Aider: the multipliers, sqrt of counts, the self-loops, personalization and dangling mass on
// the chat file, the rank distribution. Ours: the tags are the index's tree-sitter definitions and
// references, the current file's references are counted in the (masked) buffer, and each definition is
// packed as its own signature snippet (Aider renders the same lines through its TreeContext).
import type { IndexView } from '../../index/view';
import type { Definition } from '../../types';
import { personalizedPageRank, type WeightedEdge } from '../pagerank';
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

interface FileTags {
  readonly hash: string;
  readonly definitions: ReadonlyMap<string, readonly Definition[]>;
  readonly references: ReadonlyMap<string, number>;
}

const tagCache = new WeakMap<IndexView, { generation: number; readonly tags: Map<string, FileTags> }>();

export function repoMapStrategy(options: RepoMapOptions = DEFAULT_REPOMAP): Strategy {
  return {
    name: 'repomap',
    rank({ index, cursor, text }: RankInput) {
      const tags = currentTags(index);
      const current = cursor.file;
      const references = new Map<string, Map<string, number>>(); // identifier -> referencer -> count
      const defines = new Map<string, string[]>(); // identifier -> definers
      const addReferences = (path: string, counts: ReadonlyMap<string, number>) => {
        for (const [name, count] of counts) {
          let byFile = references.get(name);
          if (!byFile) references.set(name, (byFile = new Map()));
          byFile.set(path, count);
        }
      };
      for (const [path, fileTags] of tags) {
        for (const name of fileTags.definitions.keys()) {
          const list = defines.get(name);
          if (list) list.push(path);
          else defines.set(name, [path]);
        }
        if (path !== current) addReferences(path, fileTags.references);
      }
      addReferences(current, countIdentifiers(text)); // the buffer, not the indexed text: it is what the user has

      // Every referencer of an identifier links to every definer with the same weight, so edges are kept
      // per (referencer, identifier) and expanded only when summed per file pair: that keeps a name defined
      // in many files from multiplying the work, with the same ranks as Aider's one-edge-per-pair graph.
      const mentioned = new Set(cursor.identifiers.map(i => i.name));
      const links: { readonly identifier: string; readonly definers: readonly string[]; readonly from: readonly (readonly [string, number])[] }[] = [];
      const nodes = [...new Set([...tags.keys(), current])];
      const nodeId = new Map(nodes.map((path, i) => [path, i]));
      const outWeight = new Map<string, number>();
      const pairWeight = new Map<number, number>(); // from * nodes + to -> summed weight
      const link = (from: string, to: string, weight: number) => {
        const key = nodeId.get(from)! * nodes.length + nodeId.get(to)!;
        pairWeight.set(key, (pairWeight.get(key) ?? 0) + weight);
        outWeight.set(from, (outWeight.get(from) ?? 0) + weight);
      };
      for (const [identifier, definers] of defines) {
        const referencers = references.get(identifier);
        const from: (readonly [string, number])[] = [];
        if (!referencers) {
          for (const definer of definers) {
            link(definer, definer, UNREFERENCED_SELF_LOOP);
            links.push({ identifier, definers: [definer], from: [[definer, UNREFERENCED_SELF_LOOP]] });
          }
          continue;
        }
        const multiplier = identifierMultiplier(identifier, mentioned.has(identifier), definers.length);
        for (const [referencer, count] of referencers) {
          const weight = multiplier * (referencer === current ? CHAT_FILE : 1) * Math.sqrt(count);
          from.push([referencer, weight]);
          for (const definer of definers) link(referencer, definer, weight);
        }
        links.push({ identifier, definers, from });
      }
      const edges: WeightedEdge[] = [];
      for (const [key, weight] of pairWeight) edges.push({ from: nodes[Math.floor(key / nodes.length)], to: nodes[key % nodes.length], weight });
      const rank = personalizedPageRank(nodes, edges, new Map([[current, 1]]));

      // Each file's rank is shared among its out-edges by weight; a definition collects the shares of the edges into it.
      const ranked: { path: string; identifier: string; rank: number }[] = [];
      for (const { identifier, definers, from } of links) {
        let share = 0;
        for (const [referencer, weight] of from) share += ((rank.get(referencer) ?? 0) * weight) / outWeight.get(referencer)!;
        for (const path of definers) if (path !== current) ranked.push({ path, identifier, rank: share });
      }
      ranked.sort((a, b) => b.rank - a.rank || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.identifier < b.identifier ? -1 : 1));

      const spans: PlacedSpan[] = [];
      for (const { path, identifier, rank: share } of ranked) {
        for (const definition of tags.get(path)!.definitions.get(identifier)!) {
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

/** Definitions and reference counts of every indexed file, recomputed only for files whose hash changed. */
function currentTags(index: IndexView): Map<string, FileTags> {
  let entry = tagCache.get(index);
  if (entry?.generation === index.generation) return entry.tags;
  if (!entry) tagCache.set(index, (entry = { generation: index.generation, tags: new Map() }));
  entry.generation = index.generation;
  const cache = entry.tags;
  const seen = new Set<string>();
  for (const file of index.files()) {
    seen.add(file.path);
    if (cache.get(file.path)?.hash === file.hash) continue;
    const definitions = new Map<string, Definition[]>();
    for (const definition of file.definitions) {
      const list = definitions.get(definition.name);
      if (list) list.push(definition);
      else definitions.set(definition.name, [definition]);
    }
    const references = new Map<string, number>();
    for (const reference of file.references) references.set(reference.name, (references.get(reference.name) ?? 0) + 1);
    cache.set(file.path, { hash: file.hash, definitions, references });
  }
  for (const path of [...cache.keys()]) if (!seen.has(path)) cache.delete(path);
  return cache;
}

function countIdentifiers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of text.match(IDENTIFIER) ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}
