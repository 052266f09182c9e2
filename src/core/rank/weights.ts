/**
 * Every weight of our ranking in one place. A signal's evidence is a score in "uses at the cursor" units:
 * one call written on the cursor line of a name defined in exactly one other file is worth about
 * `definitions.perUse`. The other signals are scaled against that.
 *
 * How they were chosen, and on which set. Each group says which of these applies:
 * - [watched] Set by hand in the first development session (2026-11-28, commits 6742960 to 8981bc6): a
 *   starting value from what a programmer would look up first, then adjusted while the context benchmark's
 *   figures for zod, rxjs, tRPC and mobx were watched (40 to 100 seeded positions each, the same every run).
 *   No search or fit was run, but those figures steered them, so they are tuned on those four corpora:
 *   that is why the four are in the tuning set (bench/sets.ts). The test set did not exist then.
 * - [tuned] Chosen by comparing values on the tuning set only; the comparison is cited.
 * - [bound] Derived from a cost or accuracy bound, not from the benchmark.
 * - [unmeasured] The benchmark sends no editor signals, so no figure has ever depended on it.
 * No constant was changed after reading a test-set figure. A change is measured on the tuning set
 * (`npm run bench:context -- --set tuning`) and its commit message says what it moved there. Packing's
 * constants (pack/) have the same history (0c2fe47 chose 48/12 declarations per file on zod).
 */
export const DEFAULT_WEIGHTS = {
  /** [watched] All from 6742960 except cursorLineBoost (d6c2aa3). */
  definitions: {
    /** One use of a name, at distance 0, before the decays below: the unit, not a choice. */
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
     * [tuned] (71e9099) A language server's facts (signals/facts.ts) are resolved, not guessed by name, so
     * they weigh like a use on the cursor line. The declaration of a type the hole expects is what the next tokens must build or
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
    /** Each type definition followed from another fact counts this share of it. Set by hand (2850753): only the scale above was compared. */
    depthFactor: 0.5,
    /**
     * [fitted] A fact names one declaration: it earns its whole weight, its file this share (Evidence.fileShare);
     * a type fact that resolves to no declaration of its file gives the file this share alone (signals/facts.ts).
     * The file's score spreads over all its declarations (spans.ts baseline) and packing weighs the file's
     * every snippet, its outline and its residual by it (pack/file-state.ts), so a fact's full weight in the
     * file score outbid a better-scored declaration elsewhere with that file's low-scored ones. Fitted by
     * likelihood on the tuning set's recorded rows (bench/reports/pack-value.md, 2026-12-02 facts section).
     */
    fileShare: 0.125,
    // The shares of these weights that signals/facts.ts gives what a fact implies (a member's small container,
    // the constructors of a named class and of its bases, a named receiver type's members at `x.|`) are
    // constants there, each with how it was chosen.
  },
  /** [watched] (6fdc260) */
  types: {
    /** A base class or interface of the enclosing class: `this.` reaches its members. */
    heritage: 1.2,
    /** The type of a variable or field used near the cursor (decaying with distance like a use). */
    variableType: 0.8,
  },
  namesakes: {
    /**
     * [tuned] The same-named export of a namespace this file imports, for the declaration being written
     * (signals/namesakes.ts): about a member access `ns.name` on the cursor line resolved through the import
     * (kind.member x cursorLineBoost x resolvedImport = 7.2), since that is the line it predicts. Compared
     * on the tuning set only (60 positions, 2K/8K/32K, against fb0c523): 4, 8 and 16 give the same coverage
     * (@fp-ts/data 2K 0.74 -> 0.89, the other corpora unchanged); @fp-ts/data's 2K MRR 0.58, 0.61, 0.59.
     */
    sameName: 8,
    /**
     * [tuned] Same-named methods elsewhere, for a method with no namesake in a namespace: one guess by name,
     * shared by them all. Tuning set (60 positions, vs sameName alone): tRPC 2K 0.81 -> 0.84, theia 2K
     * 0.75 -> 0.77, oauthlib 2K 0.67 -> 0.69 and 8K 0.83 -> 0.85, the others unchanged. 2 gained the same
     * but lost oauthlib's 8K span (0.71 -> 0.68); a share per method (sqrt instead of the count) lost
     * @fp-ts/data 2K 0.89 -> 0.87 to the `[Hash.symbol]` methods of every class (computed names are skipped).
     */
    methodByName: 1,
  },
  /**
   * [tuned] The member hole after a namespace import (signals/namespace-hole.ts). Compared on the tuning set
   * only (`--mask hole`, 60 positions, 2K/8K, against 799966d, 2K cover): without the signal zod 0.70,
   * @fp-ts/data 0.92, oauthlib 0.68; total 4: 0.77, 0.92; 8: 0.80, 0.94, 0.68; 16: 0.81, 0.95, 0.69; 32: 0.82,
   * 0.95, 0.69 but oauthlib's 2K MRR 0.59 -> 0.58; 64: @fp-ts/data's 2K MRR 0.81 -> 0.78. rxjs, tRPC, mobx,
   * theia unchanged at 8 to 32. `--mask line` never has a hole (zod identical).
   */
  namespaceHole: {
    /** Evidence shared by the module's exports at `ns.|`: the next token is one of them; twice a resolved member use on the cursor line. */
    total: 16,
    /** Each `ns.name` already written in this file adds this much to the name's share (0 gave @fp-ts/data 2K 0.94, 1 gave 0.95). */
    perUseInFile: 1,
  },
  /**
   * [watched] The member hole on a receiver whose class the text names (signals/class-hole.ts): `self.|`,
   * `Cls(…).|`, `x.|` of a known type. Half a namespace's total: at `self.|` the enclosing class's own members
   * share it too, and a guessed type (a variable's name) is less sure than an import. No other value was
   * tried; against main on the tuning set (100 positions, holes, bench/reports/pack-value.md,
   * 2026-12-03) 2K gold 757 -> 785 of 889, 8K 849 -> 855, 32K 876 -> 878, one gold lost (python3-jedi 2K).
   */
  classHole: {
    /** Evidence shared by the class's and its bases' members. */
    total: 8,
  },
  /**
   * [watched] The members of the enclosing class's typed fields on a line not yet begun (signals/class-fields.ts):
   * as much as a member hole's class, shared by the fields. Set by that analogy, no other value tried; against
   * main on the tuning set (`--mask line`, 60 positions) @theia/workspace's 2K member gold 16 -> 28 of 30 (with
   * facts 20 -> 28), the five other TypeScript corpora identical, and at holes all six.
   */
  classFields: {
    /** Evidence shared by the fields' types' members. */
    total: 8,
  },
  /** [watched] (3733285) */
  fileUsage: {
    /** A member of a namespace import used anywhere in this file: as good as importing it by name. */
    namespaceMember: 0.8,
    /** A member used anywhere in this file on a variable of a known type that the code near the cursor uses. */
    typedMember: 0.5,
  },
  /** [watched] (6742960) */
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
    /**
     * With the cursor inside an import statement, the names its module offers that it does not list yet each
     * weigh `importedDeclaration`, shared (by the square root) beyond this many names. Not compared with other
     * values: set so that a package __init__ of a few dozen names keeps most of the weight; the signal as a
     * whole was measured on the Python tuning corpora (whose parenthesised imports are targets) when it came.
     */
    offeredNamesAtFullWeight: 16,
  },
  /** [watched] (6742960) except where a constant says otherwise. */
  pagerank: {
    /** Weight of the best-ranked file; the others scale with their PageRank. */
    weight: 1,
    /** Not tuned: the usual value since Brin and Page (Aider's repository map uses it too). */
    damping: 0.85,
    /**
     * [bound] Residual per out-edge below which forward push stops (pagerank.ts): the work is at most
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
  /** [watched] (6742960; the query's lines 20/5 -> 8/2 in d6c2aa3, its rare-token limits in f3a625a) */
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
  /** [unmeasured] Set by hand from the order a programmer revisits code: edited, then visited, then merely open. */
  recency: {
    edited: 1,
    visited: 0.6,
    openTab: 0.4,
  },
  /** [watched] (f3a625a; the header spans in 8981bc6) */
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
    /**
     * [watched] Files handed to packing: enough for a 32K budget; packing's cost grows with them (80 -> 40 in
     * f6d66aa, for packing's time, while the four corpora's 32K figures were watched).
     */
    maxFiles: 40,
    /** [watched] Spans per file handed to packing, best first (the outline still shows the others' signatures). */
    maxSpansPerFile: 24,
    /** Reasons shown per file or span: display only, no figure depends on it. */
    maxReasons: 3,
    /** [bound] How far `export * from` / `export { a } from` chains are followed: a guard against cycles, not a weight. */
    maxReexportDepth: 8,
  },
} as const;

type Widened<T> = { readonly [K in keyof T]: T[K] extends number ? number : Widened<T[K]> };

/** The shape of the weights, for callers (the benchmark) that try other values. */
export type RankWeights = Widened<typeof DEFAULT_WEIGHTS>;
