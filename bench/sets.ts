// The corpora of the context benchmark, split into a tuning set and a test set: one place, so that every
// run and every report agrees on which numbers may be tuned against.
//
// How the split was chosen. The four libraries the ranking was developed on (zod, rxjs, tRPC, mobx) had
// their figures watched while constants were adjusted, so they can only be tuning corpora. The test set
// is made of corpora nobody had measured when the split was made, one per style the issue asks for, so a
// figure on it says how the ranking does on code it was not fitted to:
//   - a functional style with namespace imports and very large modules: @fp-ts/core (tuning gets its
//     sibling @fp-ts/data, same style, other code);
//   - an application rather than a library: @continuedev/core, the core of the Continue IDE extension
//     (LLM providers, autocomplete, indexing, configuration; it ships its TypeScript sources). Tuning gets
//     @theia/workspace, the workspace feature of the Theia IDE (dependency injection, widgets, commands);
//   - Python, from Debian's packaged sources: rich (about 80 typed modules of one flat package, a
//     rendering protocol) in the test set; oauthlib (a deep package tree of classes, relative imports) in
//     tuning. (pyparsing was tried first and dropped before any figure was read: 11 files give at most 33
//     positions at 3 per file, too few to report.) Tuning later got jedi (84 modules of large classes, state
//     in instance attributes, absolute imports of its own package) as class-heavy Python beside oauthlib's
//     more functional modules; chosen without looking at the test set.
// Different corpora, not different positions of one corpus: positions in one corpus share files, so a
// constant fitted on some of them is fitted on the others too.
//
// Tuning reads only the tuning set (`--set tuning`); the report shows both, test first. The test set is
// sampled with TEST_SEED, fixed: never change it to move a figure.

export const CORPUS_SETS = {
  test: ['@fp-ts/core@0.2.1', '@continuedev/core@1.1.0', 'python3-rich'],
  tuning: ['zod@4.6.7', 'rxjs@7.8.2', '@trpc/server@11.25.2', 'mobx@7.1.3', '@fp-ts/data@0.1.1', '@theia/workspace@1.75.0', 'python3-oauthlib', 'python3-jedi'],
} as const satisfies Record<string, readonly string[]>;

export type SetName = keyof typeof CORPUS_SETS;

/** Test first: the figure to read is the one nobody tuned against. */
export const SET_NAMES: readonly SetName[] = ['test', 'tuning'];

/** The sampler's documented default seed (src/core/eval/sample.ts), for both sets; the test set's never changes. */
export const TEST_SEED = 20240601;

export const ALL_CORPORA: readonly string[] = SET_NAMES.flatMap(set => CORPUS_SETS[set]);

/** Which set a corpus belongs to; undefined for a directory or package outside both. */
export function setOf(corpus: string): SetName | undefined {
  return SET_NAMES.find(set => (CORPUS_SETS[set] as readonly string[]).includes(corpus));
}
