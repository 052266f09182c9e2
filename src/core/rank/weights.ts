/**
 * Every weight of our ranking in one place. A signal's evidence is a score in "uses at the cursor" units:
 * one call written on the cursor line of a name defined in exactly one other file is worth about
 * `definitions.perUse`. The other signals are scaled against that. The values are chosen from first
 * principles (what a programmer would look up first), not fitted to one corpus.
 */
export const DEFAULT_WEIGHTS = {
  definitions: {
    /** One use of a name, at distance 0, before the decays below. */
    perUse: 1,
    /** Lines at which a use counts half: weight = 1 / (1 + distance / halfLife). */
    distanceHalfLifeLines: 6,
    /** Uses on the cursor line: the statement being typed is what the completion continues. */
    cursorLineBoost: 8,
    /** Uses after the cursor count less: the code before it is what the completion continues. */
    suffixFactor: 0.7,
    /** How telling each kind of use is. Members are weakest: the receiver's type is often unknown. */
    kind: { call: 1, type: 1, identifier: 0.8, member: 0.6 },
    /** A name resolved exactly through this file's imports is certain, not a guess by name. */
    resolvedImport: 1.5,
    /** Definitions found by name only, when the same name is also defined in this file (a local shadows). */
    shadowedByLocal: 0.25,
    /** The declaration of a receiver's type (`svc: Service` then `svc.handle`). */
    receiverType: 1,
    /** A member whose container is the receiver's known type, compared with a member merely named alike. */
    memberOfReceiverType: 2,
  },
  facts: {
    /**
     * A language server's facts (signals/facts.ts) are resolved, not guessed by name, so they weigh like a use
     * on the cursor line. The declaration of a type the hole expects is what the next tokens must build or
     * call; the type of a binding used nearby (and where it is declared) comes next; a plain definition is
     * mostly found by the definitions signal already. The ratios are from those principles; the scale was
     * chosen on the tuning set only (zod, 60 positions, `--lsp --facts-budget 2000 --add-tsconfig` so that
     * the facts were complete): half these values gave 8K coverage 0.89 and MRR 0.46, these 0.91 and 0.56,
     * equal at 2K (0.78). No test-set figure was read before they were fixed.
     */
    expectedType: 16,
    bindingType: 8,
    typeDefinition: 8,
    definition: 4,
    /** Each type definition followed from another fact counts this share of it. */
    depthFactor: 0.5,
  },
  types: {
    /** A base class or interface of the enclosing class: `this.` reaches its members. */
    heritage: 1.2,
    /** The type of a variable or field used near the cursor (decaying with distance like a use). */
    variableType: 0.8,
  },
  fileUsage: {
    /** A member of a namespace import used anywhere in this file: as good as importing it by name. */
    namespaceMember: 0.8,
    /** A member used anywhere in this file on a variable of a known type that the code near the cursor uses. */
    typedMember: 0.5,
  },
  imports: {
    /** A file this file imports. */
    direct: 1.2,
    /** A declaration this file imports by name (resolved through re-exports). */
    importedDeclaration: 0.8,
    /** A direct import that only re-exports (a barrel) tells little by itself. */
    barrelFactor: 0.3,
    /** A file imported by this file's imports (shared by the fan-out). */
    transitive: 0.5,
    /** A file that imports this one (shared by the fan-in). */
    importer: 0.5,
  },
  pagerank: {
    /** Weight of the best-ranked file; the others scale with their PageRank. */
    weight: 1,
    damping: 0.85,
    /**
     * Residual per out-edge below which forward push stops (pagerank.ts): the work is at most
     * 1 / (0.15 x 1e-4) ~ 67,000 edge visits whatever the workspace's size, and each estimate is within
     * 1e-4 x its out-degree of the exact rank, far below the best candidate's rank that scores are divided
     * by. Chosen from that bound, not tuned on the benchmark.
     */
    pushTolerance: 1e-4,
    /** Personalization mass of the current file; each file defining a cursor identifier gets its share of 1. */
    currentFileSeed: 1,
    /** A name defined in more files than this links nothing: it is too common to tell where it points. */
    maxDefiningFilesPerEdge: 8,
  },
  lexical: {
    /** Weight of the most similar chunk; the others scale with their BM25 score. */
    weight: 0.8,
    queryLinesBefore: 8,
    queryLinesAfter: 2,
    /** The query keeps the rarest tokens of those lines, at most this many ... */
    maxQueryTokens: 12,
    /** ... and none found in more than this share of the files. */
    maxTokenFileShare: 0.1,
    chunkLimit: 40,
  },
  recency: {
    edited: 1,
    visited: 0.6,
    openTab: 0.4,
  },
  spans: {
    /**
     * Share of a file's score spread over its declarations as a baseline, so declarations without direct
     * evidence still carry their file's relevance. Spread, not repeated: a file is not worth more for
     * declaring more.
     */
    baselineShare: 0.5,
    /** Relative weights of that spread: an exported declaration is the likelier one to be used elsewhere. */
    exported: 3,
    other: 1,
    /** A declaration with direct evidence longer than this many lines also offers its header as a span ... */
    headerOnlyAboveLines: 30,
    /** ... of at most this many lines ... */
    maxHeaderLines: 6,
    /** ... worth this share of the declaration's score (the body says more, the header most per token). */
    headerShare: 0.5,
  },
  limits: {
    /** Files handed to packing: enough for a 32K budget; packing's cost grows with them. */
    maxFiles: 40,
    /** Spans per file handed to packing, best first (the outline still shows the others' signatures). */
    maxSpansPerFile: 24,
    /** Reasons shown per file or span. */
    maxReasons: 3,
    /** How far `export * from` / `export { a } from` chains are followed. */
    maxReexportDepth: 8,
  },
} as const;

type Widened<T> = { readonly [K in keyof T]: T[K] extends number ? number : Widened<T[K]> };

/** The shape of the weights, for callers (the benchmark) that try other values. */
export type RankWeights = Widened<typeof DEFAULT_WEIGHTS>;
