import * as fs from 'node:fs';
import { ContextEngine, STRATEGY_NAMES } from '../core/engine';
import { languageForPath } from '../core/languages';
import type { EngineApi } from '../core/service/api';
import type { ContextResult, Position } from '../core/types';
import { CONTEXT_USAGE, parseContextArgs, type ContextArgs } from './context-args';
import { jsonResult, plainPrompt, table } from './context-output';
import { maskedBuffer, parsePositions, type PositionSpec } from './context-positions';
import { EXIT, UsageError, type CliIO } from './io';

/** `codebase-context context ...`: the exit code; 2 with the usage on stderr for a usage mistake. */
export async function runContextCommand(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(`${CONTEXT_USAGE}\n`);
    return EXIT.ok;
  }
  let args: ContextArgs;
  let positions: PositionSpec[] = [];
  try {
    args = parseContextArgs(argv, STRATEGY_NAMES);
    if (args.kind === 'batch') positions = parsePositions(readInput(args.positions, '--positions'), args.positions);
    if (args.kind === 'single' && args.textFile) readInput(args.textFile, '--text-file');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`codebase-context context: ${error.message}\n\n${CONTEXT_USAGE}\n`);
    return EXIT.usage;
  }
  let engine: EngineApi;
  try {
    engine = await ContextEngine.open({ root: args.root, cacheDir: args.cacheDir });
  } catch (error) {
    io.stderr.write(`codebase-context context: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  try {
    if (args.kind === 'single') await answerOne(engine, args, io);
    else await answerBatch(engine, args, positions, io);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`codebase-context context: ${(error as Error).message}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failure;
  } finally {
    await engine.dispose();
  }
}

function readInput(file: string, flag: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function currentText(engine: EngineApi, file: string): Promise<string> {
  const text = await engine.text(file);
  if (text === undefined) {
    throw new Error(`${file} is not in the index of ${engine.root}: pass a path relative to --root of a supported source file that is not ignored.`);
  }
  return text;
}

function build(engine: EngineApi, args: ContextArgs, file: string, text: string, position: Position, budget: number): Promise<ContextResult> {
  return engine.buildContext({ file, text, position, budgetTokens: budget, strategy: args.strategy });
}

async function answerOne(engine: EngineApi, args: Extract<ContextArgs, { kind: 'single' }>, io: CliIO): Promise<void> {
  const text = args.textFile ? readInput(args.textFile, '--text-file') : await currentText(engine, args.file);
  const position = { line: args.line - 1, character: args.col - 1 };
  for (const budget of args.budgets) {
    const result = await build(engine, args, args.file, text, position, budget);
    if (args.output === 'json') io.stdout.write(`${JSON.stringify(jsonResult(result))}\n`);
    else if (args.output === 'prompt') io.stdout.write(plainPrompt(result, languageOf(args.file)));
    else io.stdout.write(`${table(result)}\n\n`);
  }
}

/** Indexes once, then answers every position at every budget: one JSON object per line. */
async function answerBatch(engine: EngineApi, args: Extract<ContextArgs, { kind: 'batch' }>, positions: readonly PositionSpec[], io: CliIO): Promise<void> {
  for (const spec of positions) {
    let buffer: { text: string; position: Position };
    try {
      buffer = maskedBuffer(await currentText(engine, spec.file), spec);
    } catch (error) {
      throw new Error(`position ${JSON.stringify(spec.id)}: ${(error as Error).message}`);
    }
    for (const budget of spec.budget !== undefined ? [spec.budget] : args.budgets) {
      const result = await build(engine, args, spec.file, buffer.text, buffer.position, budget);
      const m = result.manifest;
      const line: Record<string, unknown> = { id: spec.id, budget, items: m.items, usedTokens: m.usedTokens, timingsMs: m.timingsMs };
      if (args.withPrompt) line.prompt = plainPrompt(result, languageOf(spec.file));
      io.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
}

function languageOf(file: string) {
  const language = languageForPath(file);
  if (!language) throw new Error(`${file} is not in a supported language.`);
  return language;
}
