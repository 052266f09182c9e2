import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../core/engine';
import type { EngineApi } from '../core/service/api';
import type { IndexSummary } from '../core/types';
import { EXIT, parseFlags, positiveInteger, UsageError, type CliIO } from './io';
import { progressBar } from './progress-bar';

export const INDEX_USAGE = `usage: codebase-context index --root DIR [--json] [--verbose] [--exclude GLOB]... [--max-file-bytes N]
                              [--no-cache | --cache-dir DIR]

Indexes DIR with tree-sitter and prints a summary: files indexed and skipped (by reason), definitions,
references, imports resolved/unresolved, elapsed time, cache hits and peak memory.
  --json             one JSON object instead of the table; "skipped" lists each skipped file
                     { "path", "reason", "detail"? }
  --verbose          the table also lists each skipped file with its reason
  --exclude GLOB     skip files matching GLOB (repeatable), e.g. --exclude '**/*.gen.ts'
  --max-file-bytes N skip files larger than N bytes (default 1000000)
  --no-cache         neither read nor write the on-disk cache
  --cache-dir DIR    keep the cache in DIR (default: a folder under ~/.cache/codebase-context)`;

interface IndexArgs {
  readonly root: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly exclude: readonly string[];
  readonly maxFileBytes?: number;
  readonly cacheDir?: string | false;
}

function parseIndexArgs(argv: readonly string[]): IndexArgs {
  const values = parseFlags(argv, {
    root: { type: 'string' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    exclude: { type: 'string', multiple: true, default: [] },
    'max-file-bytes': { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    'cache-dir': { type: 'string' },
  });
  if (!values.root) throw new UsageError('--root DIR is required');
  const maxFileBytes = values['max-file-bytes'] === undefined ? undefined : positiveInteger('--max-file-bytes', values['max-file-bytes']);
  if (values['no-cache'] && values['cache-dir']) throw new UsageError('--no-cache and --cache-dir exclude each other');
  return {
    root: path.resolve(values.root),
    json: values.json,
    verbose: values.verbose,
    exclude: values.exclude,
    maxFileBytes,
    cacheDir: values['no-cache'] ? false : values['cache-dir'],
  };
}

export async function runIndexCommand(argv: readonly string[], io: CliIO): Promise<number> {
  let args: IndexArgs;
  try {
    args = parseIndexArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`codebase-context index: ${error.message}\n\n${INDEX_USAGE}\n`);
    return EXIT.usage;
  }
  const bar = progressBar(io.stderr);
  let engine: EngineApi | undefined;
  try {
    // A one-off command has the machine to itself: it may parse on every core.
    const maxBuildThreads = os.availableParallelism();
    engine = await ContextEngine.open({ root: args.root, excludeGlobs: args.exclude, maxFileBytes: args.maxFileBytes, cacheDir: args.cacheDir, onProgress: bar.update, maxBuildThreads });
    const summary = engine.summary;
    bar.done();
    io.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, args.verbose));
    return EXIT.ok;
  } catch (error) {
    bar.done();
    io.stderr.write(`codebase-context index: ${(error as Error).message}\n`);
    return EXIT.failure;
  } finally {
    await engine?.dispose();
  }
}

const MB = 1024 * 1024;

function formatSummary(s: IndexSummary, verbose: boolean): string {
  const byCount = (o: Partial<Record<string, number>>) =>
    Object.entries(o).sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const lines = [
    `Indexed ${s.root}`,
    `  files indexed     ${s.filesIndexed}  (${byCount(s.filesByLanguage)})`,
    `  files skipped     ${s.filesSkipped}  (${byCount(s.skippedByReason)})`,
    `  definitions       ${s.definitions}`,
    `  references        ${s.references}`,
    `  imports           ${s.imports.resolved} resolved, ${s.imports.unresolved} unresolved, ${s.imports.external} external`,
    `  cache hits        ${s.cacheHits}`,
    `  elapsed           ${s.elapsedMs} ms`,
    `  peak memory       main ${(s.peakRssBytes.main / MB).toFixed(0)} MB RSS, worker ${(s.peakRssBytes.worker / MB).toFixed(0)} MB heap`,
  ];
  for (const g of s.grammarErrors) lines.push(`  grammar failed    ${g.language}: ${g.message}`);
  for (const warning of s.warnings ?? []) lines.push(`  warning           ${warning}`);
  if (verbose) lines.push(...skippedFiles(s));
  return `${lines.join('\n')}\n`;
}

/** One line per skipped file, by path, with why it was skipped: what a user looks for when a file is missing from the context. */
function skippedFiles(s: IndexSummary): string[] {
  if (s.skipped.length === 0) return [];
  const width = Math.max(...s.skipped.map(f => f.reason.length));
  return ['  skipped files', ...s.skipped.map(f => `    ${f.reason.padEnd(width)}  ${f.path}${f.detail ? `  (${f.detail})` : ''}`)];
}
