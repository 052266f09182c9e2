// `codebase-context eval`: completion quality with a real model on the user's own code. Each sampled line
// is masked exactly as the benchmark masks it, its context built by the engine under every strategy and
// budget, the prompt rendered for the model family, and the model's answer scored against the line.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContextEngine, STRATEGY_NAMES } from '../core/engine';
import { scoreLine } from '../core/eval/completion-metrics';
import { languageForPath } from '../core/languages';
import type { EvalPosition } from '../core/eval/index-positions';
import { maskLine } from '../core/eval/mask-line';
import { ModelClient, ModelError } from '../core/model';
import { formatForModel, renderPrompt, type PromptFormat } from '../core/prompt';
import { EVAL_USAGE, parseEvalArgs, type EvalArgs } from './eval-args';
import { appendRecord, loadRecords, recordKey, ResultsFileError, type EvalRecord } from './eval-results';
import { formatSummaryTable, summarizeRecords, type EvalSummary } from './eval-summary';
import { EXIT, UsageError, type CliIO } from './io';
import { progressBar } from './progress-bar';

/** Enough for one line and a little more; greedy decoding, as RepoBench and CrossCodeEval decode. */
const EVAL_MAX_OUTPUT_TOKENS = 64;
const EVAL_TEMPERATURE = 0;

export async function runEvalCommand(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${EVAL_USAGE}\n`);
    return EXIT.ok;
  }
  let args: EvalArgs;
  let client: ModelClient;
  try {
    args = parseEvalArgs(argv, STRATEGY_NAMES);
    client = modelClient(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`codebase-context eval: ${error.message}\n\n${EVAL_USAGE}\n`);
    return EXIT.usage;
  }
  const fail = (message: string) => {
    io.stderr.write(`codebase-context eval: ${message}\n`);
    return EXIT.failure;
  };
  let records: EvalRecord[];
  try {
    records = args.out ? loadRecords(args.out) : [];
  } catch (error) {
    if (!(error instanceof ResultsFileError)) throw error;
    return fail(error.message);
  }
  const bar = progressBar(io.stderr);
  let engine: ContextEngine;
  try {
    engine = await ContextEngine.open({ root: args.root, cacheDir: args.cacheDir, onProgress: bar.update });
  } catch (error) {
    bar.done();
    return fail((error as Error).message);
  }
  try {
    const positions = engine.samplePositions({ maxPositions: args.positions });
    if (positions.length === 0) {
      return fail(`no line in ${args.root} uses a name declared in another of its files, so there is nothing to measure. Point --root at a project with several source files.`);
    }
    const format = args.format === 'auto' ? formatForModel(args.model) : args.format;
    // What an editor does while idle after indexing, so the context latency is the one users meet.
    await engine.warmUp();
    const wanted = new Set(positions.flatMap(p => args.strategies.flatMap(strategy => args.budgets.map(budget => recordKey({ file: p.file, line: p.line + 1, strategy, budget, model: args.model })))));
    const done = new Map(records.filter(r => wanted.has(recordKey(r))).map(r => [recordKey(r), r]));
    let failure: string | undefined;
    try {
      await askAll(engine, client, args, format, positions, done, bar.update);
    } catch (error) {
      if (error instanceof ModelError) failure = `${error.userMessage}${COMMAND_LINE_HINTS[error.code] ?? ''}`;
      else if (error instanceof ResultsFileError) failure = error.message;
      else throw error;
    } finally {
      bar.done();
    }
    const summary: EvalSummary = { model: args.model, format, positions: positions.length, rows: summarizeRecords([...done.values()], args.strategies, args.budgets) };
    io.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : `${formatSummaryTable(summary)}\n`);
    if (!failure) return EXIT.ok;
    const kept = args.out
      ? `${done.size} of ${wanted.size} results are in ${args.out}; run the same command again to go on from there.`
      : `${done.size} of ${wanted.size} results are summarised above; pass --out FILE to keep results and resume after an error.`;
    return fail(`${failure}\n${kept}`);
  } finally {
    await engine.dispose();
  }
}

/** The model errors speak of the editor's settings; on the command line the same fix has another name. */
const COMMAND_LINE_HINTS: Partial<Record<ModelError['code'], string>> = {
  unauthorized: ' On the command line, put the key in the environment variable CODEBASE_CONTEXT_API_KEY.',
  forbidden: ' On the command line: --model, or the key in CODEBASE_CONTEXT_API_KEY.',
  'not-found': ' On the command line: --endpoint and --model.',
  unreachable: ' On the command line: --endpoint.',
  timeout: ' On the command line: --timeout-ms.',
};

function modelClient(args: EvalArgs): ModelClient {
  try {
    // The key comes from the environment only: never a flag, so it stays out of shell history and `ps`.
    const apiKey = process.env.CODEBASE_CONTEXT_API_KEY || undefined;
    return new ModelClient({ baseUrl: args.endpoint, apiKey, model: args.model, maxTokens: EVAL_MAX_OUTPUT_TOKENS, temperature: EVAL_TEMPERATURE, timeoutMs: args.timeoutMs });
  } catch (error) {
    throw new UsageError(`--endpoint: ${(error as Error).message.replace('Set Settings › Codebase Context › Endpoint to', 'Pass')}`);
  }
}

/** Asks every (position, strategy, budget) not in `done`, appending each answer as soon as it is scored. */
async function askAll(
  engine: ContextEngine,
  client: ModelClient,
  args: EvalArgs,
  format: PromptFormat,
  positions: readonly EvalPosition[],
  done: Map<string, EvalRecord>,
  progress: (p: { phase: string; done: number; total: number }) => void,
): Promise<void> {
  const total = positions.length * args.strategies.length * args.budgets.length;
  const never = new AbortController().signal;
  for (const position of positions) {
    const language = languageForPath(position.file)!;
    const masked = maskLine((await engine.text(position.file))!, position.line);
    for (const strategy of args.strategies) {
      for (const budget of args.budgets) {
        const key = { file: position.file, line: position.line + 1, strategy, budget, model: args.model };
        if (done.has(recordKey(key))) continue;
        progress({ phase: 'evaluating', done: done.size, total });
        const started = performance.now();
        // The budget bounds the prompt the model gets, template included, as the model's family counts it.
        const repoName = path.basename(args.root);
        const result = await engine.buildContext({ file: position.file, text: masked.text, position: masked.position, budgetTokens: budget, strategy, format, repoName });
        const contextMs = performance.now() - started;
        const prompt = renderPrompt({ context: result.context, prefix: result.prefix, suffix: result.suffix, file: position.file, language, format, repoName });
        const asked = performance.now();
        const completion = await client.complete(prompt, never);
        const record: EvalRecord = {
          ...key,
          target: position.target,
          completion,
          ...scoreLine(completion, position.target, language),
          // Set whenever the request names a format: the prompt's tokens as the model's family counts them.
          promptTokens: result.manifest.promptTokens!,
          contextMs: round(contextMs),
          modelMs: round(performance.now() - asked),
        };
        if (args.out) appendRecord(args.out, record);
        done.set(recordKey(key), record);
      }
    }
  }
  progress({ phase: 'evaluating', done: total, total });
}

const round = (ms: number) => Math.round(ms * 10) / 10;
