import * as fs from 'node:fs';
import { ContextEngine, STRATEGY_NAMES } from '../core/engine';
import { HeadlessLanguageFacts, parseLanguageServersText, type ServerRegistryOptions } from '../core/facts';
import { languageForPath } from '../core/languages';
import type { EngineApi } from '../core/service/api';
import type { ContextResult, Position } from '../core/types';
import { CONTEXT_USAGE, parseContextArgs, type ContextArgs } from './context-args';
import { jsonResult, plainPrompt, table } from './context-output';
import { cursorAfter, maskedBuffer, parsePositions, type PositionSpec } from './context-positions';
import { EXIT, UsageError, type CliIO } from './io';

/** `codebase-context context ...`: the exit code; 2 with the usage on stderr for a usage mistake. */
export async function runContextCommand(argv: readonly string[], io: CliIO): Promise<number> {
  let args: ContextArgs;
  let positions: PositionSpec[] = [];
  let servers: ServerRegistryOptions['servers'];
  try {
    args = parseContextArgs(argv, STRATEGY_NAMES);
    if (args.lspServers) servers = readLspServers(args.lspServers);
    if (args.kind === 'batch') positions = parsePositions(readInput(args.positions, '--positions'), args.positions);
    if (args.kind === 'single' && args.textFile) readInput(args.textFile, '--text-file');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`codebase-context context: ${error.message}\n\n${CONTEXT_USAGE}\n`);
    return EXIT.usage;
  }
  let engine: EngineApi;
  try {
    // The engine owns the servers from here and ends them in dispose: no process outlives the command.
    const facts = args.factsBudgetMs === undefined ? undefined : new HeadlessLanguageFacts({ root: args.root, servers });
    engine = await ContextEngine.open({ root: args.root, cacheDir: args.cacheDir, facts, factsBudgetMs: args.factsBudgetMs });
    // A one-off command answers at once: without this, a start from the cache has no other file's text yet.
    // A single answer gains nothing from a rehearsal (engine.ts), a batch does.
    await engine.warmUp({ rehearse: args.kind === 'batch' });
  } catch (error) {
    io.stderr.write(`codebase-context context: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  try {
    return args.kind === 'single' ? await answerOne(engine, args, io) : await answerBatch(engine, args, positions, io);
  } catch (error) {
    io.stderr.write(`codebase-context context: ${(error as Error).message}\n`);
    return exitCodeFor(error);
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

/** The configured servers of --lsp-servers; every mistake in the file is a usage error, all of them said at once. */
function readLspServers(file: string): ServerRegistryOptions['servers'] {
  const { servers, problems } = parseLanguageServersText(readInput(file, '--lsp-servers'), `--lsp-servers ${file}`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return servers;
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

async function answerOne(engine: EngineApi, args: Extract<ContextArgs, { kind: 'single' }>, io: CliIO): Promise<number> {
  const text = args.textFile ? readInput(args.textFile, '--text-file') : await currentText(engine, args.file);
  const cursor = 'after' in args.cursor ? cursorAfter(text, args.cursor.after, args.file) : args.cursor;
  const { position } = maskedBuffer(text, { file: args.file, ...cursor });
  // Every budget is built and checked before any is printed: a budget too small prints nothing but why.
  const results: ContextResult[] = [];
  for (const budget of args.budgets) results.push(withinBudget(await build(engine, args, args.file, text, position, budget)));
  for (const result of results) {
    if (args.output === 'json') io.stdout.write(`${JSON.stringify(jsonResult(result))}\n`);
    else if (args.output === 'prompt') io.stdout.write(plainPrompt(result, languageOf(args.file)));
    else io.stdout.write(`${table(result)}\n\n`);
  }
  return EXIT.ok;
}

/**
 * Indexes once, then answers every position at every budget: one JSON object per line. A position that
 * cannot be answered (unknown file, cursor past the end, budget too small) gets `{ id, budget, error }`
 * lines and the batch goes on; it then exits as the worst of those positions would have on its own.
 */
async function answerBatch(engine: EngineApi, args: Extract<ContextArgs, { kind: 'batch' }>, positions: readonly PositionSpec[], io: CliIO): Promise<number> {
  let exit: number = EXIT.ok;
  let answers = 0;
  let failed = 0;
  for (const spec of positions) {
    const budgets = spec.budget !== undefined ? [spec.budget] : args.budgets;
    let buffer: { text: string; position: Position } | undefined;
    for (const budget of budgets) {
      let line: Record<string, unknown>;
      try {
        buffer ??= maskedBuffer(await currentText(engine, spec.file), spec);
        const result = withinBudget(await build(engine, args, spec.file, buffer.text, buffer.position, budget));
        const m = result.manifest;
        line = { id: spec.id, budget, items: m.items, usedTokens: m.usedTokens, timingsMs: m.timingsMs, ...(m.facts ? { facts: m.facts } : {}) };
        if (args.withPrompt) line.prompt = plainPrompt(result, languageOf(spec.file));
      } catch (error) {
        line = { id: spec.id, budget, error: (error as Error).message };
        exit = Math.max(exit, exitCodeFor(error));
        failed++;
      }
      io.stdout.write(`${JSON.stringify(line)}\n`);
      answers++;
    }
  }
  if (failed > 0) io.stderr.write(`codebase-context context: ${failed} of ${answers} answers could not be given; their lines carry an "error" field\n`);
  return exit;
}

/** The packer always keeps the current file's path header, so no budget below it can be met: say the least that can. */
function withinBudget(result: ContextResult): ContextResult {
  const m = result.manifest;
  if (m.usedTokens > m.budget) {
    throw new UsageError(`budget ${m.budget} is smaller than the smallest prompt for ${m.file}: its path header alone takes ${m.usedTokens} tokens, so the budget must be at least ${m.usedTokens}`);
  }
  return result;
}

function exitCodeFor(error: unknown): number {
  return error instanceof UsageError ? EXIT.usage : EXIT.failure;
}

function languageOf(file: string) {
  const language = languageForPath(file);
  if (!language) throw new Error(`${file} is not in a supported language.`);
  return language;
}
