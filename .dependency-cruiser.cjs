// The architecture, enforced (test/unit/architecture.test.ts runs it; ARCHITECTURE.md states each rule as an
// "Architecture invariant"). Data flows one way through the stages of src/core/; the engine (engine.ts,
// service/) and the evaluation harness (eval/) sit on top of them; the adapters (src/vscode/, src/cli/,
// src/extension.ts) use the engine's public surface only.

/** The stages in data-flow order: each may import only the stages before it. */
const STAGES = ['workspace', 'index', 'cursor', 'facts', 'rank', 'pack', 'prompt', 'model', 'monitor', 'complete'];
/** Files below every stage: the shared vocabulary and helpers any stage may use. */
const BASE = ['types', 'languages', 'exclusions', 'assets', 'threads', 'tokenizer', 'partition-point', 'wait-at-most'];
/** Above the stages: the facade, the engine thread and its protocol, the library entry, the evaluation harness. */
const TOP = '^src/core/(engine\\.ts$|public-api\\.ts$|service/|eval/)';
/** What adapters may import from src/core: the engine's door and the public entry files of the stages they use. */
const PUBLIC_SURFACE = [
  '^src/core/types\\.ts$',
  '^src/core/languages\\.ts$',
  '^src/core/engine\\.ts$',
  '^src/core/service/api\\.ts$',
  '^src/core/service/engine-thread\\.ts$',
  '^src/core/(facts|prompt|model|complete|pack)/index\\.ts$',
  '^src/core/eval/[^/]+\\.ts$',
];

const stageRules = STAGES.map((stage, i) => ({
  name: `stage-order-${stage}`,
  comment: `${stage}/ imports only the stages before it (${STAGES.slice(0, i).join(', ') || 'none'}) and the shared base files.`,
  severity: 'error',
  from: { path: `^src/core/${stage}/` },
  to: { path: [`^src/core/(${[...STAGES.slice(i + 1)].join('|') || '$^'})/`, TOP] },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-vscode-in-core',
      comment: 'The engine is plain TypeScript: nothing in src/core imports vscode.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '(^|/)(@types/)?vscode(/|$)' },
    },
    ...stageRules,
    {
      name: 'base-below-stages',
      comment: 'The shared base files (types, languages, exclusions, assets, threads, tokenizer, partition-point, wait-at-most) import no stage.',
      severity: 'error',
      from: { path: `^src/core/(${BASE.join('|')})\\.ts$` },
      to: { path: [`^src/core/(${STAGES.join('|')})/`, TOP] },
    },
    {
      name: 'core-knows-no-adapter',
      comment: 'The engine does not import the editor or the command line.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(vscode|cli)/|^src/extension\\.ts$' },
    },
    {
      name: 'adapters-use-public-surface',
      comment: 'src/vscode/, src/cli/ and src/extension.ts reach the engine only through its public surface (EngineApi, the engine and thread entries, types, languages, the public entry files of facts, prompt, model, complete, pack, and the eval harness).',
      severity: 'error',
      from: { path: '^src/(vscode|cli)/|^src/extension\\.ts$' },
      to: { path: '^src/core/', pathNot: PUBLIC_SURFACE },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles anywhere in src/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a stage importing a later stage's types is still backwards.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
