import * as path from 'node:path';
import type { StrategyName } from '../core/types';
import { parseFlags, positiveInteger, UsageError } from './io';

/**
 * A command is not typing: it can wait for a server that opens a file for the first time (the editor's
 * budget is 100 ms), so a one-off answer is not left without facts.
 */
export const CLI_FACTS_BUDGET_MS = 2000;

export const CONTEXT_USAGE = `usage: codebase-context context --root DIR --file PATH (--line L [--col C] | --after TEXT) --budget N[,N...]
                                [--text-file F] [--strategy S] [--lsp [--facts-budget MS] [--lsp-servers F]] [--json | --prompt]
       codebase-context context --root DIR --positions FILE.jsonl --budget N[,N...] [--strategy S] [--lsp [--facts-budget MS] [--lsp-servers F]] [--prompt]

Builds the context a completion model would get at a cursor position and shows what was chosen and why.
  --root DIR           the workspace folder (indexed once per run)
  --file PATH          the current file, relative to DIR
  --line L, --col C    the cursor, 1-based (--col defaults to 1)
  --after TEXT         the cursor just after TEXT, which must occur once in the file: a position that
                       stays put when lines above it are edited (scripts, demos)
  --budget N[,N...]    token budget(s); several answer each position at each budget
  --text-file F        use F's content as the current file (an unsaved buffer)
  --strategy S         ours (default), none, jaccard, bm25, repomap, imports
  --lsp                also ask the workspace's language servers (tsc --lsp, pyright) what the cursor needs:
                       definitions, binding types, the expected type; the manifest says what was missing
  --facts-budget MS    how long each position's language facts may take (default ${CLI_FACTS_BUDGET_MS})
  --lsp-servers F      a JSON file of server command lines per language, the editor's
                       codebaseContext.languageServers: { "go": { "command": "gopls" } }; they replace the
                       built-in servers for their languages and answer for the others
  --json               { "items", "budget", "usedTokens", "timingsMs" } (one line per budget; with --lsp also
                       "facts", and "timingsMs.facts")
  --prompt             the prompt text: context, then the current file's path header and its prefix
  --positions F        batch: one JSON object per line { "id", "file", "line", "col"?, "budget"?, "mask"? };
                       mask "line" empties that line and puts the cursor at its start, "rest" removes
                       everything from that line on; prints one JSON object per position and budget, and
                       { "id", "budget", "error" } for one that cannot be answered (the batch goes on, then
                       exits non-zero)
  --no-cache           neither read nor write the on-disk index cache`;

export type OutputMode = 'table' | 'json' | 'prompt';

interface Common {
  readonly root: string;
  readonly budgets: readonly number[];
  readonly strategy: StrategyName;
  readonly cacheDir: false | undefined;
  /** Language facts from the headless servers, and their budget per position; undefined without --lsp. */
  readonly factsBudgetMs: number | undefined;
  /** The JSON file of configured language servers (server-config.ts), with --lsp. */
  readonly lspServers: string | undefined;
}

/** Where the cursor of a single position is: a 1-based line and column, or just after a text found once in the file. */
export type CursorSpec = { readonly line: number; readonly col: number } | { readonly after: string };

export type ContextArgs =
  | (Common & { readonly kind: 'single'; readonly file: string; readonly cursor: CursorSpec; readonly textFile?: string; readonly output: OutputMode })
  | (Common & { readonly kind: 'batch'; readonly positions: string; readonly withPrompt: boolean });

export function parseContextArgs(argv: readonly string[], strategies: readonly StrategyName[]): ContextArgs {
  const values = parseFlags(argv, {
    root: { type: 'string' },
    file: { type: 'string' },
    line: { type: 'string' },
    col: { type: 'string' },
    after: { type: 'string' },
    budget: { type: 'string' },
    'text-file': { type: 'string' },
    strategy: { type: 'string', default: 'ours' },
    json: { type: 'boolean', default: false },
    prompt: { type: 'boolean', default: false },
    positions: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    lsp: { type: 'boolean', default: false },
    'facts-budget': { type: 'string' },
    'lsp-servers': { type: 'string' },
  });
  if (!values.root) throw new UsageError('--root DIR is required');
  if (!values.budget) throw new UsageError('--budget N is required (e.g. --budget 2048 or --budget 2048,8192)');
  const budgets = values.budget.split(',').map(b => positiveInteger('--budget', b.trim()));
  const strategy = values.strategy as StrategyName;
  if (!strategies.includes(strategy)) throw new UsageError(`--strategy must be one of ${strategies.join(', ')}, not '${values.strategy}'`);
  if (values.json && values.prompt) throw new UsageError('--json and --prompt exclude each other');
  for (const flag of ['facts-budget', 'lsp-servers'] as const) {
    if (values[flag] !== undefined && !values.lsp) throw new UsageError(`--${flag} goes with --lsp`);
  }
  if (values.lsp && strategy !== 'ours') throw new UsageError(`--lsp feeds the ranking of --strategy ours only, not '${strategy}'`);
  const factsBudgetMs = values.lsp ? (values['facts-budget'] === undefined ? CLI_FACTS_BUDGET_MS : positiveInteger('--facts-budget', values['facts-budget'])) : undefined;
  const lspServers = values['lsp-servers'] === undefined ? undefined : path.resolve(values['lsp-servers']);
  const common: Common = { root: path.resolve(values.root), budgets, strategy, cacheDir: values['no-cache'] ? false : undefined, factsBudgetMs, lspServers };
  if (values.positions) {
    for (const flag of ['file', 'line', 'col', 'after', 'text-file'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not go with --positions (each line of the positions file names its own)`);
    }
    return { ...common, kind: 'batch', positions: path.resolve(values.positions), withPrompt: values.prompt };
  }
  if (!values.file) throw new UsageError('--file PATH is required (or --positions FILE.jsonl)');
  if (values.after !== undefined && (values.line !== undefined || values.col !== undefined)) throw new UsageError('--after places the cursor itself: give it without --line and --col');
  if (values.after === '') throw new UsageError('--after needs the text to place the cursor after');
  if (values.after === undefined && !values.line) throw new UsageError('--line L (or --after TEXT) is required');
  const cursor: CursorSpec =
    values.after !== undefined
      ? { after: values.after }
      : { line: positiveInteger('--line', values.line!), col: values.col === undefined ? 1 : positiveInteger('--col', values.col) };
  return {
    ...common,
    kind: 'single',
    file: values.file.replace(/\\/g, '/'),
    cursor,
    textFile: values['text-file'] === undefined ? undefined : path.resolve(values['text-file']),
    output: values.json ? 'json' : values.prompt ? 'prompt' : 'table',
  };
}
