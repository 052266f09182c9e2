import * as path from 'node:path';
import type { PromptFormat } from '../core/prompt';
import type { StrategyName } from '../core/types';
import { parseFlags, positiveInteger, UsageError } from './io';

export const EVAL_USAGE = `usage: codebase-context eval --root DIR --endpoint URL --model M [--strategy S,...] [--budget N,...]
                             [--n K] [--out results.jsonl] [--json] [--format F] [--timeout-ms T] [--no-cache]

Measures what the context does to completions on your own code: masks K sampled lines that use names
declared in other files, asks the model to fill each line under every strategy and budget, and reports
exact match, edit similarity and identifier match (RepoBench / CrossCodeEval), prompt tokens and latency.
  --root DIR           the workspace folder (indexed once per run)
  --endpoint URL       an OpenAI-compatible server, usually ending in /v1 (key: $CODEBASE_CONTEXT_API_KEY)
  --model M            the model name as the server knows it; also chooses the prompt format
  --strategy S,...     strategies side by side (default ours,none): ours, none, jaccard, bm25, repomap, imports
  --budget N,...       token budgets of the prompt (default 4096)
  --n K                positions to sample (default 50); the sample is seeded, the same on every run
  --out F              append one JSON line per (position, strategy, budget) to F, and skip those already
                       in F: an interrupted run resumes where it stopped
  --json               print the summary as JSON instead of a table
  --format F           prompt format: auto (default, from the model name), qwen, starcoder, deepseek,
                       codestral, codellama, suffix-field, chat
  --timeout-ms T       give up on one model request after T ms (default 30000)
  --no-cache           neither read nor write the on-disk index cache`;

export const DEFAULT_EVAL_STRATEGIES: readonly StrategyName[] = ['ours', 'none'];
export const DEFAULT_EVAL_BUDGETS: readonly number[] = [4096];
export const DEFAULT_EVAL_POSITIONS = 50;
/** A local 7B model on a CPU can take seconds per completion; a stuck server should still fail the run. */
export const DEFAULT_EVAL_TIMEOUT_MS = 30_000;

const FORMATS: readonly (PromptFormat | 'auto')[] = ['auto', 'qwen', 'starcoder', 'deepseek', 'codestral', 'codellama', 'suffix-field', 'chat'];

export interface EvalArgs {
  readonly root: string;
  readonly endpoint: string;
  readonly model: string;
  readonly strategies: readonly StrategyName[];
  readonly budgets: readonly number[];
  readonly positions: number;
  readonly out?: string;
  readonly json: boolean;
  readonly format: PromptFormat | 'auto';
  readonly timeoutMs: number;
  readonly cacheDir: false | undefined;
}

export function parseEvalArgs(argv: readonly string[], known: readonly StrategyName[]): EvalArgs {
  const values = parseFlags(argv, {
    root: { type: 'string' },
    endpoint: { type: 'string' },
    model: { type: 'string' },
    strategy: { type: 'string' },
    budget: { type: 'string' },
    n: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    format: { type: 'string', default: 'auto' },
    'timeout-ms': { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
  });
  if (!values.root) throw new UsageError('--root DIR is required');
  if (!values.endpoint) throw new UsageError('--endpoint URL is required (e.g. --endpoint http://localhost:8080/v1)');
  if (!values.model) throw new UsageError('--model M is required (the model name as the server knows it)');
  const list = (value: string) => value.split(',').map(v => v.trim()).filter(Boolean);
  const strategies = values.strategy === undefined ? DEFAULT_EVAL_STRATEGIES : (list(values.strategy) as StrategyName[]);
  const unknown = strategies.filter(s => !known.includes(s));
  if (unknown.length > 0 || strategies.length === 0) throw new UsageError(`--strategy takes some of ${known.join(', ')}, not '${values.strategy}'`);
  const format = values.format as PromptFormat | 'auto';
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  return {
    root: path.resolve(values.root),
    endpoint: values.endpoint,
    model: values.model,
    strategies,
    budgets: values.budget === undefined ? DEFAULT_EVAL_BUDGETS : list(values.budget).map(b => positiveInteger('--budget', b)),
    positions: values.n === undefined ? DEFAULT_EVAL_POSITIONS : positiveInteger('--n', values.n),
    ...(values.out === undefined ? {} : { out: path.resolve(values.out) }),
    json: values.json,
    format,
    timeoutMs: values['timeout-ms'] === undefined ? DEFAULT_EVAL_TIMEOUT_MS : positiveInteger('--timeout-ms', values['timeout-ms']),
    cacheDir: values['no-cache'] ? false : undefined,
  };
}
